#include "analyzer/report/formats.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>

#include "analyzer/report/fix_json.h"
#include "analyzer/report/github.h"
#include "analyzer/report/html.h"
#include "analyzer/report/json.h"
#include "analyzer/report/markdown.h"
#include "analyzer/report/overview.h"
#include "analyzer/report/sarif.h"
#include "analyzer/report/sarif_fixes.h"
#include "analyzer/report/text.h"

namespace capmig::report {
namespace {

void scan_text(std::ostream& out, const ReportInput& in) { write_scan_text(out, in.scan, in.style, in.fixes); }
// With the fixes planned (`scan --repository`, for `capmig merge`), the report says how many
// constructs `fix` migrates and why the others need a person, so an organisation report can.
void scan_json(std::ostream& out, const ReportInput& in) {
  boost::json::object extra;
  if (in.fixes) {
    const Overview ov = make_overview(in.scan, in.fixes);
    boost::json::object reasons;
    for (const auto& [code, n] : ov.needs_input_reasons) reasons[code] = n;
    extra["fix_plan"] = boost::json::object{{"rewritten", ov.rewritten.value_or(0)},
                                            {"needs_input", ov.needs_input.value_or(0)},
                                            {"needs_input_reasons", std::move(reasons)}};
  }
  write_scan_json(out, in.scan, extra);
  out << "\n";
}
void sarif(std::ostream& out, const ReportInput& in) {
  SarifOptions so;
  so.baseline_given = in.baseline_given;
  if (in.fixes && in.fixes->delivery != fix::Delivery::plan) so.fixes = sarif_fixes(*in.fixes);
  out << boost::json::serialize(scan_to_sarif(in.scan, so)) << "\n";
}
void markdown(std::ostream& out, const ReportInput& in) { write_markdown(out, in.scan, in.fixes); }
void html(std::ostream& out, const ReportInput& in) { write_html(out, in.scan, in.fixes); }
void github(std::ostream& out, const ReportInput& in) { write_github(out, in.scan); }

// `fix`'s text is the patch itself, a unified diff `git apply` takes.
void fix_diff(std::ostream& out, const ReportInput& in) {
  if (in.fixes)
    for (const auto& f : in.fixes->files) out << f.diff;
}
void fix_json(std::ostream& out, const ReportInput& in) {
  if (in.fixes) out << boost::json::serialize(fix_to_json(*in.fixes)) << "\n";
}

// In the order the help screens list them.
constexpr std::array kScanFormats{
    Format{"text", true, scan_text},    Format{"json", false, scan_json}, Format{"sarif", false, sarif},
    Format{"markdown", true, markdown}, Format{"html", true, html},       Format{"github", false, github},
};
constexpr std::array kFixFormats{
    Format{"text", false, fix_diff}, Format{"json", false, fix_json}, Format{"markdown", false, markdown},
    Format{"html", false, html},     Format{"sarif", false, sarif},
};

}  // namespace

std::span<const Format> scan_formats() { return kScanFormats; }
std::span<const Format> fix_formats() { return kFixFormats; }

const Format* find_format(std::span<const Format> formats, std::string_view name) {
  const auto it = std::find_if(formats.begin(), formats.end(), [&](const Format& f) { return f.name == name; });
  return it == formats.end() ? nullptr : &*it;
}

std::vector<std::string> format_names(std::span<const Format> formats) {
  std::vector<std::string> names;
  for (const auto& f : formats) names.emplace_back(f.name);
  return names;
}

}  // namespace capmig::report
