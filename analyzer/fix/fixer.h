#pragma once
// `capmig fix`: scan, then rewrite every capability-mint construct it can prove equivalent, and
// say for each of the others why it needs a human. The CLI only prints or applies the result.
#include <optional>
#include <string>

#include "analyzer/fix/construct_rewrite.h"
#include "analyzer/fix/model.h"
#include "analyzer/scan/scanner.h"

namespace capmig::fix {

struct FixOptions {
  scan::ScanOptions scan;
  RewriteOptions rewrite;
};

// The rewrites for one file's findings (the unit tests' entry point): `findings` are this
// file's, from scan_source or scan. Fills rewrites and, when anything changed, the patch.
struct FileFix {
  std::vector<Rewrite> rewrites;
  std::optional<FilePatch> patch;
  std::string patched;  // the file's new contents when patch is set
};
// The rewrites of one file's capability mints (`findings`), planned from the file as the scan
// parsed it: its bytes, syntax and construct sites; nothing is read, lexed or matched again.
// `pins` answers what the file's project pins a package to (see FileContext::pins).
FileFix fix_source(const scan::ParsedFile& parsed, std::string_view display_path,
                   const std::vector<const scan::Finding*>& findings, const scan::RuleSet& rules,
                   const RewriteOptions& options, decltype(FileContext::pins) pins = {});

struct FixRun {
  FixReport report;
  // Per patched file (same order as report.files): where it is on disk, what was read, and
  // what it becomes, for --apply.
  struct Target {
    std::string fs_path, original, patched;
  };
  std::vector<Target> targets;
};

FixRun run_fix(const FixOptions& options, const scan::RuleSet& rules);

}  // namespace capmig::fix
