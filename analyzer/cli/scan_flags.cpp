#include "analyzer/cli/scan_flags.h"

#include <filesystem>
#include <iostream>

#include "analyzer/report/gate.h"
#include "analyzer/report/org_merge.h"
#include "analyzer/report/skipped.h"

namespace capmig::cli {
namespace fs = std::filesystem;

namespace {

// 1048576, 512K, 10M, 1G; at most 1T. No sign: "-1" is an error, not "no limit".
std::uint64_t parse_size(const std::string& s) {
  const std::string bad =
      "--max-filesize " + s.substr(0, 40) + ": expected BYTES from 0 to 1T, or a number with K, M, G or T";
  std::size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  const std::string unit = s.substr(digits);
  int shift = -1;
  if (unit.empty())
    shift = 0;
  else if (unit == "K" || unit == "k")
    shift = 10;
  else if (unit == "M" || unit == "m")
    shift = 20;
  else if (unit == "G" || unit == "g")
    shift = 30;
  else if (unit == "T" || unit == "t")
    shift = 40;
  if (digits == 0 || shift < 0 || digits > 13) throw UsageError(bad);
  const std::uint64_t v = std::stoull(s.substr(0, digits));
  if (v > (std::uint64_t{1} << (40 - shift))) throw UsageError(bad);
  return v << shift;
}

}  // namespace

void add_scan_flags(po::options_description& d, ScanFlags& f, CommonOptions& o) {
  d.add_options()("fail-on", po::value(&f.fail_on)->default_value("low"),
                  "info | low | medium | high | never: the severity that makes the exit code 1")(
      "baseline", po::value(&f.baseline), "findings recorded in this file are not new and do not fail")(
      "write-baseline", po::value(&f.write_baseline), "record every finding of this scan in FILE")(
      "exclude", po::value(&f.excludes), "skip paths matching GLOB (repeatable; ** crosses directories)")(
      "rules", po::value(&f.rule_dirs), "also load the *.json rules in DIR (repeatable)")(
      "threads,j", po::value(&f.threads), "N threads, 1 to 1024; 0 (the default) means one per core")(
      "no-ignore", po::bool_switch(&f.no_ignore), "also scan what .gitignore ignores, node_modules/ and vendor/")(
      "follow", po::bool_switch(&f.follow), "follow symbolic links (loops are detected)")(
      "max-filesize", po::value(&f.max_filesize),
      "files larger than BYTES (K, M, G suffixes; default 10M) are not lexed "
      "whole: they are searched for the rules' keywords and lexed only around the hits")(
      "allow-incomplete", po::bool_switch(&f.allow_incomplete),
      "pass the gate even when files that should have been read were not (unreadable, too deep, errors)")(
      "output,o", po::value(&f.output), "write the report to FILE instead of standard output")(
      "repository", po::value(&f.repository),
      "NAME written into the JSON report for `capmig merge` (default there: the root's last component)")(
      "now", po::value(&o.now), "UNIX seconds used as the clock for embedded tokens' expiry")(
      "color", po::value(&o.color)->default_value("auto"), "auto | always | never")(
      "auth-token-env", po::value(&o.auth_token_env)->default_value("TWILIO_AUTH_TOKEN"),
      "environment variable holding the auth token (verifies embedded capability tokens)")(
      "auth-token-file", po::value(&o.auth_token_file), "file holding the auth token")(
      "api-key-secret-env", po::value(&o.api_key_secret_env)->default_value("TWILIO_API_KEY_SECRET"),
      "environment variable holding the API key secret (verifies embedded access tokens)")(
      "api-key-secret-file", po::value(&o.api_key_secret_file), "file holding the API key secret");
}

ScanSetup resolve_scan_flags(const ScanFlags& f, CommonOptions& o) {
  ScanSetup s;
  if (o.inputs.empty()) o.inputs.push_back(".");
  auto threshold = report::parse_fail_on(f.fail_on);
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
  if (!f.threads.empty())
    s.options.walk.threads = static_cast<unsigned>(parse_integer_flag("-j", f.threads, 0, kMaxThreads));
  s.allow_incomplete = f.allow_incomplete;
  if (!f.repository.empty()) {
    if (auto why = report::repository_name_problem(f.repository)) throw UsageError("--repository: " + *why);
    s.repository = f.repository;
  }
  s.options.walk.no_ignore = f.no_ignore;
  s.options.walk.follow_symlinks = f.follow;
  s.options.walk.excludes = f.excludes;
  if (!f.max_filesize.empty()) s.options.walk.max_filesize = parse_size(f.max_filesize);
  s.options.match.keys = load_keys(o);
  s.options.match.now = o.now;
  s.options.match.table = &mapping_table();
  if (!f.baseline.empty()) {
    auto ids = report::load_baseline(f.baseline);
    if (!ids) throw UsageError(ids.error());
    s.baseline = std::move(*ids);
  }
  return s;
}

int gate_exit_code(const scan::ScanReport& report, const ScanSetup& setup) {
  int code = report::scan_fails(report, setup.fail_on) ? 1 : 0;
  if (report.incomplete && !setup.allow_incomplete) {
    std::cerr << "capmig: " << report::incomplete_sentence(report)
              << "; the gate fails (see the errors; --allow-incomplete lets it pass)\n";
    code = 1;
  }
  return code;
}

}  // namespace capmig::cli
