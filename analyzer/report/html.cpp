#include "analyzer/report/html.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <cstdint>

#include "analyzer/report/html_assets.h"
#include "analyzer/report/json_dedup.h"
#include "analyzer/report/line_diff.h"
#include "analyzer/report/mapping_rows.h"
#include "analyzer/report/overview.h"
#include "analyzer/report/patch_redaction.h"
#include "analyzer/report/skipped.h"
#include "analyzer/report/token_json.h"

namespace capmig::report {
namespace json = boost::json;
namespace {

constexpr std::string_view kCsp =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'";

// The same colours as the CSS badges: dark red, orange, blue and grey differ in hue and in
// lightness, so readers with red-green colour blindness still tell them apart.
const char* severity_color(Severity s) {
  switch (s) {
    case Severity::high:
      return "#b2182b";
    case Severity::medium:
      return "#e69f00";
    case Severity::low:
      return "#0072b2";
    case Severity::info:
      return "#6e7781";
  }
  return "#6e7781";
}

// A remaining-work sentence holds `code` spans (Markdown); in HTML they become <code>.
std::string markdown_code_to_html(std::string_view s) {
  std::string out;
  bool in_code = false;
  for (char c : s) {
    if (c == '`') {
      out += in_code ? "</code>" : "<code>";
      in_code = !in_code;
    } else {
      out += html_escape(std::string_view(&c, 1));
    }
  }
  if (in_code) out += "</code>";
  return out;
}

json::object row_json(const MappingRow& r) {
  json::array values;
  for (const auto& v : r.values)
    values.emplace_back(json::object{{"name", v.name}, {"text", v.value.text}, {"expression", v.value.expression}});
  json::array diags;
  for (const auto& d : r.diagnostics) diags.emplace_back(d);
  return json::object{{"capability", r.capability},
                      {"written", r.written ? json::value(*r.written) : json::value(nullptr)},
                      {"setting", r.setting},
                      {"values", std::move(values)},
                      {"note", r.note},
                      {"diagnostics", std::move(diags)}};
}

// The decoded token without anything the page does not show.
json::object token_json(const json::object& token) {
  json::object out;
  for (auto key : {"kind", "header", "payload", "signature", "lint"})
    if (const auto* v = token.if_contains(key)) out[key] = *v;
  return out;
}

json::object fix_json(const fix::Rewrite& r, const PatchRedactor& redact, bool with_diff) {
  json::object out{{"status", fix::to_string(r.status)}};
  json::array reasons;
  for (const auto& reason : r.reasons) reasons.emplace_back(reason);
  out["reasons"] = std::move(reasons);
  json::array notes;
  for (const auto& note : r.notes) notes.emplace_back(note);
  out["notes"] = std::move(notes);
  json::array diff;
  if (r.status == fix::Status::rewritten && with_diff) {
    const std::string before = redact(r.before), after = redact(r.after);
    for (const auto& d : line_diff(before, after)) diff.emplace_back(json::array{json::string(1, d.op), d.text});
  }
  out["diff"] = std::move(diff);
  if (r.draft && with_diff) {
    json::array ddiff, dnotes;
    const std::string before = redact(r.draft->before), after = redact(r.draft->after);  // line_diff views them
    for (const auto& d : line_diff(before, after)) ddiff.emplace_back(json::array{json::string(1, d.op), d.text});
    for (const auto& n : r.draft->notes) dnotes.emplace_back(n);
    out["draft"] =
        json::object{{"diff", std::move(ddiff)}, {"notes", std::move(dnotes)}, {"in_patch", r.draft->in_patch}};
  }
  return out;
}

json::object finding_json(std::size_t n, const Finding& f, const fix::Rewrite* rewrite, const PatchRedactor& redact,
                          bool with_diff, const ReportMapping& mapping) {
  json::array rows;
  for (const auto& r : mapping.rows(f)) rows.emplace_back(row_json(r));
  json::array diags;
  for (const auto& d : finding_diagnostics(f)) diags.emplace_back(d);
  json::object o{{"n", n},
                 {"id", f.id},
                 {"rule", f.rule_id},
                 {"category", to_string(f.category)},
                 {"severity", to_string(f.severity)},
                 {"language", spec_name(f.language)},
                 {"path", f.path},
                 {"line", f.location.line},
                 {"column", f.location.column},
                 {"end_line", f.location.end_line},
                 {"end_column", f.location.end_column},
                 {"message", f.message},
                 {"snippet", f.snippet},
                 {"rows", std::move(rows)},
                 {"diagnostics", std::move(diags)}};
  if (f.token) o["token"] = token_json(decode_result_to_json(*f.token));
  if (rewrite) o["fix"] = fix_json(*rewrite, redact, with_diff);
  return o;
}

json::object page_data(const ScanReport& report, const fix::FixReport* fixes) {
  const RewriteIndex index(fixes);
  const PatchRedactor redact(fixes);
  const bool with_diff = fixes && fixes->delivery != fix::Delivery::plan;
  const ReportMapping mapping(mapping_table_of(report));
  json::array findings;
  json::object explanations;
  const auto listed = listed_findings(report);
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const Finding& f = *listed[i];
    findings.emplace_back(finding_json(i + 1, f, index.find(f), redact, with_diff, mapping));
    for (const auto& d : finding_diagnostics(f))
      if (!explanations.contains(d)) explanations[d] = mapping.explanation(d);
  }
  json::array languages;  // the enum's order, for the language filter
  for (int l = 0; l <= static_cast<int>(Language::text); ++l)
    languages.emplace_back(to_string(static_cast<Language>(l)));
  return json::object{{"root", report.root},
                      {"files_scanned", report.files_scanned},
                      {"fixes", fixes != nullptr},
                      {"patches", fixes != nullptr && fixes->delivery != fix::Delivery::plan},
                      {"languages", std::move(languages)},
                      {"diagnostics", std::move(explanations)},
                      {"findings", std::move(findings)}};
}

// Horizontal bars, one per language, split by severity; drawn here so it shows without script.
void write_chart(std::ostream& out, const Overview& o) {
  if (o.by_language.empty()) return;
  std::uint64_t max = 1;
  for (const auto& [lang, n] : o.by_language) max = std::max<std::uint64_t>(max, n[0] + n[1] + n[2] + n[3]);
  constexpr int kLabel = 86, kBar = 300, kRow = 18, kTop = 22;
  const int height = kTop + static_cast<int>(o.by_language.size()) * kRow + 4;
  out << "<svg class=\"chart\" role=\"img\" width=\"" << kLabel + kBar + 50 << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << kLabel + kBar + 50 << " " << height
      << "\" aria-label=\"Findings by language and severity\">\n"
      << "<title>Findings by language and severity</title>\n";
  int x = kLabel;
  for (Severity s : kSeverityOrder) {  // legend
    out << "<rect x=\"" << x << "\" y=\"4\" width=\"10\" height=\"10\" fill=\"" << severity_color(s) << "\"/>"
        << "<text x=\"" << x + 14 << "\" y=\"13\">" << to_string(s) << "</text>\n";
    x += 78;
  }
  int y = kTop;
  for (const auto& [lang, n] : o.by_language) {
    out << "<g><text x=\"0\" y=\"" << y + 12 << "\">" << to_string(lang) << "</text>";
    double at = kLabel;
    std::uint64_t total = 0;
    for (Severity s : kSeverityOrder) {
      const auto v = n[static_cast<std::size_t>(s)];
      total += v;
      if (!v) continue;
      const double w = static_cast<double>(v) * kBar / static_cast<double>(max);
      out << "<rect x=\"" << at << "\" y=\"" << y + 2 << "\" width=\"" << w << "\" height=\"" << kRow - 5
          << "\" fill=\"" << severity_color(s) << "\"><title>" << to_string(lang) << ", " << to_string(s) << ": " << v
          << "</title></rect>";
      at += w;
    }
    out << "<text x=\"" << at + 4 << "\" y=\"" << y + 12 << "\">" << total << "</text></g>\n";
    y += kRow;
  }
  out << "</svg>\n";
}

void write_overview(std::ostream& out, const ScanReport& report, const Overview& o) {
  out << "<header>\n<h1>capmig report</h1>\n<p class=\"stat\">Scanned <code>"
      << html_escape(report.root.empty() ? "." : report.root)
      << "</code>: " << count_of(o.files_scanned, "file", "files") << ", <strong>"
      << count_of(o.findings, "finding", "findings") << "</strong> in "
      << count_of(o.files_with_findings, "file", "files");
  if (o.baseline) out << ", " << o.baseline << " more in the baseline (not listed)";
  if (o.errors) out << ", " << count_of(o.errors, "error", "errors");
  out << ".</p>\n";
  if (const auto line = not_scanned_line(report); !line.empty())
    out << "<p class=\"stat\" id=\"not-scanned\">" << html_escape(line) << "</p>\n";
  if (const auto items = remaining_work(o); !items.empty()) {
    out << "<table id=\"remaining-work\"><caption>Remaining work</caption><tbody>\n";
    for (const auto& w : items) {
      out << "<tr><td class=\"count\">" << with_commas(w.count) << "</td><td>" << markdown_code_to_html(w.what);
      if (!w.detail.empty()) out << " <span class=\"muted\">(" << html_escape(w.detail) << ")</span>";
      out << "</td><td class=\"muted\">" << markdown_code_to_html(w.action) << "</td></tr>\n";
    }
    out << "</tbody></table>\n";
  }
  out << "</header>\n<main>\n";
  if (o.findings == 0) return;

  out << "<section class=\"overview\">\n<table id=\"by-category\"><thead><tr><th>Category</th>";
  for (Severity s : kSeverityOrder) out << "<th>" << to_string(s) << "</th>";
  out << "<th>total</th></tr></thead><tbody>\n";
  for (Category c : kCategoryOrder) {
    const auto& n = o.by_category_severity[static_cast<std::size_t>(c)];
    if (!(n[0] + n[1] + n[2] + n[3])) continue;
    out << "<tr><td>" << to_string(c) << "</td>";
    for (Severity s : kSeverityOrder) out << "<td>" << n[static_cast<std::size_t>(s)] << "</td>";
    out << "<td>" << n[0] + n[1] + n[2] + n[3] << "</td></tr>\n";
  }
  out << "<tr><th>total</th>";
  for (Severity s : kSeverityOrder) out << "<th>" << o.by_severity[static_cast<std::size_t>(s)] << "</th>";
  out << "<th>" << o.findings << "</th></tr>\n</tbody></table>\n";
  write_chart(out, o);
  out << "</section>\n";
}

void write_errors(std::ostream& out, const ScanReport& report) {
  if (report.errors.empty()) return;
  out << "<h2>Errors</h2>\n<ul id=\"errors\">\n";
  for (const auto& e : report.errors) {
    out << "<li>";
    if (!e.path.empty()) out << "<code>" << html_escape(abbreviate_path(e.path)) << "</code>: ";
    out << html_escape(e.message) << "</li>\n";
  }
  out << "</ul>\n";
}

void write_table(std::ostream& out) {
  out << R"(<h2>Findings</h2>
<noscript><p>The findings table needs JavaScript; the findings are also in this file as JSON (capmig-data).</p></noscript>
<div class="controls" id="controls" hidden>
<input type="search" id="filter" placeholder="Filter: path, message, rule, id, code…" aria-label="Filter findings">
<select id="category" data-field="category" aria-label="Category"><option value="">all categories</option></select>
<select id="severity" data-field="severity" aria-label="Severity"><option value="">all severities</option></select>
<select id="language" data-field="language" aria-label="Language"><option value="">all languages</option></select>
<button type="button" id="clear">Clear</button>
<select id="pagesize" aria-label="Rows per page"><option value="50">50 rows</option><option value="100" selected>100 rows</option><option value="500">500 rows</option><option value="1000">1000 rows</option></select>
<span id="status" class="muted" role="status"></span>
</div>
<table class="findings" id="findings">
<colgroup><col class="c-n"><col class="c-sev"><col class="c-cat"><col class="c-lang"><col class="c-loc"><col class="c-rule"><col></colgroup>
<thead><tr><th data-key="n">#</th><th data-key="severity">severity</th><th data-key="category">category</th><th data-key="language">language</th><th data-key="location">location</th><th data-key="rule">rule</th><th data-key="message">message</th></tr></thead>
<tbody id="rows"></tbody>
</table>
<div class="pager"><button type="button" id="prev">‹ previous</button><span id="page" class="muted"></span><button type="button" id="next">next ›</button></div>
)";
}

// Each finding already shows its own before/after; the whole patch is embedded only while it
// keeps the page small.
constexpr std::size_t kEmbeddedPatchLimit = 2 * 1024 * 1024;

void write_patch(std::ostream& out, const fix::FixReport* fixes) {
  if (!fixes || fixes->delivery == fix::Delivery::plan || fixes->files.empty()) return;
  std::string diff;
  for (const auto& file : fixes->files) diff += file.diff;
  out << "<h2>Patch</h2>\n";
  if (diff.size() > kEmbeddedPatchLimit) {
    out << "<p id=\"patch\">The patch (" << count_of(fixes->files.size(), "file", "files") << ", "
        << with_commas(diff.size() / 1024)
        << " KiB) is too large to embed here: <code>capmig fix -o migrate.diff</code> "
        << "writes it. Each finding shows its own change.</p>\n";
    return;
  }
  out << "<details id=\"patch\"><summary>" << count_of(fixes->files.size(), "file", "files")
      << " (to apply it, use <code>capmig fix</code>'s own diff: secrets are redacted here)</summary>\n<pre>"
      << html_escape(PatchRedactor(fixes)(diff)) << "</pre>\n</details>\n";
}

// 10,000 findings repeat most of their text: stored once each, the page stays small.
json::object dedup_block(json::object data) {
  DedupedJson d = dedup_json(std::move(data));
  return json::object{{"table", std::move(d.table)}, {"data", std::move(d.value)}};
}

}  // namespace

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string json_for_script(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    // Outside strings JSON has none of these characters, so escaping them everywhere is exact.
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

void write_html(std::ostream& out, const ScanReport& report, const fix::FixReport* fixes) {
  const Overview o = make_overview(report, fixes);
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"" << kCsp << "\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"capmig\">\n"
      << "<title>capmig report: " << html_escape(report.root.empty() ? "." : report.root) << "</title>\n"
      << "<style>" << kHtmlReportCss << "</style>\n</head>\n<body>\n";
  write_overview(out, report, o);
  write_errors(out, report);
  if (o.findings > 0) write_table(out);
  write_patch(out, fixes);
  out << "</main>\n<script type=\"application/json\" id=\"capmig-data\">"
      << json_for_script(json::serialize(dedup_block(page_data(report, fixes)))) << "</script>\n";
  if (o.findings > 0) out << "<script>" << kHtmlReportJs << "</script>\n";
  out << "</body>\n</html>\n";
}

}  // namespace capmig::report
