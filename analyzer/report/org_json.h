#pragma once
// `merge --format json`: the organisation report. Keys in a fixed order:
//   {"version": 1, "kind": "capmig-org-report",
//    "totals": {"repositories", "incomplete_repositories", + scan's summary over every finding},
//    "repositories": [{"repository", "source", "root", "files_scanned", "complete", "summary"}…]
//                    (by name),
//    "findings": [{"repository", "org_id", + the finding as its scan report wrote it}…],
//    "errors": [{"repository", "path", "message"}…]}
#include <boost/json/object.hpp>

#include "analyzer/report/org_merge.h"

namespace capmig::report {

inline constexpr std::string_view kOrgReportKind = "capmig-org-report";

boost::json::object org_to_json(const OrgReport& org);

}  // namespace capmig::report
