#pragma once
// `merge --format sarif`: SARIF 2.1.0 with one run per repository (by name), each the run
// `scan --format sarif` writes for that repository, named by automationDetails.id
// "capmig/<repository>/" (GitHub code scanning's category) and properties.repository.
#include <ostream>
#include <vector>

#include "analyzer/report/org_merge.h"

namespace capmig::report {

// `rules`: the rules the scans ran (tool.driver.rules of every run). Written run by run, so
// only one run's document is in memory besides the reports read.
void write_org_sarif(std::ostream& out, const OrgReport& org, const std::vector<RuleSummary>& rules);

}  // namespace capmig::report
