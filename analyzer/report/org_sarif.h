#pragma once
// `merge --format sarif`: SARIF 2.1.0 with one run per repository (by name), each the run
// `scan --format sarif` writes for that repository, named by automationDetails.id
// "capmig/<repository>/" (GitHub code scanning's category) and properties.repository.
#include <boost/json/object.hpp>

#include <vector>

#include "analyzer/report/org_merge.h"

namespace capmig::report {

// `rules`: the rules the scans ran (tool.driver.rules of every run).
boost::json::object org_to_sarif(const OrgReport& org, const std::vector<RuleSummary>& rules);

}  // namespace capmig::report
