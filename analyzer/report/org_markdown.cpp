#include "analyzer/report/org_markdown.h"

#include "analyzer/report/markdown.h"
#include "analyzer/report/overview.h"

namespace capmig::report {

void write_org_markdown(std::ostream& out, const OrgReport& org) {
  const OrgSummary summary = summarize(org);
  const Overview& total = summary.total;
  const std::vector<Overview>& rows = summary.rows;
  const std::uint64_t incomplete = summary.incomplete, with_findings = summary.with_findings;
  out << "# capmig organisation report\n\n"
      << count_of(org.repos.size(), "repository", "repositories") << ", "
      << count_of(total.files_scanned, "file", "files") << " scanned: **"
      << count_of(total.findings, "finding", "findings") << "** in "
      << count_of(with_findings, "repository", "repositories");
  if (total.baseline) out << ", " << with_commas(total.baseline) << " more in baselines (not counted)";
  if (total.errors) out << ", " << count_of(total.errors, "error", "errors");
  if (incomplete) out << ", " << count_of(incomplete, "incomplete scan", "incomplete scans");
  out << ".\n\n";
  if (const auto items = remaining_work(total); !items.empty()) {
    out << "## Remaining work\n\n";
    for (const auto& w : items) {
      out << "- **" << with_commas(w.count) << "** " << w.what << ": " << w.action;
      if (!w.detail.empty()) out << " (" << markdown_text(w.detail) << ")";
      out << "\n";
    }
    out << "\n";
  }
  out << "## Repositories, worst first\n\n| Repository | Findings |";
  for (Severity s : kSeverityOrder) out << " " << to_string(s) << " |";
  for (Category c : kCategoryOrder) out << " " << to_string(c) << " |";
  out << " Errors | Complete |\n|---|--:|";
  for (std::size_t i = 0; i < kSeverityOrder.size() + kCategoryOrder.size(); ++i) out << "--:|";
  out << "--:|---|\n";
  for (std::size_t i : worst_first(org)) {
    const Overview& o = rows[i];
    out << "| " << markdown_text(org.repos[i].repository) << " | " << with_commas(o.findings) << " |";
    for (Severity s : kSeverityOrder) out << " " << with_commas(o.by_severity[static_cast<std::size_t>(s)]) << " |";
    for (Category c : kCategoryOrder) out << " " << with_commas(o.by_category[static_cast<std::size_t>(c)]) << " |";
    out << " " << with_commas(o.errors) << " | " << (org.repos[i].scan.incomplete ? "**no**" : "yes") << " |\n";
  }
}

}  // namespace capmig::report
