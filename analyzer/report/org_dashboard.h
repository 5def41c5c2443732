#pragma once
// `merge --format html`: the organisation dashboard. One self-contained page in the scan HTML
// report's style (same stylesheet, same strict CSP, no script): totals, the remaining work over
// every repository, a table of repositories worst first (findings by severity and category,
// errors, complete), then each repository's errors. Every name and message is escaped.
#include <ostream>

#include "analyzer/report/org_merge.h"

namespace capmig::report {

void write_org_dashboard(std::ostream& out, const OrgReport& org);

}  // namespace capmig::report
