#include "analyzer/report/org_dashboard.h"

#include "analyzer/report/html.h"
#include "analyzer/report/html_assets.h"
#include "analyzer/report/overview.h"
#include "analyzer/report/skipped.h"

namespace capmig::report {
namespace {

// The scan report's policy without its script: nothing but the inline stylesheet loads.
constexpr std::string_view kCsp =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

// Remaining work's lines hold `code` spans; everything else is text.
std::string code_spans_to_html(std::string_view s) {
  std::string out;
  bool in_code = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '`') continue;
    out += html_escape(s.substr(start, i - start));
    if (i == s.size()) break;
    out += in_code ? "</code>" : "<code>";
    in_code = !in_code;
    start = i + 1;
  }
  if (in_code) out += "</code>";  // an odd backtick: close what was opened
  return out;
}

}  // namespace

void write_org_dashboard(std::ostream& out, const OrgReport& org) {
  const OrgSummary summary = summarize(org);
  const ScanReport& all = summary.all;
  const Overview& total = summary.total;
  const std::vector<Overview>& rows = summary.rows;
  const std::uint64_t incomplete = summary.incomplete, with_findings = summary.with_findings;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"" << kCsp << "\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"capmig\">\n"
      << "<title>capmig organisation report</title>\n<style>" << kHtmlReportCss << "</style>\n</head>\n<body>\n"
      << "<header>\n<h1>capmig organisation report</h1>\n<p class=\"stat\" id=\"totals\">"
      << count_of(org.repos.size(), "repository", "repositories") << ", "
      << count_of(total.files_scanned, "file", "files") << " scanned: <strong>"
      << count_of(total.findings, "finding", "findings") << "</strong> in "
      << count_of(with_findings, "repository", "repositories");
  if (total.baseline) out << ", " << with_commas(total.baseline) << " more in baselines (not counted)";
  if (total.errors) out << ", " << count_of(total.errors, "error", "errors");
  if (incomplete) out << ", " << count_of(incomplete, "incomplete scan", "incomplete scans");
  out << ".</p>\n";
  if (const auto items = remaining_work(total); !items.empty()) {
    out << "<table id=\"remaining-work\"><caption>Remaining work</caption><tbody>\n";
    for (const auto& w : items) {
      out << "<tr><td class=\"count\">" << with_commas(w.count) << "</td><td>" << code_spans_to_html(w.what);
      if (!w.detail.empty()) out << " <span class=\"muted\">(" << html_escape(w.detail) << ")</span>";
      out << "</td><td class=\"muted\">" << code_spans_to_html(w.action) << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
  }
  out << "</header>\n<main>\n<h2>Repositories, worst first</h2>\n"
      << "<table class=\"findings\" id=\"repositories\"><thead><tr><th>Repository</th><th>Findings</th>";
  for (Severity s : kSeverityOrder)
    out << "<th><span class=\"sev sev-" << to_string(s) << "\">" << to_string(s) << "</span></th>";
  for (Category c : kCategoryOrder) out << "<th>" << to_string(c) << "</th>";
  out << "<th>Errors</th><th>Complete</th></tr></thead>\n<tbody>\n";
  for (std::size_t i : worst_first(org)) {
    const Overview& o = rows[i];
    const std::string name = html_escape(org.repos[i].repository);
    out << "<tr data-repository=\"" << name << "\"><td title=\"" << html_escape(org.repos[i].scan.root) << "\">" << name
        << "</td><td>" << with_commas(o.findings) << "</td>";
    for (Severity s : kSeverityOrder)
      out << "<td>" << with_commas(o.by_severity[static_cast<std::size_t>(s)]) << "</td>";
    for (Category c : kCategoryOrder)
      out << "<td>" << with_commas(o.by_category[static_cast<std::size_t>(c)]) << "</td>";
    out << "<td>" << with_commas(o.errors) << "</td><td>"
        << (org.repos[i].scan.incomplete ? "<strong>no</strong>" : "yes") << "</td></tr>\n";
  }
  out << "</tbody>\n<tfoot><tr><th>total</th><th>" << with_commas(total.findings) << "</th>";
  for (Severity s : kSeverityOrder)
    out << "<th>" << with_commas(total.by_severity[static_cast<std::size_t>(s)]) << "</th>";
  for (Category c : kCategoryOrder)
    out << "<th>" << with_commas(total.by_category[static_cast<std::size_t>(c)]) << "</th>";
  out << "<th>" << with_commas(total.errors) << "</th><th>" << org.repos.size() - incomplete << " of "
      << org.repos.size() << "</th></tr></tfoot>\n</table>\n";
  if (!all.errors.empty()) {
    out << "<h2>Errors</h2>\n<ul id=\"errors\">\n";
    for (const auto& e : all.errors)
      out << "<li><code>" << html_escape(abbreviate_path(e.path)) << "</code>: " << html_escape(e.message) << "</li>\n";
    out << "</ul>\n";
  }
  out << "</main>\n</body>\n</html>\n";
}

}  // namespace capmig::report
