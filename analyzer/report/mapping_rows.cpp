#include "analyzer/report/mapping_rows.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <stdexcept>

#include "analyzer/map/table.h"

namespace capmig::report {
namespace json = boost::json;
namespace {

// The mapping table in the shape the reports need.
struct TableRow {
  std::string capability, access_token, from, description;
  std::vector<std::string> targets;  // target paths, e.g. "identity", "voice.incoming_allow"
};
struct Dropped {
  std::string from, diagnostic, description;
};
struct ReportTable {
  std::vector<TableRow> rows;
  std::vector<Dropped> dropped;
  std::vector<std::string> identity_diagnostics, ttl_diagnostics;
};

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

ReportTable report_table(const map::MappingTable& mapping) {
  ReportTable t;
  const json::object& raw = mapping.raw();
  for (const auto& r : raw.at("rows").as_array()) {
    const auto& ro = r.as_object();
    TableRow row{str(ro, "capability"), str(ro, "access_token"), str(ro, "from"), str(ro, "description"), {}};
    for (const auto& to : ro.at("to").as_array()) row.targets.push_back(str(to.as_object(), "path"));
    t.rows.push_back(std::move(row));
  }
  for (const auto& d : raw.at("dropped").as_array())
    t.dropped.push_back(
        {str(d.as_object(), "from"), str(d.as_object(), "diagnostic"), str(d.as_object(), "description")});
  const auto& id = raw.at("identity").as_object();
  for (auto key : {"conflict", "missing", "invalid"}) t.identity_diagnostics.push_back(str(id, key));
  const auto& ttl = raw.at("ttl").as_object();
  for (auto key : {"unknown", "exceeds_max"}) t.ttl_diagnostics.push_back(str(ttl, key));
  return t;
}

// "voice.outgoing_application_sid" -> "outgoingApplicationSid", as the helper libraries name it.
std::string setting_name(std::string_view path) {
  if (auto dot = path.rfind('.'); dot != std::string_view::npos) path.remove_prefix(dot + 1);
  std::string out;
  bool upper = false;
  for (char c : path) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The codes among `candidates` that the finding carries, in the finding's order.
std::vector<std::string> present(const std::vector<std::string>& diags, const std::vector<std::string>& candidates) {
  std::vector<std::string> out;
  for (const auto& d : diags)
    if (contains(candidates, d)) out.push_back(d);
  return out;
}

}  // namespace

ShownValue shown_value(const Param& p) {
  if (!p.value) return {p.text, true};
  if (p.value->is_string()) return {std::string(p.value->get_string()), false};
  return {json::serialize(*p.value), false};
}

const std::vector<std::string>& finding_diagnostics(const Finding& f) {
  return f.mapping ? f.mapping->diagnostics : f.capability.diagnostics;
}

const map::MappingTable& mapping_table_of(const ScanReport& report) {
  if (!report.table) throw std::logic_error("report: the scan report names no mapping table");
  return *report.table;
}

struct ReportMapping::Rows : ReportTable {};

ReportMapping::ReportMapping(const map::MappingTable& table)
    : table_(table), rows_(std::make_unique<const Rows>(Rows{report_table(table)})) {}
ReportMapping::~ReportMapping() = default;

std::vector<MappingRow> ReportMapping::rows(const Finding& f) const {
  std::vector<MappingRow> out;
  if (!f.mapping) return out;
  const AccessTokenMapping& m = *f.mapping;
  const auto& diags = m.diagnostics;
  const ReportTable& table = *rows_;
  // Targets a parameter the construct sets already shows: a row it does not set appears only
  // for a setting nothing else fills (the default ttl), never to repeat the identity.
  std::vector<std::string> covered;
  for (const auto& row : table.rows)
    if (f.capability.fields.count(row.from)) covered.insert(covered.end(), row.targets.begin(), row.targets.end());
  for (const auto& row : table.rows) {
    auto src = f.capability.fields.find(row.from);
    MappingRow r;
    r.capability = row.capability;
    r.setting = row.access_token;
    if (src != f.capability.fields.end()) r.written = src->second.text;
    bool any_value = false;
    for (const auto& target : row.targets) {
      if (const Param* p = m.get(target); p && (r.written || !contains(covered, target))) {
        r.values.push_back({setting_name(target), shown_value(*p)});
        any_value = true;
      }
      if (target == "identity") r.diagnostics = present(diags, table.identity_diagnostics);
      if (target == "ttl") r.diagnostics = present(diags, table.ttl_diagnostics);
    }
    if (!r.written && !any_value) continue;
    if (row.targets.empty()) r.note = row.description;  // authToken: "Do Not Use"
    if (r.written && !any_value && !row.targets.empty())
      r.note = "not carried over: empty, or without the setting it needs";
    out.push_back(std::move(r));
  }
  // Settings the Access Token has that no capability parameter gives: the API key, and an
  // identity the construct never named.
  out.push_back(
      {"(none)", std::nullopt, "apiKeySid", {}, "the SID (SK…) of an API key you create for this application", {}});
  out.push_back(
      {"(none)", std::nullopt, "apiKeySecret", {}, "that API key's secret, read from the environment or a file", {}});
  if (!contains(covered, "identity")) {
    MappingRow r{"(none)",
                 std::nullopt,
                 "identity",
                 {},
                 "required by Access Tokens: the client name to use",
                 present(diags, table.identity_diagnostics)};
    if (const Param* p = m.get("identity")) r.values.push_back({"identity", shown_value(*p)});
    out.push_back(std::move(r));
  }
  for (const auto& d : table.dropped) {
    auto src = f.capability.fields.find(d.from);
    if (src == f.capability.fields.end() || !contains(diags, d.diagnostic)) continue;
    out.push_back({std::string(d.from == "event_stream" ? "Event stream" : "Other scopes"),
                   src->second.text,
                   "(no equivalent)",
                   {},
                   "dropped: " + d.description,
                   {d.diagnostic}});
  }
  return out;
}

std::string ReportMapping::explanation(std::string_view code) const {
  const map::MappingTable& t = table_;
  if (code == "identity-conflict")
    return "The incoming and outgoing client names differ; the incoming name becomes the identity.";
  if (code == "identity-missing")
    return "No client name anywhere: an Access Token needs an identity, so one has to be chosen.";
  if (code == "identity-invalid-chars")
    return "The identity has characters other than letters, digits and underscores; Voice identities should not.";
  if (code == "ttl-unknown")
    return "The capability's lifetime is unknown; the Access Token gets the default ttl of " +
           std::to_string(t.default_ttl()) + " s.";
  if (code == "ttl-exceeds-max")
    return "The capability ttl is above the Access Token maximum; it is clamped to " + std::to_string(t.max_ttl()) +
           " s.";
  if (code == "event-stream-unsupported") return "scope:stream:subscribe has no Access Token grant; it is dropped.";
  if (code == "scope-unknown") return "A scope capability tokens do not define; it is dropped.";
  if (code == "param-repeated") return "A key repeats in the outgoing params; the last value wins.";
  if (code == "capability-expired") return "The token had expired at the time of the scan; it is still mapped.";
  return {};
}

}  // namespace capmig::report
