// capmig scan PATH…: every dependency on capability tokens in a tree, as text, JSON, SARIF,
// Markdown, HTML or GitHub Actions annotations, with SPEC's CI gate (--fail-on, --baseline,
// --write-baseline).
#include <boost/json/serialize.hpp>
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
#include "analyzer/fix/fixer.h"
#include "analyzer/report/baseline.h"
#include "analyzer/report/gate.h"
#include "analyzer/report/github.h"
#include "analyzer/report/html.h"
#include "analyzer/report/json.h"
#include "analyzer/report/markdown.h"
#include "analyzer/report/sarif.h"
#include "analyzer/report/text.h"
#include "analyzer/scan/scanner.h"

namespace capmig::cli {
namespace json = boost::json;
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
  d.add_options()("help,h", "show this help");
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig scan [PATH...] [options]", d, pos, o)) return 0;
  if (o.inputs.empty()) o.inputs.push_back(".");  // before the token commands' "-" for a piped stdin
  finish_common_options(o, {"text", "json", "sarif", "markdown", "html", "github"});
  ScanSetup setup = resolve_scan_flags(flags, o);
  scan::ScanOptions& opts = setup.options;
  std::atomic<std::uint64_t> done{0};
  opts.files_done = &done;
  const auto& known = setup.baseline;
  const std::string& output = flags.output;
  const std::string& write_baseline_path = flags.write_baseline;

  // The reports people read (text, Markdown, HTML) tell the remaining work, which needs the
  // rewrites `fix` would make: planned here (files with constructs are read again), not shown.
  const bool plan = o.format == "text" || o.format == "markdown" || o.format == "html";
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
  if (o.format == "json") {
    out << json::serialize(report::scan_to_json(report)) << "\n";
  } else if (o.format == "sarif") {
    report::SarifOptions so;
    so.baseline_given = known.has_value();
    out << json::serialize(report::scan_to_sarif(report, so)) << "\n";
  } else if (o.format == "markdown") {
    report::write_markdown(out, report, fixes);
  } else if (o.format == "html") {
    report::write_html(out, report, fixes);
  } else if (o.format == "github") {
    report::write_github(out, report);
  } else {
    const TextStyle st = output.empty() ? stdout_style(o) : TextStyle{false};
    report::write_scan_text(out, report, st, fixes);
  }
  out.flush();
  if (!out) throw UsageError((output.empty() ? std::string("standard output") : output) + ": write failed");
  return gate_exit_code(report, setup);
}

int run_rules(int argc, char** argv) {
  std::vector<std::string> rule_dirs;
  std::string format = "text", sub;
  po::options_description d("rules options");
  d.add_options()
    ("format", po::value(&format)->default_value("text"), "text | json")
    ("rules", po::value(&rule_dirs), "also load the *.json rules in DIR (repeatable)")
    ("help,h", "show this help");
  po::options_description hidden, all;  // the positional action is not an option to show
  hidden.add_options()("action", po::value(&sub));
  all.add(d).add(hidden);
  po::positional_options_description pos;
  pos.add("action", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << "usage: capmig rules list [--rules DIR] [--format text|json]\n\n" << d;
    return 0;
  }
  if (sub != "list") throw UsageError("usage: capmig rules list [--rules DIR] [--format text|json]");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  auto rules = scan::load_rules(rule_dirs);
  if (!rules) throw UsageError(rules.error());
  if (format == "json") {
    json::array arr;
    for (const auto& r : rules->rules) {
      json::array langs;
      for (auto l : r.summary.languages) langs.emplace_back(scan::to_string(l));
      arr.push_back(json::object{{"id", r.summary.id},
                                 {"name", r.summary.name},
                                 {"dialect", r.summary.name},
                                 {"languages", std::move(langs)},
                                 {"category", scan::to_string(r.summary.category)},
                                 {"severity", scan::to_string(r.summary.severity)},
                                 {"summary", r.summary.message},
                                 {"source", r.source}});
    }
    std::cout << json::serialize(arr) << "\n";
    return 0;
  }
  std::size_t w_id = 2, w_lang = 8;
  std::vector<std::string> langs;
  for (const auto& r : rules->rules) {
    std::string l;
    for (auto x : r.summary.languages) l += (l.empty() ? "" : ",") + std::string(scan::to_string(x));
    if (l.size() > 40) l = "all";
    langs.push_back(l);
    w_id = std::max(w_id, r.summary.id.size());
    w_lang = std::max(w_lang, l.size());
  }
  auto pad = [](std::string s, std::size_t w) { return s + std::string(w > s.size() ? w - s.size() : 0, ' '); };
  std::cout << pad("ID", w_id) << "  " << pad("LANGUAGE", w_lang) << "  " << pad("SEVERITY", 8) << "  DIALECT\n";
  for (std::size_t i = 0; i < rules->rules.size(); ++i) {
    const auto& r = rules->rules[i];
    std::cout << pad(r.summary.id, w_id) << "  " << pad(langs[i], w_lang) << "  "
              << pad(std::string(scan::to_string(r.summary.severity)), 8) << "  " << r.summary.name << "\n";
  }
  std::cout << rules->rules.size() << " rules\n";
  return 0;
}

}  // namespace capmig::cli
