#include "analyzer/cli/scan_history.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "analyzer/history/history_scan.h"
#include "analyzer/report/history_report.h"

namespace capmig::cli {
namespace fs = std::filesystem;

int run_scan_history(const ScanFlags& flags, CommonOptions& o) {
  if (o.format != "text" && o.format != "json") throw UsageError("--history writes --format text or json");
  if (!flags.baseline.empty() || !flags.write_baseline.empty() || !flags.excludes.empty() || flags.no_ignore ||
      flags.follow)
    throw UsageError("--history does not take --baseline, --write-baseline, --exclude, --no-ignore or --follow");
  history::HistoryOptions h;
  std::vector<std::string> args = std::move(o.inputs);
  if (args.size() > 2) throw UsageError("usage: capmig scan --history [REV-RANGE] [PATH]");
  if (args.size() == 2) {
    h.range = args[0];
    h.repository = args[1];
  } else if (args.size() == 1) {
    std::error_code ec;
    if (args[0].find("..") == std::string::npos && fs::is_directory(args[0], ec))
      h.repository = args[0];
    else
      h.range = args[0];
  }
  // The shared flags resolve against the repository as the PATH.
  o.inputs = {h.repository};
  ScanSetup setup = resolve_scan_flags(flags, o);
  h.max_filesize = setup.options.walk.max_filesize;
  h.threads = setup.options.walk.threads;
  h.match = setup.options.match;
  auto report = history::scan_history(h, setup.rules);
  if (!report) throw UsageError(report.error());

  std::ofstream file;
  if (!flags.output.empty()) {
    file.open(flags.output, std::ios::binary | std::ios::trunc);
    if (!file) throw UsageError(flags.output + ": cannot write");
  }
  std::ostream& out = flags.output.empty() ? std::cout : file;
  if (o.format == "json")
    report::write_history_json(out, *report);
  else
    report::write_history_text(out, *report, flags.output.empty() ? stdout_style(o) : TextStyle{false});
  out.flush();
  if (!out) throw UsageError((flags.output.empty() ? std::string("standard output") : flags.output) + ": write failed");

  int code = 0;
  if (setup.fail_on)
    for (const auto& f : report->findings)
      if (static_cast<int>(f.severity) >= static_cast<int>(*setup.fail_on)) code = 1;
  if (report->incomplete && !setup.allow_incomplete) {
    std::cerr << "capmig: history incomplete (" << report->errors.size()
              << " errors); the gate fails (--allow-incomplete lets it pass)\n";
    code = 1;
  }
  return code;
}

}  // namespace capmig::cli
