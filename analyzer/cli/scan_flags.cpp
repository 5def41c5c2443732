#include "analyzer/cli/scan_flags.h"

#include <filesystem>

#include "analyzer/scan/report/gate.h"

namespace capmig::cli {
namespace fs = std::filesystem;

namespace {

std::uint64_t parse_size(const std::string& s) {
  // 1048576, 512K, 10M, 1G
  std::size_t used = 0;
  unsigned long long v = 0;
  try {
    v = std::stoull(s, &used);
  } catch (const std::exception&) {
    throw UsageError("--max-filesize " + s + ": expected BYTES, or a number with K, M or G");
  }
  const std::string unit = s.substr(used);
  if (unit.empty()) return v;
  if (unit == "K" || unit == "k") return v << 10;
  if (unit == "M" || unit == "m") return v << 20;
  if (unit == "G" || unit == "g") return v << 30;
  throw UsageError("--max-filesize " + s + ": expected BYTES, or a number with K, M or G");
}

}  // namespace

void add_scan_flags(po::options_description& d, ScanFlags& f, CommonOptions& o) {
  d.add_options()
    ("fail-on", po::value(&f.fail_on)->default_value("low"), "info | low | medium | high | never: the severity that makes the exit code 1")
    ("baseline", po::value(&f.baseline), "findings recorded in this file are not new and do not fail")
    ("write-baseline", po::value(&f.write_baseline), "record every finding of this scan in FILE")
    ("exclude", po::value(&f.excludes), "skip paths matching GLOB (repeatable; ** crosses directories)")
    ("rules", po::value(&f.rule_dirs), "also load the *.json rules in DIR (repeatable)")
    ("threads,j", po::value(&f.threads), "threads (default: one per core)")
    ("no-ignore", po::bool_switch(&f.no_ignore), "also scan what .gitignore ignores, node_modules/ and vendor/")
    ("follow", po::bool_switch(&f.follow), "follow symbolic links (loops are detected)")
    ("max-filesize", po::value(&f.max_filesize), "skip files larger than BYTES (K, M, G suffixes; default 10M)")
    ("output,o", po::value(&f.output), "write the report to FILE instead of standard output")
    ("now", po::value(&o.now), "UNIX seconds used as the clock for embedded tokens' expiry")
    ("color", po::value(&o.color)->default_value("auto"), "auto | always | never")
    ("auth-token-env", po::value(&o.auth_token_env)->default_value("TWILIO_AUTH_TOKEN"),
     "environment variable holding the auth token (verifies embedded capability tokens)")
    ("auth-token-file", po::value(&o.auth_token_file), "file holding the auth token")
    ("api-key-secret-env", po::value(&o.api_key_secret_env)->default_value("TWILIO_API_KEY_SECRET"),
     "environment variable holding the API key secret (verifies embedded access tokens)")
    ("api-key-secret-file", po::value(&o.api_key_secret_file), "file holding the API key secret")
    ("input", po::value(&o.inputs), "PATH to scan (default: .)");
}

ScanSetup resolve_scan_flags(const ScanFlags& f, CommonOptions& o) {
  ScanSetup s;
  if (o.inputs.empty()) o.inputs.push_back(".");
  auto threshold = scan::parse_fail_on(f.fail_on);
  if (!threshold) throw UsageError(threshold.error());
  s.fail_on = *threshold;
  auto rules = scan::load_rules(f.rule_dirs);
  if (!rules) throw UsageError(rules.error());
  s.rules = std::move(*rules);
  for (const auto& in : o.inputs) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(in, ec)) || ec) throw UsageError(in + ": no such file or directory");
    s.options.walk.roots.emplace_back(in);
  }
  s.options.walk.threads = f.threads;
  s.options.walk.no_ignore = f.no_ignore;
  s.options.walk.follow_symlinks = f.follow;
  s.options.walk.excludes = f.excludes;
  if (!f.max_filesize.empty()) s.options.walk.max_filesize = parse_size(f.max_filesize);
  s.options.match.keys = load_keys(o);
  s.options.match.now = o.now;
  if (!f.baseline.empty()) {
    auto ids = scan::load_baseline(f.baseline);
    if (!ids) throw UsageError(ids.error());
    s.baseline = std::move(*ids);
  }
  return s;
}

}  // namespace capmig::cli
