// The samples carry their own expectations (samples/legacy/README.md): a
// `capmig-expect: <category> key=value…` comment on the line where each finding starts. This
// test scans every sample through the library and requires exactly the annotated findings:
// same line, same category, and every key's value; files without annotations must stay silent.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"

namespace fs = std::filesystem;
using namespace capmig;
using namespace capmig::scan;

namespace {

struct Expectation {
  std::uint32_t line = 0;
  std::string category;
  std::map<std::string, std::string> keys;
  std::string text;
};

bool value_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_,?.-+%").find(c) != std::string_view::npos;
}

std::vector<Expectation> expectations(const std::string& text) {
  std::vector<Expectation> out;
  std::istringstream in(text);
  std::string line;
  std::uint32_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    auto pos = line.find("capmig-expect");
    if (pos == std::string::npos) continue;
    std::uint32_t at = n;
    pos += std::string_view("capmig-expect").size();
    if (line.compare(pos, 10, "-next-line") == 0) {
      at = n + 1;
      pos += 10;
    }
    if (pos >= line.size() || line[pos] != ':') continue;
    ++pos;
    // expectation *( ";" SP expectation ), each: category *( SP key=value )
    std::string rest;
    for (std::size_t i = pos; i < line.size(); ++i) {
      const char c = line[i];
      if (value_char(c) || c == ' ' || c == ';' || c == '=') rest += c;
      else break;
    }
    std::istringstream parts(rest);
    std::string part;
    while (std::getline(parts, part, ';')) {
      std::istringstream words(part);
      Expectation e;
      e.line = at;
      e.text = part;
      words >> e.category;
      std::string kv;
      while (words >> kv) {
        auto eq = kv.find('=');
        if (eq != std::string::npos) e.keys[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
      if (!e.category.empty()) out.push_back(std::move(e));
    }
  }
  return out;
}

std::string scalar(const boost::json::value& v) {
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64()) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (v.is_bool()) return v.get_bool() ? "true" : "false";
  return "<complex>";
}

// What the finding says for an annotation key, in the annotation's own spelling.
std::string actual(const Finding& f, const std::string& key) {
  auto param = [](const Param* p) -> std::string {
    if (!p) return "none";
    if (!p->value || p->value->is_null()) return "?";
    return scalar(*p->value);
  };
  const auto& caps = f.capability.fields;
  auto cap = [&](const char* name) -> const Param* {
    auto it = caps.find(name);
    return it == caps.end() ? nullptr : &it->second;
  };
  if (key == "identity") return f.mapping ? param(f.mapping->get("identity")) : "no mapping";
  if (key == "incoming") return (f.mapping && f.mapping->get("voice.incoming_allow")) ? "true" : "false";
  if (key == "app") return param(cap("outgoing_application_sid"));
  if (key == "ttl") return f.mapping ? param(f.mapping->get("ttl")) : "no mapping";
  if (key == "params") {
    const Param* p = cap("outgoing_params");
    if (!p) return "none";
    if (!p->value || !p->value->is_object()) return "?";
    std::vector<std::string> keys;
    for (const auto& [k, v] : p->value->get_object()) keys.emplace_back(k);
    std::sort(keys.begin(), keys.end());
    std::string s;
    for (const auto& k : keys) s += (s.empty() ? "" : ",") + k;
    return s;
  }
  if (key == "kind") {
    if (!f.token || !f.token->token) return "no token";
    return std::string(to_string(f.token->token->kind));
  }
  return "unknown key " + key;
}

std::string sorted_list(std::string v) {
  std::vector<std::string> items;
  std::istringstream in(v);
  std::string item;
  while (std::getline(in, item, ',')) items.push_back(item);
  std::sort(items.begin(), items.end());
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ",") + i;
  return s;
}

}  // namespace

TEST_CASE("every legacy sample yields exactly its annotated findings", "[scan][samples]") {
  auto rules = load_rules({});
  REQUIRE(rules.ok());
  MatchOptions opts;
  opts.table = &capmig::MappingTable::builtin();
  opts.now = 1700000000;
  std::size_t files = 0, expected_total = 0;
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator("samples/legacy"))
    if (e.is_regular_file() && e.path().filename() != "README.md") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  REQUIRE(paths.size() >= 40);
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const std::string rel = fs::relative(path, "samples/legacy").generic_string();
    const auto findings = scan_source(rel, text, *rules, opts);
    auto expected = expectations(text);
    ++files;
    expected_total += expected.size();
    std::vector<bool> used(findings.size(), false);
    for (const auto& e : expected) {
      INFO(rel << ":" << e.line << " expects " << e.text);
      std::size_t match = findings.size();
      for (std::size_t i = 0; i < findings.size(); ++i)
        if (!used[i] && findings[i].location.line == e.line && std::string(to_string(findings[i].category)) == e.category) {
          match = i;
          break;
        }
      CHECK(match != findings.size());
      if (match == findings.size()) continue;
      used[match] = true;
      for (const auto& [key, want] : e.keys) {
        INFO("key " << key);
        const std::string got = actual(findings[match], key);
        CHECK((key == "params" ? sorted_list(got) : got) == (key == "params" ? sorted_list(want) : want));
      }
    }
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (used[i]) continue;
      INFO(rel << ":" << findings[i].location.line << " unexpected " << to_string(findings[i].category) << " ["
                << findings[i].rule_id << "] " << findings[i].snippet);
      CHECK(used[i]);
    }
  }
  CHECK(expected_total >= 80);
}
