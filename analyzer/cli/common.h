#pragma once
// What every token command shares: secrets from env or files, the clock, the input list,
// the output format, and SPEC's one-line errors.
#include <boost/program_options.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/map/table.h"
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
  bool extract = false;   // pull JWTs out of arbitrary text (logs, HAR)
  unsigned jobs = 0;      // decoding threads; 0: every core
  std::string jobs_text;  // -j as given, range-checked into jobs
};

// Token options a command does not take: left out of its parser and of its --help.
enum CommonOptionsOmitted : unsigned { kAllCommonOptions = 0, kNoColor = 1, kNoApiKeySecret = 2 };
// `format_help` replaces the --format description for a command with other formats.
void add_common_options(po::options_description& d, CommonOptions& o, bool with_formats_jsonl,
                        unsigned omitted = kAllCommonOptions, const char* format_help = nullptr);
// Parses argv after the command name; returns false when --help was printed. The positional
// arguments land in o.inputs through an option --help never shows.
bool parse_command_line(int argc, char** argv, const char* usage, po::options_description& d,
                        po::positional_options_description& pos, CommonOptions& o);
// The same for any command: `shown` is what --help prints after `usage` and a line break,
// `hidden` holds the options the positional arguments land in.
bool parse_options(int argc, char** argv, std::string_view usage, const po::options_description& shown,
                   const po::options_description& hidden, const po::positional_options_description& pos);
void finish_common_options(CommonOptions& o, const std::vector<std::string>& formats);

// A whole decimal number in [min, max], or a one-line UsageError that names the flag and the
// range: "-1" for a count, "1e3", "12abc" and overflow never slip through as something else.
std::int64_t parse_integer_flag(std::string_view flag, std::string_view text, std::int64_t min, std::int64_t max);
// The most -j accepts: beyond it threads only cost memory (and the system refuses them).
inline constexpr unsigned kMaxThreads = 1024;
// The latest --now accepted: 9999-12-31 (later clocks overflow expiry arithmetic).
inline constexpr std::int64_t kMaxNow = 253402300799;

// Token commands take tokens, not files: an argument that names a file or directory (or
// looks like a path) is refused with the way to read one (`- < FILE`, `--extract FILE`);
// --extract DIR is refused as a directory.
void refuse_path_arguments(const CommonOptions& o, std::string_view command);

token::VerificationKeys load_keys(const CommonOptions& o);
// The parameter mapping table every command maps by (mapping/table.json, compiled in): the
// one place the command line picks it; the stages below take it as an argument.
const map::MappingTable& mapping_table();
std::optional<std::string> read_secret(const std::string& env_name, const std::string& file);

TextStyle stdout_style(const CommonOptions& o);
void print_error(std::string_view message);  // capmig: error: …

}  // namespace capmig::cli
