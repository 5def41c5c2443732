#pragma once
// The scan pipeline, one way: walk → read → prefilter (rule keywords) → lex → match (rules)
// → construct → map → findings. Reporters and the CI gate read the ScanReport it returns.
#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/scan/finding.h"
#include "analyzer/scan/match/context.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/walk/walk.h"

namespace capmig::scan {

struct ScanOptions {
  WalkOptions walk;
  MatchOptions match;
  std::atomic<std::uint64_t>* files_done = nullptr;  // progress counter, if the caller shows one
};

// Findings of one file (the unit tests' entry point). `rel_path` picks the language.
std::vector<Finding> scan_source(std::string_view rel_path, std::string_view bytes, const RuleSet& rules,
                                 const MatchOptions& options);

// Walks the roots and scans every candidate file in parallel. Findings are sorted by
// (path, line, column, rule_id) and carry stable ids.
ScanReport scan(const ScanOptions& options, const RuleSet& rules);

}  // namespace capmig::scan
