#pragma once
// What every token command shares: secrets from env or files, the clock, the input list,
// the output format, and SPEC's one-line errors.
#include <boost/program_options.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/report/style.h"
#include "analyzer/token/model.h"

namespace capmig::cli {

namespace po = boost::program_options;

// Bad usage or unreadable input: exit 2 with "capmig: error: …".
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CommonOptions {
  std::string format;  // resolved: text | json | jsonl
  std::string color = "auto";
  std::int64_t now = 0;
  std::string auth_token_env = "TWILIO_AUTH_TOKEN", auth_token_file;
  std::string api_key_secret_env = "TWILIO_API_KEY_SECRET", api_key_secret_file;
  std::vector<std::string> inputs;
  bool extract = false;  // pull JWTs out of arbitrary text (logs, HAR)
  unsigned jobs = 0;     // decoding threads; 0: every core
};

// `format_help` replaces the --format description for a command with other formats.
void add_common_options(po::options_description& d, CommonOptions& o, bool with_formats_jsonl,
                        const char* format_help = nullptr);
// Parses argv after the command name; returns false when --help was printed.
bool parse_command_line(int argc, char** argv, const char* usage, po::options_description& d,
                        po::positional_options_description& pos, CommonOptions& o);
void finish_common_options(CommonOptions& o, const std::vector<std::string>& formats);

VerificationKeys load_keys(const CommonOptions& o);
std::optional<std::string> read_secret(const std::string& env_name, const std::string& file);

TextStyle stdout_style(const CommonOptions& o);
void print_error(std::string_view message);  // capmig: error: …

}  // namespace capmig::cli
