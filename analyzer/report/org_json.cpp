#include "analyzer/report/org_json.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include "analyzer/report/json.h"

namespace capmig::report {
namespace json = boost::json;

void write_org_json(std::ostream& out, const OrgReport& org) {
  json::array repositories, errors;
  std::uint64_t incomplete = 0;
  for (const auto& r : org.repos) {
    incomplete += r.scan.incomplete ? 1 : 0;
    repositories.emplace_back(json::object{{"repository", r.repository},
                                           {"source", r.source},
                                           {"root", r.scan.root},
                                           {"files_scanned", r.scan.files_scanned},
                                           {"complete", !r.scan.incomplete},
                                           {"summary", summary_to_json(r.scan)}});
    for (const auto& e : r.scan.errors)
      errors.emplace_back(json::object{{"repository", r.repository}, {"path", e.path}, {"message", e.message}});
  }
  json::object totals{{"repositories", org.repos.size()}, {"incomplete_repositories", incomplete}};
  const ScanReport all = combined_scan(org);
  totals["files_scanned"] = all.files_scanned;
  for (auto& kv : summary_to_json(all)) totals[kv.key()] = kv.value();
  out << "{\"version\":1,\"kind\":" << json::serialize(json::value(kOrgReportKind))
      << ",\"totals\":" << json::serialize(totals) << ",\"repositories\":" << json::serialize(repositories)
      << ",\"findings\":[";
  bool first = true;
  for (const auto& r : org.repos) {
    for (const auto& f : r.json.at("findings").get_array()) {
      // The repository first, then the finding exactly as its own report wrote it.
      json::object o{{"repository", r.repository},
                     {"org_id", r.repository + ":" + std::string(f.get_object().at("id").get_string())}};
      for (const auto& kv : f.get_object()) o[kv.key()] = kv.value();
      out << (first ? "" : ",") << json::serialize(o);
      first = false;
    }
  }
  out << "],\"errors\":" << json::serialize(errors) << "}\n";
}

}  // namespace capmig::report
