// capmig merge REPORT.json…: the organisation report from many `scan --format json` reports,
// one per repository, as JSON, SARIF (a run per repository), Markdown or an HTML dashboard.
#include <fstream>
#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/core/file_io.h"
#include "analyzer/report/org_dashboard.h"
#include "analyzer/report/org_json.h"
#include "analyzer/report/org_markdown.h"
#include "analyzer/report/org_merge.h"
#include "analyzer/report/org_sarif.h"
#include "analyzer/report/terminal_safe.h"
#include "analyzer/scan/rules/rule.h"

namespace capmig::cli {

namespace {

constexpr const char* kMergeUsage =
    "usage: capmig merge REPORT.json... [--format json|sarif|markdown|html] [-o FILE]\n\n"
    "Joins the reports of `capmig scan --format json` (one per repository) into one organisation\n"
    "report. A repository is named by the report's \"repository\" (scan --repository NAME), else by\n"
    "the last component of its root. Finding ids stay those of each report; org_id is\n"
    "\"<repository>:<id>\".\n"
    "Errors (exit 2): an unreadable file, not JSON or cut short, not a capmig scan report, another\n"
    "report version, a damaged finding, one repository twice with different contents. The same\n"
    "report twice and incomplete scans are warnings on stderr.\n"
    "Exit codes: 0 no new finding and every scan complete, 1 new findings or an incomplete scan, 2 error.\n";

// Reports are JSON text a scan wrote: far below this; a bigger file is a mistake, not a report.
constexpr std::size_t kMaxReportBytes = std::size_t{1} << 30;

}  // namespace

int run_merge(int argc, char** argv) {
  std::string format = "json", output;
  std::vector<std::string> inputs;
  po::options_description d("merge options");
  d.add_options()("format", po::value(&format)->default_value("json"), "json | sarif | markdown | html")(
      "output,o", po::value(&output), "write the report to FILE instead of standard output")("help,h",
                                                                                             "show this help");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&inputs));
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_options(argc, argv, kMergeUsage, d, hidden, pos)) return 0;
  if (format != "json" && format != "sarif" && format != "markdown" && format != "html")
    throw UsageError("--format must be json, sarif, markdown or html");
  if (inputs.empty()) throw UsageError("merge needs at least one REPORT.json (see capmig merge --help)");

  std::vector<report::RepoReport> reports;
  reports.reserve(inputs.size());
  io::ReadOptions ro;
  ro.max_bytes = kMaxReportBytes;
  ro.regular_only = true;
  for (const auto& path : inputs) {
    auto text = io::read_file(path, ro);
    if (!text) throw UsageError(terminal_safe(path + ": " + text.error().message()));
    auto parsed = report::parse_scan_report(*text, path);
    if (!parsed) throw UsageError(terminal_safe(parsed.error()));
    reports.push_back(std::move(*parsed));
  }
  auto org = report::merge_reports(std::move(reports));
  if (!org) throw UsageError(terminal_safe(org.error()));
  for (const auto& w : org->warnings) std::cerr << "capmig: warning: " << terminal_safe(w) << "\n";

  std::ofstream file;
  if (!output.empty()) {
    file.open(output, std::ios::binary | std::ios::trunc);
    if (!file) throw UsageError(terminal_safe(output) + ": cannot write");
  }
  std::ostream& out = output.empty() ? std::cout : file;
  if (format == "json") {
    report::write_org_json(out, *org);
  } else if (format == "sarif") {
    auto rules = scan::load_rules({});  // the built-in rules: what `scan` runs without --rules
    if (!rules) throw UsageError(rules.error());
    report::write_org_sarif(out, *org, rules->summaries());
  } else if (format == "markdown") {
    report::write_org_markdown(out, *org);
  } else {
    report::write_org_dashboard(out, *org);
  }
  out.flush();
  if (!out)
    throw UsageError(terminal_safe(output.empty() ? std::string("standard output") : output) + ": write failed");
  return report::org_exit_code(*org);
}

}  // namespace capmig::cli
