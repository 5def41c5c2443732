#pragma once
// Baseline files (`--baseline`, `--write-baseline`): the ids of findings already known, so
// that only new ones fail CI. Format, one finding per line for readable diffs:
//   {"version":1,"tool":"capmig","findings":[{"id","rule_id","path","line"},…]}
// Only "id" is matched; rule_id, path and line are there for the people reading it.
#include <cstddef>
#include <set>
#include <string>

#include "analyzer/core/result.h"
#include "analyzer/report/scan_model.h"

namespace capmig::report {

using BaselineIds = std::set<std::string, std::less<>>;

// The file's contents for this report: every finding, new or not, sorted by (path, line, id).
std::string baseline_text(const ScanReport& report);

// Writes atomically (temp file beside `path`, fsync, rename), so an interrupted run never
// leaves a truncated baseline. Returns the number of findings written, or why it failed.
Result<std::size_t, std::string> write_baseline(const ScanReport& report, const std::string& path);

// The ids in a baseline file, or a one-line reason naming the file (unreadable, not JSON,
// wrong shape or version).
Result<BaselineIds, std::string> load_baseline(const std::string& path);
Result<BaselineIds, std::string> parse_baseline(std::string_view text, const std::string& path);

// Marks findings whose id is in the baseline as not new: still reported, never failing.
// Returns how many matched.
std::size_t apply_baseline(ScanReport& report, const BaselineIds& ids);

}  // namespace capmig::report
