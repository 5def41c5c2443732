#pragma once
// `capmig merge`: many `scan --format json` reports (one per repository) read back and joined
// into one organisation report. Each report keeps its findings as written (ids unchanged, so a
// finding has the same id as in its own report and its own baseline); the organisation-wide
// key is "<repository>:<id>" (org_id), since two repositories holding the same file give the
// same id. Bad input is an error naming the file: not JSON, not a capmig scan report, another
// report version, a malformed finding, or the same repository twice with different contents
// (twice with the same contents is a warning and counts once).
#include <boost/json/object.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/result.h"
#include "analyzer/report/overview.h"
#include "analyzer/report/scan_model.h"

namespace capmig::report {

inline constexpr std::int64_t kScanReportVersion = 1;  // scan_to_json's "version"
inline constexpr std::size_t kMaxRepositoryName = 200;

// Why `name` cannot name a repository (empty, over kMaxRepositoryName bytes, invalid UTF-8,
// control characters, or ':' which separates the org_id), or nullopt when it can.
std::optional<std::string> repository_name_problem(std::string_view name);

// A report's "fix_plan" (written by `scan --format json --repository NAME`): the constructs
// `fix` would migrate, and those it leaves to a person by reason.
struct FixPlanCounts {
  std::uint64_t rewritten = 0, needs_input = 0;
  std::map<std::string, std::uint64_t> needs_input_reasons;
};

struct RepoReport {
  std::string repository;    // the report's "repository", else its root's last component
  std::string source;        // the file it was read from
  boost::json::object json;  // the report as read
  // The same report rebuilt for the shared reporters (overview, summary, SARIF): findings with
  // their id, rule, category, severity, language, place, message and snippet; errors; skips.
  ScanReport scan;
  std::optional<FixPlanCounts> fix_plan;
};

// One report's text, or a one-line error that starts with `source`.
Result<RepoReport, std::string> parse_scan_report(std::string_view text, const std::string& source);

struct OrgReport {
  std::vector<RepoReport> repos;      // sorted by repository name
  std::vector<std::string> warnings;  // for stderr: duplicates dropped, incomplete scans
};

// Joins the reports; an error when one repository comes with two different reports.
Result<OrgReport, std::string> merge_reports(std::vector<RepoReport> reports);

// Every repository's findings in one ScanReport, paths prefixed "<repository>/": the totals.
ScanReport combined_scan(const OrgReport& org);

// The organisation's overview of `all` (combined_scan), with the fix plan summed when every
// report carries one; otherwise the remaining work cannot split what `fix` migrates.
Overview org_overview(const OrgReport& org, const ScanReport& all);

// What the Markdown and HTML reports open with: the total, one overview per repository (in
// org.repos order), how many scans were incomplete and how many repositories have findings.
struct OrgSummary {
  ScanReport all;  // combined_scan(org)
  Overview total;
  std::vector<Overview> rows;
  std::uint64_t incomplete = 0, with_findings = 0;
};
OrgSummary summarize(const OrgReport& org);

// Repositories worst first: most new high-severity findings, then medium, low, info; then
// incomplete scans; then by name. Indices into org.repos.
std::vector<std::size_t> worst_first(const OrgReport& org);

// The exit code `merge` returns: 1 when any new finding is left or a scan was incomplete.
int org_exit_code(const OrgReport& org);

}  // namespace capmig::report
