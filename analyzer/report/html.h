#pragma once
// `--format html`: one self-contained file for audits. The same content as the Markdown report
// (summary, per-finding parameters, mapping, diagnostics, decoded tokens, patches) with a
// chart of findings by language and severity, and a findings table that sorts, filters and
// pages in the browser. No network and no external asset: inline CSS and script, a strict CSP,
// the findings embedded as JSON. Deterministic for a given report.
#include <ostream>
#include <string>
#include <string_view>

#include "analyzer/fix/model.h"
#include "analyzer/report/scan_model.h"

namespace capmig::report {

void write_html(std::ostream& out, const ScanReport& report, const fix::FixReport* fixes);

// Text for an HTML text node or a quoted attribute value.
std::string html_escape(std::string_view s);
// Serialized JSON made safe inside <script type="application/json">: `<` (so neither
// `</script>` nor `<!--` can appear), `>` and `&` become \u escapes, which JSON.parse undoes.
std::string json_for_script(std::string_view json);

}  // namespace capmig::report
