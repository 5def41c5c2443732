#pragma once
// The report stage's one entry for `scan` and `fix`: each --format is a row of a table (a
// name and the function that writes it), so a command looks its format up instead of
// branching, and a new format is a file and a row.
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/fix/model.h"
#include "analyzer/report/scan_model.h"
#include "analyzer/report/style.h"

namespace capmig::report {

// What a report is written from.
struct ReportInput {
  const ScanReport& scan;
  // Fix's rewrites: `fix`'s own report, or (scan's text, Markdown and HTML) a plan of them.
  const fix::FixReport* fixes = nullptr;
  bool baseline_given = false;  // SARIF's baselineState
  TextStyle style{false};
};

struct Format {
  std::string_view name;
  // `scan` plans fix's rewrites for this format, to tell the remaining work.
  bool plans_fixes = false;
  void (*write)(std::ostream& out, const ReportInput& in) = nullptr;
};

std::span<const Format> scan_formats();
std::span<const Format> fix_formats();
// The row named `name`, or nullptr.
const Format* find_format(std::span<const Format> formats, std::string_view name);
std::vector<std::string> format_names(std::span<const Format> formats);

}  // namespace capmig::report
