#pragma once
// The flags `scan` and `fix` share (SPEC: "scan and fix flags"), parsed once for both.
#include <boost/program_options.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/cli/common.h"
#include "analyzer/report/baseline.h"
#include "analyzer/scan/finding.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"

namespace capmig::cli {

struct ScanFlags {
  std::string fail_on = "low", baseline, write_baseline, max_filesize, output, threads;
  std::string repository;  // --repository: the name `merge` gives this report
  std::vector<std::string> excludes, rule_dirs;
  bool no_ignore = false, follow = false;
  bool allow_incomplete = false;  // an incomplete scan passes the gate
};

// --fail-on … --output, plus the common --now/--color/secret flags and the PATH positional.
void add_scan_flags(po::options_description& d, ScanFlags& f, CommonOptions& o);

// What the flags resolve to; UsageError on a bad value.
struct ScanSetup {
  scan::ScanOptions options;
  std::optional<scan::Severity> fail_on;
  std::optional<report::BaselineIds> baseline;
  scan::RuleSet rules;
  bool allow_incomplete = false;
  std::string repository;  // checked --repository; empty when not given
};

// The gate: 1 when new findings reach the threshold, or when the scan is incomplete and that
// was not allowed (then a line on stderr says why); 0 otherwise.
int gate_exit_code(const scan::ScanReport& report, const ScanSetup& setup);
ScanSetup resolve_scan_flags(const ScanFlags& f, CommonOptions& o);

}  // namespace capmig::cli
