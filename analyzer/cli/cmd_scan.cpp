// capmig scan PATH…: every dependency on capability tokens in a tree, as text, JSON, SARIF,
// Markdown, HTML or GitHub Actions annotations, with SPEC's CI gate (--fail-on, --baseline,
// --write-baseline).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <thread>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/cli/scan_flags.h"
#include "analyzer/cli/scan_history.h"
#include "analyzer/fix/fixer.h"
#include "analyzer/report/baseline.h"
#include "analyzer/report/formats.h"
#include "analyzer/report/gate.h"
#include "analyzer/report/rules_list.h"
#include "analyzer/scan/scanner.h"

namespace capmig::cli {
namespace fs = std::filesystem;

namespace {

// "N files…" on stderr, only on a terminal and only once a scan has run for a second.
class Progress {
 public:
  explicit Progress(std::atomic<std::uint64_t>& counter) : counter_(counter) {
    if (!isatty(STDERR_FILENO)) return;
    thread_ = std::thread([this] {
      std::unique_lock lock(mu_);
      if (cv_.wait_for(lock, std::chrono::seconds(1), [this] { return done_; })) return;
      while (!done_) {
        std::cerr << "\rcapmig: scanned " << counter_.load() << " files…" << std::flush;
        shown_ = true;
        cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return done_; });
      }
    });
  }
  ~Progress() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (shown_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  std::atomic<std::uint64_t>& counter_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false, shown_ = false;
  std::thread thread_;
};

}  // namespace

int run_scan(int argc, char** argv) {
  CommonOptions o;
  ScanFlags flags;
  po::options_description d("scan options");
  d.add_options()("format", po::value(&o.format), "text | json | sarif | markdown | html | github");
  add_scan_flags(d, flags, o);
  bool history = false;
  d.add_options()("history", po::bool_switch(&history),
                  "scan every blob in the git history (of REV-RANGE, default every ref) of the repository at PATH")(
      "help,h", "show this help");
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(
          argc, argv,
          "usage: capmig scan [PATH...] [options]\n       capmig scan --history [REV-RANGE] [PATH] [options]", d, pos,
          o))
    return 0;
  if (history) {
    const std::vector<std::string> positionals = o.inputs;  // [REV-RANGE] [PATH], not token inputs
    o.inputs = {"."};
    finish_common_options(o, report::format_names(report::scan_formats()));
    o.inputs = positionals;
    return run_scan_history(flags, o);
  }
  if (o.inputs.empty()) o.inputs.push_back(".");  // before the token commands' "-" for a piped stdin
  finish_common_options(o, report::format_names(report::scan_formats()));
  const report::Format& format = *report::find_format(report::scan_formats(), o.format);
  ScanSetup setup = resolve_scan_flags(flags, o);
  scan::ScanOptions& opts = setup.options;
  std::atomic<std::uint64_t> done{0};
  opts.files_done = &done;
  const auto& known = setup.baseline;
  const std::string& output = flags.output;
  const std::string& write_baseline_path = flags.write_baseline;

  // The reports people read (text, Markdown, HTML) tell the remaining work, which needs the
  // rewrites `fix` would make: planned here (files with constructs are read again), not shown.
  // A JSON report named for `capmig merge` (--repository) carries the plan too: the
  // organisation report's split between what `fix` migrates and what needs a person.
  const bool plan = format.plans_fixes || (format.name == std::string_view("json") && !setup.repository.empty());
  fix::FixReport planned;
  {
    Progress progress(done);
    if (plan) {
      fix::FixOptions fo;
      fo.scan = opts;
      planned = std::move(fix::run_fix(fo, setup.rules).report);
      planned.delivery = fix::Delivery::plan;
    } else {
      planned.scan = scan::scan(opts, setup.rules);
    }
  }
  scan::ScanReport& report = planned.scan;
  report.repository = setup.repository;
  const fix::FixReport* fixes = plan ? &planned : nullptr;
  if (known) report::apply_baseline(report, *known);
  if (!write_baseline_path.empty()) {
    auto written = report::write_baseline(report, write_baseline_path);
    if (!written) throw UsageError(written.error());
  }

  std::ofstream file;
  if (!output.empty()) {
    file.open(output, std::ios::binary | std::ios::trunc);
    if (!file) throw UsageError(output + ": cannot write");
  }
  std::ostream& out = output.empty() ? std::cout : file;
  format.write(out, {report, fixes, known.has_value(), output.empty() ? stdout_style(o) : TextStyle{false}});
  out.flush();
  if (!out) throw UsageError((output.empty() ? std::string("standard output") : output) + ": write failed");
  return gate_exit_code(report, setup);
}

int run_rules(int argc, char** argv) {
  std::vector<std::string> rule_dirs;
  std::string format = "text", sub;
  po::options_description d("rules options");
  d.add_options()("format", po::value(&format)->default_value("text"), "text | json")(
      "rules", po::value(&rule_dirs), "also load the *.json rules in DIR (repeatable)")("help,h", "show this help");
  po::options_description hidden;  // the positional action is not an option to show
  hidden.add_options()("action", po::value(&sub));
  po::positional_options_description pos;
  pos.add("action", 1);
  if (!parse_options(argc, argv, "usage: capmig rules list [--rules DIR] [--format text|json]\n", d, hidden, pos))
    return 0;
  if (sub != "list") throw UsageError("usage: capmig rules list [--rules DIR] [--format text|json]");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  auto rules = scan::load_rules(rule_dirs);
  if (!rules) throw UsageError(rules.error());
  if (format == "json")
    report::write_rules_json(std::cout, *rules);
  else
    report::write_rules_text(std::cout, *rules);
  return 0;
}

}  // namespace capmig::cli
