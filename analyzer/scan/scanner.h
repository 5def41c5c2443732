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
#include "analyzer/scan/parsed_file.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/walk/walk.h"

namespace capmig::scan {

struct ScanOptions {
  walk::WalkOptions walk;
  MatchOptions match;
  std::atomic<std::uint64_t>* files_done = nullptr;  // progress counter, if the caller shows one
  // Keep each file with capability mints as parsed (ScanReport::parsed), for `fix`.
  bool keep_parsed = false;
};

// Findings of one file (the unit tests' entry point). `rel_path` picks the language. With
// `keep`, a file with capability mints leaves its bytes, parse and construct sites there.
std::vector<Finding> scan_source(std::string_view rel_path, std::string_view bytes, const RuleSet& rules,
                                 const MatchOptions& options, ParsedFile* keep = nullptr);

// The pieces scan_source is made of, for the large-file path (large_file.h), which picks its
// rules by keyword over the whole file and then matches them on windows of it.
bool rule_applies(const Rule& rule, Language lang, std::string_view rel_path);
bool rule_runs_on_files(const Rule& rule);  // false for rules reported by other rules
std::vector<Finding> scan_with_rules(std::string_view rel_path, Language lang, std::string_view bytes,
                                     const std::vector<const Rule*>& active, const RuleSet& rules,
                                     const MatchOptions& options, ParsedFile* keep = nullptr);

// Walks the roots and scans every candidate file in parallel. Findings are sorted by
// (path, line, column, rule_id) and carry stable ids.
ScanReport scan(const ScanOptions& options, const RuleSet& rules);

// What `scan` returns for `fix`: the report, and each file with capability mints as parsed
// (with ScanOptions::keep_parsed), by path.
struct ParsedScan {
  ScanReport report;
  std::vector<std::shared_ptr<const ParsedFile>> parsed;  // sorted by path
  const ParsedFile* file(std::string_view path) const;
};
ParsedScan scan_parsed(const ScanOptions& options, const RuleSet& rules);

}  // namespace capmig::scan
