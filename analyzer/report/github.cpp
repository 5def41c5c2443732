#include "analyzer/report/github.h"

#include <set>

#include "analyzer/report/mapping_rows.h"
#include "analyzer/report/skipped.h"
#include "analyzer/report/style.h"
#include "analyzer/report/text.h"

namespace capmig::report {
namespace {

std::string_view command(Severity s) {
  switch (s) {
    case Severity::high:
      return "error";
    case Severity::medium:
    case Severity::low:
      return "warning";
    case Severity::info:
      return "notice";
  }
  return "warning";
}

// "→ Access Token: identity = alice, incomingAllow = true, ttl = 3600": the mapping in one line.
std::string mapping_summary(const Finding& f, const ReportMapping& mapping) {
  std::string out;
  std::set<std::string> shown;  // identity can come from two rows
  for (const auto& row : mapping.rows(f))
    for (const auto& v : row.values) {
      if (!shown.insert(v.name).second) continue;
      out += (out.empty() ? "" : ", ") + v.name + (v.value.expression ? " ← " : " = ") + v.value.text;
    }
  return out.empty() ? out : "→ Access Token + VoiceGrant: " + out;
}

}  // namespace

std::string github_escape_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string github_escape_property(std::string_view s) {
  std::string out;
  for (char c : github_escape_data(s)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

void write_github(std::ostream& out, const ScanReport& report) {
  const ReportMapping mapping(mapping_table_of(report));
  for (const auto& f : report.findings) {
    if (!f.is_new) continue;
    const Location& l = f.location;
    out << "::" << command(f.severity) << " file=" << github_escape_property(f.path);
    if (l.line > 0) out << ",line=" << l.line;
    if (l.end_line > 0) out << ",endLine=" << l.end_line;
    // Columns mean something only on a single line (GitHub ignores them otherwise).
    if (l.column > 0 && (l.end_line == 0 || l.end_line == l.line)) {
      out << ",col=" << l.column;
      if (l.end_column > 0) out << ",endColumn=" << l.end_column;
    }
    out << ",title=" << github_escape_property("capmig " + std::string(to_string(f.category)) + " (" + f.rule_id + ")");
    std::string message = terminal_safe(f.message);
    if (const auto summary = mapping_summary(f, mapping); !summary.empty()) message += "\n" + terminal_safe(summary);
    for (const auto& d : finding_diagnostics(f)) message += "\n⚠ " + d + ": " + mapping.explanation(d);
    out << "::" << github_escape_data(message) << "\n";
  }
  for (const auto& e : report.errors) {
    out << "::warning";
    if (!e.path.empty()) out << " file=" << github_escape_property(e.path);
    out << "::" << github_escape_data(terminal_safe(e.message)) << "\n";
  }
  // The counts of files not scanned are in the summary line; an annotation only when the
  // gate fails for them (a clean gate prints none: docs/ci.md).
  if (report.incomplete)
    out << "::error title=" << github_escape_property("capmig: incomplete scan")
        << "::" << github_escape_data(incomplete_sentence(report)) << "\n";
  out << scan_summary_line(report, TextStyle{false}) << "\n";
}

}  // namespace capmig::report
