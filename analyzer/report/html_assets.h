#pragma once
// The HTML report's stylesheet and script, inlined into every report so that the file is
// self-contained (no network, no external assets; the page's CSP forbids loading any).
#include <string_view>

namespace capmig::report {

extern const std::string_view kHtmlReportCss;
// Reads the findings from <script id="capmig-data" type="application/json">, renders the table
// a page at a time (10,000 findings stay fast), sorts on header clicks, filters by text,
// category, severity and language, and expands a row into its details.
extern const std::string_view kHtmlReportJs;

}  // namespace capmig::report
