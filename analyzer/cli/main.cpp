// capmig: find and migrate Twilio Capability Tokens to Access Tokens.
// A thin layer: each subcommand parses its flags and calls the library.
#include <exception>
#include <iostream>
#include <string_view>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"

namespace {

constexpr const char* kUsage = R"(capmig: migrate Twilio Capability Tokens to Access Tokens

usage: capmig <command> [options]

token commands
  decode [TOKEN...|-]   classify, decode, verify and lint tokens; map capability tokens
  map    [TOKEN|-]      the Access Token + VoiceGrant configuration (--as LANG for code)
  mint   [TOKEN|-]      mint the equivalent Access Token (--api-key-sid SK…)
  check  [TOKEN...|-]   CI gate: fail on capability tokens and unhealthy access tokens
  audit  [FILE...|-]    every JWT in logs (gzip too): which clients and apps still get capability tokens

code commands
  scan   [PATH...]      find every dependency on capability tokens (text, json, sarif, markdown, html, github)
  fix    [PATH...]      migration patches to Access Tokens: a unified diff, or --apply in place
  rules  list           the detection rules loaded
  merge  REPORT.json... many repositories' scan reports as one organisation report (json, sarif, markdown, html)

tokens and code
  trace  --tokens FILE PATH...  which code minted the capability tokens in the logs, which is silent

Secrets come from the environment or files, never argv: TWILIO_AUTH_TOKEN,
TWILIO_API_KEY_SECRET, or --auth-token-file / --api-key-secret-file.
Exit codes: 0 ok, 1 found what the command fails on, 2 could not do its job.
Run `capmig <command> --help` for a command's options.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace capmig::cli;
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string_view cmd = argv[1];
  try {
    if (cmd == "decode") return run_decode(argc - 1, argv + 1);
    if (cmd == "map") return run_map(argc - 1, argv + 1);
    if (cmd == "mint") return run_mint(argc - 1, argv + 1);
    if (cmd == "check") return run_check(argc - 1, argv + 1);
    if (cmd == "audit") return run_audit(argc - 1, argv + 1);
    if (cmd == "scan") return run_scan(argc - 1, argv + 1);
    if (cmd == "fix") return run_fix(argc - 1, argv + 1);
    if (cmd == "rules") return run_rules(argc - 1, argv + 1);
    if (cmd == "merge") return run_merge(argc - 1, argv + 1);
    if (cmd == "trace") return run_trace(argc - 1, argv + 1);
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (cmd == "--version") {
      std::cout << "capmig 0.1.0\n";
      return 0;
    }
    print_error("unknown command '" + std::string(cmd) + "' (try capmig --help)");
    return 2;
  } catch (const UsageError& e) {
    print_error(e.what());
    return 2;
  } catch (const std::exception& e) {
    print_error(std::string("internal: ") + e.what());
    return 2;
  }
}
