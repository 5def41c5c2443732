// The samples carry their own expectations (samples/legacy/README.md), clang-tidy/semgrep
// style:
//   `capmig-expect: <rule-id> <category> key=value…` on the line where each finding starts:
//     the named rule must report exactly that finding (same line, rule, category, every key);
//   `capmig-negative: <rule-id>` anywhere in a file: the file holds a near miss of that rule's
//     target (migrated code, a mention, a look-alike class) and the rule must report nothing.
// A file with neither stays silent. Every rule in rules/*.json needs at least one sample of
// each kind, so a rule's tests can be found from its id. The fix-proof cases carry the same
// annotations and are held to them too.
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
  std::string rule_id;
  std::string category;
  std::map<std::string, std::string> keys;
  std::string text;
};

struct Negative {
  std::uint32_t line = 0;
  std::string rule_id;
};

// What a sample file says about itself.
struct Annotations {
  std::vector<Expectation> expected;
  std::vector<Negative> negatives;
  std::vector<std::string> malformed;  // "line: text" of annotations that do not parse
};

bool value_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_,?.-+%").find(c) != std::string_view::npos;
}

bool rule_id_char(char c) {
  return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-';
}

bool is_category(const std::string& s) {
  return s == "capability-mint" || s == "capability-client" || s == "embedded-token" || s == "hardcoded-secret";
}

Annotations annotations(const std::string& text) {
  Annotations out;
  std::istringstream in(text);
  std::string line;
  std::uint32_t n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (auto pos = line.find("capmig-negative"); pos != std::string::npos) {
      // "capmig-negative:" SP rule-id [ SP free text ]
      pos += std::string_view("capmig-negative").size();
      std::string id;
      if (pos < line.size() && line[pos] == ':') {
        for (++pos; pos < line.size() && line[pos] == ' '; ++pos) {
        }
        for (; pos < line.size() && rule_id_char(line[pos]); ++pos) id += line[pos];
      }
      if (id.empty())
        out.malformed.push_back(std::to_string(n) + ": " + line);
      else
        out.negatives.push_back({n, id});
    }
    auto pos = line.find("capmig-expect");
    if (pos == std::string::npos) continue;
    std::uint32_t at = n;
    pos += std::string_view("capmig-expect").size();
    if (line.compare(pos, 10, "-next-line") == 0) {
      at = n + 1;
      pos += 10;
    }
    if (pos >= line.size() || line[pos] != ':') {
      out.malformed.push_back(std::to_string(n) + ": " + line);
      continue;
    }
    ++pos;
    // expectation *( ";" SP expectation ), each: rule-id SP category *( SP key=value )
    std::string rest;
    for (std::size_t i = pos; i < line.size(); ++i) {
      const char c = line[i];
      if (value_char(c) || c == ' ' || c == ';' || c == '=')
        rest += c;
      else
        break;
    }
    std::istringstream parts(rest);
    std::string part;
    while (std::getline(parts, part, ';')) {
      std::istringstream words(part);
      Expectation e;
      e.line = at;
      e.text = part;
      words >> e.rule_id >> e.category;
      std::string kv;
      bool ok = !e.rule_id.empty() && is_category(e.category);
      while (words >> kv) {
        auto eq = kv.find('=');
        if (eq == std::string::npos || eq == 0)
          ok = false;
        else
          e.keys[kv.substr(0, eq)] = kv.substr(eq + 1);
      }
      if (ok)
        out.expected.push_back(std::move(e));
      else
        out.malformed.push_back(std::to_string(n) + ": " + part);
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
  if (key == "built") {
    if (!f.provided_by) return "none";
    const auto slash = f.provided_by->path.rfind('/');
    return slash == std::string::npos ? f.provided_by->path : f.provided_by->path.substr(slash + 1);
  }
  if (key == "provided") return std::to_string(f.provides.size());
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

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> sample_files(const fs::path& dir) {
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename() != "README.md") paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  return paths;
}

// The ids of rules/*.json as they are in the source tree (a rule added there without samples
// fails the coverage test below even before the binary embeds it).
std::set<std::string> rule_ids_in_source() {
  std::set<std::string> ids;
  for (const auto& e : fs::directory_iterator("rules")) {
    if (e.path().extension() != ".json") continue;
    auto rule = parse_rule(read_file(e.path()), e.path().generic_string());
    INFO(e.path() << ": " << (rule.ok() ? "" : rule.error()));
    REQUIRE(rule.ok());
    ids.insert(rule->summary.id);
  }
  return ids;
}

struct SampleTotals {
  std::size_t files = 0, expected = 0, negatives = 0;
};

// Scans `dir` as one repository (a helper in one file is configured by its caller in another)
// and holds each file to its annotations.
SampleTotals check_samples(const fs::path& dir, const RuleSet& rules) {
  ScanOptions scan_options;
  scan_options.walk.roots = {dir};
  MatchOptions& opts = scan_options.match;
  opts.table = &capmig::map::MappingTable::builtin();
  opts.now = 1700000000;
  const ScanReport report = capmig::scan::scan(scan_options, rules);
  CHECK(report.errors.empty());
  std::map<std::string, std::vector<Finding>> by_path;
  for (const auto& f : report.findings) by_path[f.path].push_back(f);
  std::set<std::string> known;
  for (const auto& r : rules.rules) known.insert(r.summary.id);
  SampleTotals totals;
  for (const auto& path : sample_files(dir)) {
    const std::string text = read_file(path);
    const std::string rel = fs::relative(path, dir).generic_string();
    const auto& findings = by_path[rel];
    const auto notes = annotations(text);
    ++totals.files;
    totals.expected += notes.expected.size();
    totals.negatives += notes.negatives.size();
    for (const auto& bad : notes.malformed) {
      INFO(rel << ":" << bad);
      FAIL_CHECK(
          "annotation does not parse: capmig-expect: <rule-id> <category> key=value…, capmig-negative: <rule-id>");
    }
    std::vector<bool> used(findings.size(), false);
    for (const auto& e : notes.expected) {
      INFO(rel << ":" << e.line << " expects " << e.text);
      CHECK(known.count(e.rule_id) == 1);
      std::size_t match = findings.size();
      for (std::size_t i = 0; i < findings.size(); ++i)
        if (!used[i] && findings[i].location.line == e.line && findings[i].rule_id == e.rule_id &&
            std::string(to_string(findings[i].category)) == e.category) {
          match = i;
          break;
        }
      if (match == findings.size()) {
        for (const auto& f : findings)
          if (f.location.line == e.line)
            UNSCOPED_INFO("on that line: " << to_string(f.category) << " [" << f.rule_id << "]");
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
    for (const auto& n : notes.negatives) {
      INFO(rel << ":" << n.line << " capmig-negative: " << n.rule_id);
      CHECK(known.count(n.rule_id) == 1);
      for (const auto& e : notes.expected) {
        INFO("the same file expects " << e.text << " on line " << e.line);
        CHECK(e.rule_id != n.rule_id);
      }
      for (const auto& f : findings) {
        INFO("found on line " << f.location.line << ": " << f.snippet);
        CHECK(f.rule_id != n.rule_id);
      }
    }
    for (std::size_t i = 0; i < findings.size(); ++i) {
      if (used[i]) continue;
      INFO(rel << ":" << findings[i].location.line << " unexpected " << to_string(findings[i].category) << " ["
               << findings[i].rule_id << "] " << findings[i].snippet);
      CHECK(used[i]);
    }
  }
  return totals;
}

}  // namespace

TEST_CASE("every legacy sample yields exactly its annotated findings", "[scan][samples]") {
  auto rules = load_rules({});
  REQUIRE(rules.ok());
  const auto totals = check_samples("samples/legacy", *rules);
  CHECK(totals.files >= 40);
  CHECK(totals.expected >= 80);
  CHECK(totals.negatives >= rules->rules.size());
}

TEST_CASE("every fix-proof case yields exactly its annotated findings", "[scan][samples]") {
  auto rules = load_rules({});
  REQUIRE(rules.ok());
  const auto totals = check_samples("tests/fix_proof/cases", *rules);
  CHECK(totals.files >= 10);
  CHECK(totals.expected >= totals.files);
}

TEST_CASE("every rule has a positive and a negative sample", "[scan][samples][rules]") {
  auto rules = load_rules({});
  REQUIRE(rules.ok());
  const auto ids = rule_ids_in_source();
  std::set<std::string> loaded;
  for (const auto& r : rules->rules) loaded.insert(r.summary.id);
  CHECK(ids == loaded);  // the binary embeds exactly rules/*.json
  REQUIRE(ids.size() >= 20);

  std::map<std::string, std::vector<std::string>> positive, negative;
  for (const auto& path : sample_files("samples/legacy")) {
    const auto notes = annotations(read_file(path));
    const std::string rel = fs::relative(path, "samples/legacy").generic_string();
    for (const auto& e : notes.expected) positive[e.rule_id].push_back(rel);
    for (const auto& n : notes.negatives) negative[n.rule_id].push_back(rel);
  }
  for (const auto& id : ids) {
    INFO("rule " << id << " (rules/" << id << ".json)");
    {
      INFO("needs a positive sample: a file under samples/legacy with `capmig-expect: " << id << " <category> …`");
      CHECK(positive.count(id) == 1);
    }
    {
      INFO("needs a negative sample: a file under samples/legacy with `capmig-negative: " << id << "`");
      CHECK(negative.count(id) == 1);
    }
  }
}
