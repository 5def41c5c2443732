#include "analyzer/report/org_json.h"

#include <boost/json/array.hpp>

#include "analyzer/report/json.h"

namespace capmig::report {
namespace json = boost::json;

json::object org_to_json(const OrgReport& org) {
  json::array repositories, findings, errors;
  std::uint64_t incomplete = 0;
  for (const auto& r : org.repos) {
    incomplete += r.scan.incomplete ? 1 : 0;
    repositories.emplace_back(json::object{{"repository", r.repository},
                                           {"source", r.source},
                                           {"root", r.scan.root},
                                           {"files_scanned", r.scan.files_scanned},
                                           {"complete", !r.scan.incomplete},
                                           {"summary", summary_to_json(r.scan)}});
    for (const auto& f : r.json.at("findings").get_array()) {
      // The repository first, then the finding exactly as its own report wrote it.
      json::object o{{"repository", r.repository},
                     {"org_id", r.repository + ":" + std::string(f.get_object().at("id").get_string())}};
      for (const auto& kv : f.get_object()) o[kv.key()] = kv.value();
      findings.emplace_back(std::move(o));
    }
    for (const auto& e : r.scan.errors)
      errors.emplace_back(json::object{{"repository", r.repository}, {"path", e.path}, {"message", e.message}});
  }
  json::object totals{{"repositories", org.repos.size()}, {"incomplete_repositories", incomplete}};
  const ScanReport all = combined_scan(org);
  totals["files_scanned"] = all.files_scanned;
  for (auto& kv : summary_to_json(all)) totals[kv.key()] = kv.value();
  return json::object{{"version", 1},
                      {"kind", kOrgReportKind},
                      {"totals", std::move(totals)},
                      {"repositories", std::move(repositories)},
                      {"findings", std::move(findings)},
                      {"errors", std::move(errors)}};
}

}  // namespace capmig::report
