#include "analyzer/report/json.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "analyzer/report/skipped.h"
#include "analyzer/report/token_json.h"

#include <cmath>
#include <set>
#include <string>

namespace capmig::report {
namespace json = boost::json;
namespace {

// A literal like 1e999 in scanned source reads as infinity, which Boost.JSON would write as
// the bare word Infinity: not JSON. Such values print as null.
json::value finite_only(json::value v) {
  if (v.is_double() && !std::isfinite(v.get_double())) return nullptr;
  if (auto* o = v.if_object())
    for (auto& kv : *o) kv.value() = finite_only(std::move(kv.value()));
  if (auto* a = v.if_array())
    for (auto& e : *a) e = finite_only(std::move(e));
  return v;
}

json::value param_or_null(const Param* p) { return p ? finite_only(p->to_json()) : json::value(nullptr); }

constexpr std::array<Severity, 4> kSeveritiesHighFirst{Severity::high, Severity::medium, Severity::low, Severity::info};
constexpr std::array<Category, 4> kCategories{Category::capability_mint, Category::capability_client,
                                              Category::embedded_token, Category::hardcoded_secret};

}  // namespace

json::object capability_params_to_json(const CapabilityParameters& c) {
  json::object o;
  for (const auto& field : kCapabilityFields) {
    auto it = c.fields.find(field.key);
    o[field.key] = param_or_null(it == c.fields.end() ? nullptr : &it->second);
  }
  return o;
}

json::value mapping_fields_to_json(const std::optional<AccessTokenMapping>& m) {
  if (!m) return nullptr;
  json::object voice;
  for (const auto& field : kVoiceGrantFields) voice[field.key] = param_or_null(m->get(field.label));
  json::array diags;
  for (const auto& d : m->diagnostics) diags.emplace_back(d);
  return json::object{{"identity", param_or_null(m->get("identity"))},
                      {"ttl", param_or_null(m->get("ttl"))},
                      {"voice_grant", std::move(voice)},
                      {"diagnostics", std::move(diags)}};
}

json::object finding_to_json(const Finding& f) {
  json::object o;
  o["id"] = f.id;
  o["rule_id"] = f.rule_id;
  o["category"] = to_string(f.category);
  o["severity"] = to_string(f.severity);
  o["language"] = spec_name(f.language);
  o["path"] = f.path;
  o["line"] = f.location.line;
  o["column"] = f.location.column;
  o["end_line"] = f.location.end_line;
  o["end_column"] = f.location.end_column;
  o["message"] = f.message;
  o["snippet"] = f.snippet;
  o["capability"] = capability_params_to_json(f.capability);
  // Beyond SPEC's keys, only when present: arguments the library drops (never mapped).
  if (!f.capability.ignored.empty()) {
    json::object ignored;
    for (const auto& [k, p] : f.capability.ignored) ignored[k] = param_or_null(&p);
    o["ignored_arguments"] = std::move(ignored);
  }
  // A provided object and the construct that builds it, tied by the repository pass.
  auto ref = [](const scan::SourceRef& r) { return json::object{{"path", r.path}, {"line", r.line}}; };
  if (f.provided_by) o["provided_by"] = ref(*f.provided_by);
  if (!f.provides.empty()) {
    json::array to;
    for (const auto& r : f.provides) to.push_back(ref(r));
    o["provides"] = std::move(to);
  }
  o["mapping"] = mapping_fields_to_json(f.mapping);
  if (f.token) o["token"] = decode_result_to_json(*f.token);
  o["new"] = f.is_new;
  return o;
}

json::object summary_to_json(const ScanReport& r) {
  std::uint64_t fresh = 0;
  std::set<std::string_view> files;
  std::array<std::uint64_t, 4> by_severity{}, by_category{};
  std::array<std::uint64_t, static_cast<std::size_t>(Language::text) + 1> by_language{};
  for (const auto& f : r.findings) {
    fresh += f.is_new ? 1 : 0;
    files.insert(f.path);
    ++by_severity[static_cast<std::size_t>(f.severity)];
    ++by_category[static_cast<std::size_t>(f.category)];
    ++by_language[static_cast<std::size_t>(f.language)];
  }
  json::object severities, categories, languages;
  for (Severity s : kSeveritiesHighFirst) severities[to_string(s)] = by_severity[static_cast<std::size_t>(s)];
  for (Category c : kCategories) categories[to_string(c)] = by_category[static_cast<std::size_t>(c)];
  // Languages: only those present (there are many), in the enum's fixed order.
  for (std::size_t i = 0; i < by_language.size(); ++i)
    if (by_language[i]) {
      auto& n = languages[spec_name(static_cast<Language>(i))];
      n = (n.is_null() ? 0 : n.to_number<std::size_t>()) + by_language[i];
    }
  return json::object{{"findings", r.findings.size()},
                      {"new", fresh},
                      {"baseline", r.findings.size() - fresh},
                      {"files_with_findings", files.size()},
                      {"errors", r.errors.size()},
                      {"by_severity", std::move(severities)},
                      {"by_category", std::move(categories)},
                      {"by_language", std::move(languages)}};
}

namespace {

// The report object with `findings` as given: every finding (scan_to_json), or none, for
// write_scan_json to fill in place.
json::object scan_object(const ScanReport& r, json::array findings) {
  json::array errors;
  for (const auto& e : r.errors) errors.emplace_back(json::object{{"path", e.path}, {"message", e.message}});
  json::object o{{"version", 1}, {"root", r.root}};
  // Only when named: reports without it keep the SPEC's bytes, and `merge` falls back to the root.
  if (!r.repository.empty()) o["repository"] = r.repository;
  o["files_scanned"] = r.files_scanned;
  o["errors"] = std::move(errors);
  o["findings"] = std::move(findings);
  o["summary"] = summary_to_json(r);
  o["skipped"] = skipped_to_json(r.skipped);
  o["large_files"] = r.large_files;
  o["complete"] = !r.incomplete;
  return o;
}

}  // namespace

json::object scan_to_json(const ScanReport& r) {
  json::array findings;
  for (const auto& f : r.findings) findings.emplace_back(finding_to_json(f));
  return scan_object(r, std::move(findings));
}

void write_scan_json(std::ostream& out, const ScanReport& r, const json::object& extra) {
  // The whole object with an empty findings array, whose place is then filled element by element.
  json::object o = scan_object(r, {});
  for (const auto& [k, v] : extra) o[k] = v;
  const std::string whole = json::serialize(o);
  static constexpr std::string_view kEmpty = "\"findings\":[]";
  const auto at = whole.find(kEmpty);
  out << std::string_view(whole).substr(0, at + kEmpty.size() - 1);
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    if (i) out << ',';
    out << json::serialize(finding_to_json(r.findings[i]));
  }
  out << std::string_view(whole).substr(at + kEmpty.size() - 1);
}

}  // namespace capmig::report
