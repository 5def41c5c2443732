#pragma once
// What `capmig fix` produces: per capability-mint finding a rewrite (or the reasons it needs a
// human), and per file the patched text and its unified diff. Reporters (text, json, markdown,
// html, sarif fixes) read this; only analyzer/fix builds it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/scan/finding.h"

namespace capmig::fix {

enum class Status { rewritten, needs_input };
std::string_view to_string(Status s);  // "rewritten", "needs-input"

// One replacement in the original file: bytes [begin, end) become `text`.
// start/end are 1-based line/column (columns in Unicode code points, end exclusive), as SARIF's
// deletedRegion wants them.
struct Edit {
  std::uint32_t begin = 0, end = 0;
  std::uint32_t line = 0, column = 0, end_line = 0, end_column = 0;
  std::string text;
};

struct Rewrite {
  std::string finding_id;  // Finding::id of the capability-mint construct
  std::string path;        // Finding::path
  std::uint32_t line = 0;  // Finding::location.line
  Status status = Status::needs_input;
  std::vector<std::string> reasons;  // needs-input: one sentence each, why no patch
  // needs-input: the class of the first reason, a short stable code ("conditional-scopes",
  // "identity-missing", "hand-rolled"…) that reports tally; the sentence stays for the reader.
  std::string reason_code;
  std::vector<std::string> notes;  // rewritten: what the reviewer must do besides applying it
  std::vector<Edit> edits;         // rewritten: this construct's edits (imports not included)
  std::string before;              // rewritten: the original lines the edits touch
  std::string after;               // rewritten: those lines after the edits
  // needs-input for a piece a person must supply (identity, API key source, library upgrade):
  // the rewrite with that piece marked TODO(capmig). In the patch only with --include-drafts.
  struct Draft {
    std::vector<Edit> edits;
    std::string before, after;
    std::vector<std::string> notes;
    bool in_patch = false;
  };
  std::optional<Draft> draft;
};

struct FilePatch {
  std::string path;          // Finding::path (relative to the scan root)
  std::string display_path;  // as the user names it: root joined with path; used in the diff
  std::vector<Edit> edits;   // every edit in the file, sorted, imports included
  std::string diff;          // unified diff (a/display_path, b/display_path), git-apply-able
};

// What the rewrites in a report are: planned by `scan` for its remaining-work summary (no
// patch shown), a patch `fix` printed but did not write, or files `fix --apply` rewrote.
enum class Delivery { plan, patch, applied };

struct FixReport {
  scan::ScanReport scan;  // the scan the rewrites come from
  Delivery delivery = Delivery::patch;
  std::vector<Rewrite> rewrites;  // one per capability-mint finding, in finding order
  std::vector<FilePatch> files;   // files with at least one rewrite, sorted by path
  std::size_t rewritten() const;
  std::size_t needs_input() const;
  const Rewrite* for_finding(std::string_view id) const;  // nullptr when none
};

}  // namespace capmig::fix
