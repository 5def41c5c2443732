#include "analyzer/cli/common.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace capmig::cli {

void add_common_options(po::options_description& d, CommonOptions& o, bool jsonl, const char* format_help) {
  d.add_options()
    ("format", po::value(&o.format),
     format_help ? format_help : jsonl ? "text | json | jsonl (one JSON object per token per line)" : "text | json")
    ("now", po::value(&o.now), "UNIX seconds used as the clock for expiry and minting (default: real clock)")
    ("color", po::value(&o.color)->default_value("auto"), "auto | always | never")
    ("auth-token-env", po::value(&o.auth_token_env)->default_value("TWILIO_AUTH_TOKEN"),
     "environment variable holding the auth token (verifies capability tokens)")
    ("auth-token-file", po::value(&o.auth_token_file), "file holding the auth token")
    ("api-key-secret-env", po::value(&o.api_key_secret_env)->default_value("TWILIO_API_KEY_SECRET"),
     "environment variable holding the API key secret (verifies and mints access tokens)")
    ("api-key-secret-file", po::value(&o.api_key_secret_file), "file holding the API key secret")
    ("extract", po::bool_switch(&o.extract), "find every JWT inside the input text (logs, HAR files) instead of one token per line")
    ("jobs,j", po::value(&o.jobs), "threads decoding tokens (default: every core)")
    ("input", po::value(&o.inputs), "TOKEN, or - for standard input (one token per line)")
    ("help,h", "show this help");
}

bool parse_command_line(int argc, char** argv, const char* usage, po::options_description& d,
                        po::positional_options_description& pos, CommonOptions&) {
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(d).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << usage << "\n" << d;
    return false;
  }
  return true;
}

void finish_common_options(CommonOptions& o, const std::vector<std::string>& formats) {
  if (o.format.empty()) o.format = "text";
  bool known = false;
  for (const auto& f : formats) known |= f == o.format;
  if (!known) throw UsageError("--format " + o.format + " is not supported here");
  if (o.color != "auto" && o.color != "always" && o.color != "never")
    throw UsageError("--color must be auto, always or never");
  if (o.now == 0)
    o.now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (o.now < 0) throw UsageError("--now must be non-negative UNIX seconds");
  if (o.inputs.empty()) {
    if (isatty(STDIN_FILENO)) throw UsageError("no token given: pass TOKEN, or - to read tokens from standard input");
    o.inputs.push_back("-");
  }
}

std::optional<std::string> read_secret(const std::string& env_name, const std::string& file) {
  if (!file.empty()) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UsageError("cannot read secret file " + file);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string s = ss.str();
    // `echo secret > file` leaves a newline that is not part of the secret.
    if (!s.empty() && s.back() == '\n') s.pop_back();
    if (!s.empty() && s.back() == '\r') s.pop_back();
    return s;
  }
  if (const char* v = std::getenv(env_name.c_str()); v && *v) return std::string(v);
  return std::nullopt;
}

VerificationKeys load_keys(const CommonOptions& o) {
  return VerificationKeys{read_secret(o.auth_token_env, o.auth_token_file),
                          read_secret(o.api_key_secret_env, o.api_key_secret_file)};
}

TextStyle stdout_style(const CommonOptions& o) { return TextStyle{resolve_color(o.color, STDOUT_FILENO)}; }

void print_error(std::string_view message) { std::cerr << "capmig: error: " << message << "\n"; }

}  // namespace capmig::cli
