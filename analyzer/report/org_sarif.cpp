#include "analyzer/report/org_sarif.h"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <filesystem>

#include "analyzer/report/sarif.h"

namespace capmig::report {
namespace json = boost::json;

void write_org_sarif(std::ostream& out, const OrgReport& org, const std::vector<RuleSummary>& rules) {
  out << "{\"$schema\":" << json::serialize(json::value(kSarifSchema)) << ",\"version\":\"2.1.0\",\"runs\":[";
  bool first = true;
  for (const auto& r : org.repos) {
    ScanReport scan = r.scan;
    scan.rules = rules;
    // A relative root meant a directory on the machine that scanned, not here: no %SRCROOT%.
    const bool absolute = std::filesystem::path(scan.root).is_absolute();
    json::object doc = scan_to_sarif(scan, {false, {}, absolute ? root_file_uri(scan.root) : "file:///"});
    json::object run = std::move(doc.at("runs").get_array().at(0).get_object());
    if (!absolute) run.erase("originalUriBaseIds");
    // The parameters and mapping the scan report wrote (the rebuilt findings do not carry them).
    auto& results = run.at("results").get_array();
    const auto& findings = r.json.at("findings").get_array();
    for (std::size_t i = 0; i < results.size() && i < findings.size(); ++i) {
      auto& props = results[i].get_object().at("properties").get_object();
      props["capability"] = findings[i].get_object().at("capability");
      props["mapping"] = findings[i].get_object().at("mapping");
    }
    run["automationDetails"] = json::object{{"id", "capmig/" + r.repository + "/"}};
    run["properties"] = json::object{{"repository", r.repository}};
    out << (first ? "" : ",") << json::serialize(run);
    first = false;
  }
  out << "]}\n";
}

}  // namespace capmig::report
