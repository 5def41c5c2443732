#pragma once
// Loads ../shared/vectors/*.json: tokens minted by the official helper libraries.
#include <boost/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace capmig::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline boost::json::array load_vectors(const std::string& name) {
  auto doc = boost::json::parse(read_file(std::string(CAPMIG_SHARED_DIR) + "/vectors/" + name));
  return doc.at("vectors").as_array();
}

inline std::string str(const boost::json::value& v, const char* key) { return std::string(v.at(key).as_string()); }

}  // namespace capmig::test
