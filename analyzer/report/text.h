#pragma once
// `scan --format text`: ripgrep-like output for people. Findings grouped by file, one line
// each with the parameters and the Access Token they map to underneath; baseline findings
// are counted, not listed; scan errors, then one summary line and the remaining work, at the end.
#include <ostream>
#include <string>
#include <string_view>

#include "analyzer/fix/model.h"
#include "analyzer/report/scan_model.h"
#include "analyzer/report/style.h"
#include "analyzer/report/terminal_safe.h"

namespace capmig::report {

// `fixes` (a plan, or fix's own report) adds the remaining work under the summary line.
void write_scan_text(std::ostream& out, const ScanReport& report, const TextStyle& style,
                     const fix::FixReport* fixes = nullptr);

// "12 findings (3 high, 9 medium) in 7 of 1,234 files · 2 in baseline · 1 error"
std::string scan_summary_line(const ScanReport& report, const TextStyle& style);

// Untrusted text (paths, source, messages) goes through capmig::terminal_safe.
using capmig::terminal_safe;

}  // namespace capmig::report
