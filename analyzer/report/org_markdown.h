#pragma once
// `merge --format markdown`: the organisation summary to paste into an issue: totals, the
// remaining work over every repository, and one table row per repository, worst first.
// Findings are not listed (the JSON and HTML reports carry them).
#include <ostream>

#include "analyzer/report/org_merge.h"

namespace capmig::report {

void write_org_markdown(std::ostream& out, const OrgReport& org);

}  // namespace capmig::report
