#include "analyzer/jwt/strict_json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <vector>

namespace capmig::jwt {
namespace json = boost::json;
namespace {

// Builds the value with a value_stack and remembers each open object's keys, so a
// duplicate is an error at the object's end.
struct Handler {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  json::value_stack st;
  std::vector<std::vector<std::string>> keys;  // one list per open object
  std::string partial_key;
  std::string duplicate;
  bool has_duplicate = false;  // the duplicate may be the empty key

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    keys.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code& ec) {
    auto& k = keys.back();
    std::sort(k.begin(), k.end());
    if (auto it = std::adjacent_find(k.begin(), k.end()); it != k.end()) {
      duplicate = *it;
      has_duplicate = true;
      ec = json::error::syntax;  // any error stops the parser; `duplicate` says which
      return false;
    }
    keys.pop_back();
    st.push_object(n);
    return true;
  }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t n, json::error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    partial_key.append(s.data(), s.size());
    st.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    partial_key.append(s.data(), s.size());
    keys.back().push_back(std::move(partial_key));
    partial_key.clear();
    st.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(json::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return false; }
  bool on_comment(json::string_view, json::error_code&) { return false; }
};

json::parse_options strict_options(unsigned max_depth) {
  json::parse_options opt;
  opt.max_depth = max_depth;
  opt.allow_comments = false;
  opt.allow_trailing_commas = false;
  opt.allow_invalid_utf8 = false;
  return opt;
}

}  // namespace

Result<json::value, std::string> parse_strict(std::string_view text, unsigned max_depth) {
  json::basic_parser<Handler> p(strict_options(max_depth));
  p.handler().st.reset();
  json::error_code ec;
  const std::size_t used = p.write_some(false, text.data(), text.size(), ec);
  if (p.handler().has_duplicate)
    return Unexpected{"duplicate member name \"" + p.handler().duplicate + "\""};
  if (ec) {
    std::string what = ec == json::error::too_deep ? "nested deeper than " + std::to_string(max_depth) + " levels"
                       : ec == json::error::syntax ? "invalid JSON or UTF-8"
                                                   : ec.message();
    return Unexpected{what + " at byte " + std::to_string(used)};
  }
  if (used != text.size()) return Unexpected{"trailing data at byte " + std::to_string(used)};
  if (!p.done()) return Unexpected{std::string("JSON ends early")};
  return p.handler().st.release();
}

Result<json::object, std::string> parse_strict_object(std::string_view text, unsigned max_depth) {
  auto v = parse_strict(text, max_depth);
  if (!v) return Unexpected{v.error()};
  if (!v->is_object()) return Unexpected{std::string("not a JSON object")};
  return std::move(v->as_object());
}

}  // namespace capmig::jwt
