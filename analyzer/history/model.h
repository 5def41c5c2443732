#pragma once
// What `scan --history` found in a repository's history: each secret, token and capability
// mint ever committed, once, with the commit that introduced it, whether HEAD still has it
// and, when it left, the commit that removed it. Built by history_scan.h, read by reporters.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/scan/finding.h"

namespace capmig::history {

// A commit and the path a finding was seen at in it.
struct CommitPoint {
  std::string oid;               // 40 hex digits
  std::int64_t author_time = 0;  // UNIX seconds
  int author_offset = 0;         // minutes east of UTC, as the author recorded it
  std::string path;
  std::uint32_t line = 0;  // 0 when not known (a removal)
};

struct HistoryFinding {
  std::string rule_id;
  scan::Category category = scan::Category::capability_mint;
  scan::Severity severity = scan::Severity::medium;
  std::string message;  // as scan prints it: secrets already redacted
  std::string snippet;  // redacted
  std::string shown;    // hard-coded secrets: the secret as shown (first 4 characters and "…")
  CommitPoint introduced;
  // The introducing commit is a shallow clone's boundary: it was added there or before.
  bool introduced_at_boundary = false;
  bool at_head = false;  // HEAD's tree has the same finding (same secret, same code), any path
  // Not at HEAD: the first commit whose tree no longer had it, on the line of history that
  // removed it. Unset when still at HEAD or when no walked commit removed it.
  std::optional<CommitPoint> removed_by;
};

// A blob or tree entry that was not scanned, and why.
struct SkippedEntry {
  std::string path;
  std::string oid;     // the blob's, or the submodule's commit
  std::string commit;  // the commit that introduced it
  std::string reason;  // "binary", "too large", "submodule", "symlink"
};

struct HistoryReport {
  std::string repository;  // the path given
  std::string range;       // the REV-RANGE given; empty: every ref
  std::string head;        // HEAD's commit; empty when HEAD is unborn
  std::uint64_t refs = 0;  // tips walked
  std::uint64_t commits = 0;
  std::uint64_t blobs_scanned = 0;
  std::uint64_t bytes_scanned = 0;
  // Ordered by introducing commit (oldest first), then path and line.
  std::vector<HistoryFinding> findings;
  std::vector<SkippedEntry> skipped;
  // Shallow boundaries: "shallow: history before <commit> not scanned".
  std::vector<std::string> shallow;
  std::vector<scan::ScanError> errors;  // missing objects and the like: never fatal
  bool incomplete = false;              // something that should have been read was not
};

}  // namespace capmig::history
