// capmig trace --tokens FILE… PATH…: which code minted the capability tokens seen in
// production. Scans PATH… as `scan` does, reads every JWT in the logs as `audit` does, and
// traces each capability token to the constructs that can mint it (report/trace_match.h).
#include <boost/json/serialize.hpp>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/cli/scan_flags.h"
#include "analyzer/cli/token_stream.h"
#include "analyzer/report/skipped.h"
#include "analyzer/report/terminal_safe.h"
#include "analyzer/report/trace_report.h"
#include "analyzer/scan/scanner.h"

namespace capmig::cli {
namespace json = boost::json;

namespace {
constexpr const char* kUsage =
    "usage: capmig trace --tokens FILE [--tokens FILE...] [PATH...] [--format text|json|markdown] [options]\n"
    "exit: 0 no capability token in the logs, 1 capability tokens still minted (traced or not), 2 could not read";
}  // namespace

int run_trace(int argc, char** argv) {
  CommonOptions o;
  ScanFlags flags;
  std::vector<std::string> token_files;
  po::options_description d("trace options");
  d.add_options()("tokens", po::value(&token_files),
                  "log, HAR or token dump (gzip too) whose JWTs are traced; repeatable, - for stdin")(
      "format", po::value(&o.format), "text | json | markdown")("exclude", po::value(&flags.excludes),
                                                                "skip code paths matching GLOB (repeatable)")(
      "rules", po::value(&flags.rule_dirs), "also load the *.json rules in DIR (repeatable)")(
      "no-ignore", po::bool_switch(&flags.no_ignore), "also scan what .gitignore ignores, node_modules/ and vendor/")(
      "follow", po::bool_switch(&flags.follow), "follow symbolic links (loops are detected)")(
      "jobs,j", po::value(&o.jobs_text), "N threads, 1 to 1024; 0 (the default) means one per core")(
      "now", po::value(&o.now), "UNIX seconds used as the clock (default: real clock)")(
      "color", po::value(&o.color)->default_value("auto"), "auto | always | never")(
      "auth-token-env", po::value(&o.auth_token_env)->default_value("TWILIO_AUTH_TOKEN"),
      "environment variable holding the auth token (verifies the tokens' signatures; optional)")(
      "auth-token-file", po::value(&o.auth_token_file), "file holding the auth token")("help,h", "show this help");
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, kUsage, d, pos, o)) return 0;
  if (token_files.empty()) throw UsageError("--tokens FILE is required (a log, HAR file or token dump)");
  if (o.inputs.empty()) o.inputs.push_back(".");
  finish_common_options(o, {"text", "json", "markdown"});
  flags.threads = o.jobs_text;
  ScanSetup setup = resolve_scan_flags(flags, o);  // o.inputs: the code roots

  const scan::ScanReport code = scan::scan(setup.options, setup.rules);
  for (const auto& e : code.errors)
    std::cerr << "capmig: error: " << terminal_safe(e.path) << ": " << terminal_safe(e.message) << "\n";
  const std::vector<report::TraceConstruct> constructs = report::trace_constructs(code);

  CommonOptions logs = o;
  logs.inputs = token_files;
  logs.extract = true;  // logs, HAR captures, token dumps: every JWT in the text counts
  const token::DecodeOptions opt{load_keys(o), o.now, &mapping_table()};
  const auto totals = run_token_stream(logs, Framing::Plain, [&](const TokenItem& in, BatchOutput& out) {
    out.traced = true;
    out.trace.add(decode_item(in, opt), in.token, in.name, constructs);
  });
  const report::TokenTrace& t = totals.trace;
  if (o.format == "json")
    std::cout << json::serialize(report::trace_to_json(t, constructs)) << "\n";
  else if (o.format == "markdown")
    std::cout << report::trace_to_markdown(t, constructs);
  else
    std::cout << report::trace_to_text(t, constructs, stdout_style(o));
  std::cout.flush();
  if (!std::cout) throw UsageError("standard output: write failed");
  if (code.incomplete) {
    std::cerr << "capmig: " << report::incomplete_sentence(code) << ": the trace may miss constructs\n";
    return 2;
  }
  if (totals.exit_code) return totals.exit_code;  // a log could not be read (to its end)
  return t.capability ? 1 : 0;
}

}  // namespace capmig::cli
