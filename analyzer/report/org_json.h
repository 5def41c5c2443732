#pragma once
// `merge --format json`: the organisation report. Keys in a fixed order:
//   {"version": 1, "kind": "capmig-org-report",
//    "totals": {"repositories", "incomplete_repositories", + scan's summary over every finding},
//    "repositories": [{"repository", "source", "root", "files_scanned", "complete", "summary"}…]
//                    (by name),
//    "findings": [{"repository", "org_id", + the finding as its scan report wrote it}…],
//    "errors": [{"repository", "path", "message"}…]}
#include <ostream>

#include "analyzer/report/org_merge.h"

namespace capmig::report {

inline constexpr std::string_view kOrgReportKind = "capmig-org-report";

// Written finding by finding: the reports read are already in memory, and a second whole
// document for the output would double that (500 repositories of 100 findings: 70 MB of JSON).
void write_org_json(std::ostream& out, const OrgReport& org);

}  // namespace capmig::report
