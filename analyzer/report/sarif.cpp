#include "analyzer/report/sarif.h"

#include <boost/json/value.hpp>

#include <filesystem>
#include <map>
#include <system_error>

#include "analyzer/report/json.h"
#include "analyzer/report/overview.h"
#include "analyzer/report/skipped.h"

namespace capmig::report {
namespace json = boost::json;
namespace fs = std::filesystem;
namespace {

std::string_view level(Severity s) {
  switch (s) {
    case Severity::high:
      return "error";
    case Severity::medium:
      return "warning";
    case Severity::low:
    case Severity::info:
      return "note";
  }
  return "note";
}

// GitHub sorts and filters security alerts by this score (CVSS-like, 0.0-10.0).
std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::high:
      return "8.0";
    case Severity::medium:
      return "5.0";
    case Severity::low:
      return "3.0";
    case Severity::info:
      return "1.0";
  }
  return "1.0";
}

// SARIF messages are sentences (validator rule SARIF2001).
std::string sentence(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out.back() != '.' && out.back() != '!' && out.back() != '?') out += '.';
  return out;
}

// SARIF wants a rule's `name` to be a Pascal-case identifier: "node-client-capability" ->
// "NodeClientCapability". The dialect in words goes to fullDescription.
std::string pascal_case(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper = true;
      continue;
    }
    out += (upper && c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

json::object rule_json(const RuleSummary& r) {
  json::array tags{"security", json::string(to_string(r.category))};
  for (Language l : r.languages) tags.emplace_back(to_string(l));
  std::string full = sentence(r.message);
  if (!r.name.empty()) full += " Dialect: " + sentence(r.name);
  const std::string help = r.help.empty() ? sentence(r.message) : r.help;
  return json::object{
      {"id", r.id},
      {"name", pascal_case(r.id)},
      {"shortDescription", json::object{{"text", sentence(r.message)}}},
      {"fullDescription", json::object{{"text", full}}},
      {"help", json::object{{"text", help}, {"markdown", help}}},
      {"defaultConfiguration", json::object{{"level", level(r.severity)}}},
      {"properties",
       json::object{
           {"tags", std::move(tags)}, {"precision", "high"}, {"security-severity", security_severity(r.severity)}}},
  };
}

json::object artifact_location(std::string_view path) {
  return json::object{{"uri", percent_encode_path(path)}, {"uriBaseId", "%SRCROOT%"}};
}

json::object physical_location(const Finding& f) {
  json::object region;
  const Location& l = f.location;
  if (l.line > 0) region["startLine"] = l.line;
  if (l.column > 0) region["startColumn"] = l.column;
  if (l.end_line > 0) region["endLine"] = l.end_line;
  if (l.end_column > 0) region["endColumn"] = l.end_column;
  if (!f.snippet.empty()) region["snippet"] = json::object{{"text", f.snippet}};
  json::object loc{{"artifactLocation", artifact_location(f.path)}};
  if (l.line > 0) loc["region"] = std::move(region);
  return loc;
}

json::object result_json(const Finding& f, const std::map<std::string_view, std::size_t>& rule_index,
                         const SarifOptions& options) {
  json::object r;
  r["ruleId"] = f.rule_id;
  if (auto it = rule_index.find(f.rule_id); it != rule_index.end()) r["ruleIndex"] = it->second;
  r["level"] = level(f.severity);
  r["message"] = json::object{{"text", sentence(f.message.empty() ? f.rule_id : f.message)}};
  r["locations"] = json::array{json::object{{"physicalLocation", physical_location(f)}}};
  r["partialFingerprints"] = json::object{{kFingerprintKey, f.id}};
  if (options.baseline_given) r["baselineState"] = f.is_new ? "new" : "unchanged";
  if (options.fixes) {
    if (json::array fixes = options.fixes(f); !fixes.empty()) r["fixes"] = std::move(fixes);
  }
  r["properties"] = json::object{{"category", to_string(f.category)},
                                 {"severity", to_string(f.severity)},
                                 {"language", spec_name(f.language)},
                                 {"capability", capability_params_to_json(f.capability)},
                                 {"mapping", mapping_fields_to_json(f.mapping)}};
  return r;
}

json::object notification_json(const ScanError& e) {
  json::object n{{"level", "error"},
                 {"message", json::object{{"text", sentence(e.path.empty() ? e.message : e.path + ": " + e.message)}}}};
  if (!e.path.empty())
    n["locations"] =
        json::array{json::object{{"physicalLocation", json::object{{"artifactLocation", artifact_location(e.path)}}}}};
  return n;
}

}  // namespace

std::string percent_encode_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string root_file_uri(const std::string& root) {
  std::error_code ec;
  fs::path dir = fs::absolute(root.empty() ? fs::path(".") : fs::path(root), ec).lexically_normal();
  if (fs::is_regular_file(dir, ec)) dir = dir.parent_path();
  std::string s = dir.generic_string();
  // lexically_normal keeps a trailing separator for "x/." and "x/"; the URI needs exactly one.
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  if (s != "/") s += '/';
  return "file://" + percent_encode_path(s);
}

json::object scan_to_sarif(const ScanReport& report, const SarifOptions& options) {
  json::array rules;
  std::map<std::string_view, std::size_t> rule_index;
  for (const auto& r : report.rules) {
    rule_index.emplace(r.id, rules.size());
    rules.emplace_back(rule_json(r));
  }
  json::array results;
  for (const auto& f : report.findings) results.emplace_back(result_json(f, rule_index, options));
  json::array notifications;
  for (const auto& e : report.errors) notifications.emplace_back(notification_json(e));
  for (const auto& reason : skip_reasons(report.skipped)) {
    if (!reason.count) continue;
    notifications.emplace_back(
        json::object{{"level", reason.incomplete ? "error" : "note"},
                     {"message", json::object{{"text", count_of(reason.count, "file", "files") +
                                                           " not scanned: " + std::string(reason.words) + "."}}},
                     {"descriptor", json::object{{"id", "capmig/skipped/" + std::string(reason.key)}}}});
  }
  if (report.large_files)
    notifications.emplace_back(json::object{
        {"level", "note"},
        {"message", json::object{{"text", count_of(report.large_files, "file", "files") +
                                              " over --max-filesize searched by keyword, lexed around the hits."}}},
        {"descriptor", json::object{{"id", "capmig/large-files"}}}});

  json::object invocation{{"executionSuccessful", true}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  json::object driver{{"name", "capmig"},
                      {"version", kToolVersion},
                      {"semanticVersion", kToolVersion},
                      {"informationUri", kToolInformationUri},
                      {"rules", std::move(rules)}};
  json::object run{
      {"tool", json::object{{"driver", std::move(driver)}}},
      {"invocations", json::array{std::move(invocation)}},
      {"originalUriBaseIds",
       json::object{{"%SRCROOT%",
                     json::object{{"uri", options.root_uri.empty() ? root_file_uri(report.root) : options.root_uri}}}}},
      {"results", std::move(results)},
      {"columnKind", "unicodeCodePoints"},
  };
  return json::object{{"$schema", kSarifSchema}, {"version", "2.1.0"}, {"runs", json::array{std::move(run)}}};
}

}  // namespace capmig::report
