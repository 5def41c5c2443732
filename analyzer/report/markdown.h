#pragma once
// `--format markdown`: a report to paste into a pull request or an issue. A summary (files
// scanned, the remaining work, new findings by category, severity and language), an index of
// the findings, then one collapsed section per finding: where, the capability parameters and
// the Access Token + VoiceGrant they become (the seed's parameter-mapping table), diagnostics,
// the decoded claims of an embedded token, and the patch when a FixReport is given.
// Deterministic: the same report gives the same bytes (golden files compare it).
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "analyzer/fix/model.h"
#include "analyzer/report/scan_model.h"

namespace capmig::report {

// GitHub refuses an issue or pull-request body over 65,536 characters.
inline constexpr std::size_t kMarkdownLimit = 65536;

// `fixes` gives the remaining-work split and, unless it is only a plan (Delivery::plan), the
// patches. The report never exceeds `limit` bytes (so never `limit` characters): the summary
// and remaining work come first, then an index row per finding, then each finding's section
// collapsed in <details>, then the patch, as far as they fit; a closing line says what was cut.
void write_markdown(std::ostream& out, const ScanReport& report, const fix::FixReport* fixes,
                    std::size_t limit = kMarkdownLimit);

// Untrusted text as Markdown inline text: punctuation that would format is backslash-escaped,
// line breaks become spaces, and `|` is escaped so the text can sit in a table cell.
std::string markdown_text(std::string_view s);
// A code span on one line that survives backticks inside (a longer delimiter); in a table
// cell `|` is escaped too (GFM reads \| there as a pipe, even inside code).
std::string markdown_code(std::string_view s, bool in_table = false);
// A fenced block whose fence is longer than any backtick run in `body`.
std::string markdown_fence(std::string_view body, std::string_view info);

}  // namespace capmig::report
