#pragma once
// `scan --history`: every blob reachable from the walked commits is scanned once (by blob id,
// with the rules of the path it first appeared at), then the commits are replayed oldest
// first to tell, for each finding, the commit that introduced it, whether HEAD still has it
// and the commit that removed it.
#include <cstdint>
#include <string>

#include "analyzer/core/result.h"
#include "analyzer/history/model.h"
#include "analyzer/scan/match/context.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/walk/walk.h"

namespace capmig::history {

struct HistoryOptions {
  std::string repository = ".";  // a work tree (or a directory inside one) or a bare repository
  std::string range;             // empty: every ref; "REV" or "A..B"
  // Larger blobs are reported and not scanned.
  std::uint64_t max_filesize = walk::kDefaultMaxFilesize;
  scan::MatchOptions match;
  unsigned threads = 0;  // blob scanning; 0: one per core
};

// An error when the repository cannot be opened or the range names nothing; everything
// else (missing objects, shallow boundaries, binary or large blobs, submodules) is reported
// in the HistoryReport and never stops the scan.
Result<HistoryReport, std::string> scan_history(const HistoryOptions& options, const scan::RuleSet& rules);

}  // namespace capmig::history
