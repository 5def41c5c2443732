#include "analyzer/cli/common.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "analyzer/core/file_io.h"

namespace capmig::cli {

void add_common_options(po::options_description& d, CommonOptions& o, bool jsonl, unsigned omitted,
                        const char* format_help) {
  d.add_options()("format", po::value(&o.format),
                  format_help ? format_help
                  : jsonl     ? "text | json | jsonl (one JSON object per token per line)"
                              : "text | json")(
      "now", po::value(&o.now), "UNIX seconds used as the clock for expiry and minting (default: real clock)");
  if (!(omitted & kNoColor))
    d.add_options()("color", po::value(&o.color)->default_value("auto"), "auto | always | never");
  d.add_options()("auth-token-env", po::value(&o.auth_token_env)->default_value("TWILIO_AUTH_TOKEN"),
                  "environment variable holding the auth token (verifies capability tokens)")(
      "auth-token-file", po::value(&o.auth_token_file), "file holding the auth token");
  if (!(omitted & kNoApiKeySecret))
    d.add_options()("api-key-secret-env", po::value(&o.api_key_secret_env)->default_value("TWILIO_API_KEY_SECRET"),
                    "environment variable holding the API key secret (verifies and mints access tokens)")(
        "api-key-secret-file", po::value(&o.api_key_secret_file), "file holding the API key secret");
  d.add_options()("extract", po::bool_switch(&o.extract),
                  "find every JWT inside the input text (logs, HAR files) instead of one token per line")(
      "jobs,j", po::value(&o.jobs_text), "N threads decoding tokens, 1 to 1024; 0 (the default) means one per core")(
      "help,h", "show this help");
}

bool parse_command_line(int argc, char** argv, const char* usage, po::options_description& d,
                        po::positional_options_description& pos, CommonOptions& o) {
  po::options_description hidden;
  hidden.add_options()("input", po::value(&o.inputs));
  return parse_options(argc, argv, usage, d, hidden, pos);
}

bool parse_options(int argc, char** argv, std::string_view usage, const po::options_description& shown,
                   const po::options_description& hidden, const po::positional_options_description& pos) {
  po::options_description all;
  all.add(shown).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (vm.count("help")) {
    std::cout << usage << "\n" << shown;
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
    o.now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  if (o.now < 0 || o.now > kMaxNow)
    throw UsageError("--now " + std::to_string(o.now) + ": expected UNIX seconds from 0 to " + std::to_string(kMaxNow));
  if (!o.jobs_text.empty()) o.jobs = static_cast<unsigned>(parse_integer_flag("-j", o.jobs_text, 0, kMaxThreads));
  if (o.inputs.empty()) {
    if (isatty(STDIN_FILENO)) throw UsageError("no token given: pass TOKEN, or - to read tokens from standard input");
    o.inputs.push_back("-");
  }
}

std::int64_t parse_integer_flag(std::string_view flag, std::string_view text, std::int64_t min, std::int64_t max) {
  const std::string range = ": expected a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || v < min || v > max)
    throw UsageError(std::string(flag) + " " + std::string(text.substr(0, 40)) + (text.size() > 40 ? "…" : "") + range);
  return v;
}

void refuse_path_arguments(const CommonOptions& o, std::string_view command) {
  const std::string cmd(command);
  for (const auto& in : o.inputs) {
    if (in == "-") continue;
    struct stat st;
    const bool exists = ::stat(in.c_str(), &st) == 0;
    if (o.extract) {
      if (exists && S_ISDIR(st.st_mode))
        throw UsageError("--extract " + in +
                         ": is a directory; --extract reads one file (a log, a HAR file), or - for standard input");
      continue;
    }
    // A JWT is base64url and dots: a '/' or an existing file means the user meant a file.
    if (exists || in.find('/') != std::string::npos) {
      throw UsageError(
          in + ": looks like a path, not a token; to read the tokens in a file (one per line) use `capmig " + cmd +
          " - < " + in + "`, or `capmig " + cmd + " --extract " + in + "` to find every JWT inside it");
    }
  }
}

std::optional<std::string> read_secret(const std::string& env_name, const std::string& file) {
  if (!file.empty()) {
    // A FIFO works (`--auth-token-file <(pass show twilio)`). Any failure, a directory
    // included, is an error: verifying with an empty or partial key would only mislead.
    // A secret is short: 1 MiB bounds what a wrong path (/dev/zero) can make us hold.
    io::ReadOptions how;
    how.max_bytes = std::size_t{1} << 20;
    auto read = io::read_file(file, how);
    if (!read) throw UsageError("cannot read secret file " + file + ": " + read.error().message());
    std::string s = std::move(*read);
    // `echo secret > file` leaves a newline that is not part of the secret.
    if (!s.empty() && s.back() == '\n') s.pop_back();
    if (!s.empty() && s.back() == '\r') s.pop_back();
    if (s.empty()) throw UsageError("secret file " + file + " is empty");
    return s;
  }
  if (const char* v = std::getenv(env_name.c_str()); v && *v) return std::string(v);
  return std::nullopt;
}

const map::MappingTable& mapping_table() { return map::MappingTable::builtin(); }

token::VerificationKeys load_keys(const CommonOptions& o) {
  return token::VerificationKeys{read_secret(o.auth_token_env, o.auth_token_file),
                                 read_secret(o.api_key_secret_env, o.api_key_secret_file)};
}

TextStyle stdout_style(const CommonOptions& o) { return TextStyle{resolve_color(o.color, STDOUT_FILENO)}; }

void print_error(std::string_view message) { std::cerr << "capmig: error: " << message << "\n"; }

}  // namespace capmig::cli
