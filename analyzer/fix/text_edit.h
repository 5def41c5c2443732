#pragma once
// Edits as byte replacements over one file's original text: applying them, and the unified
// diff (`git apply`-able) they amount to. The diff is built from the edits themselves, not by
// diffing two texts, so a hunk shows exactly what the rewrite touched.
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/fix/model.h"

namespace capmig::fix {

// Edits sorted by position; overlapping edits are a bug in the caller (std::logic_error).
void sort_edits(std::vector<Edit>& edits);
std::string apply_edits(std::string_view original, const std::vector<Edit>& edits);

// Whole-line deletions leave no run of blank lines behind: a deletion that follows a blank
// line (or a block's first line) also takes the blank lines right after it. Sorted edits.
void tidy_line_removals(std::string_view text, std::vector<Edit>& edits);

// A file name in a patch header as git writes it (core.quotePath): as is when plain, else in
// double quotes with C escapes (\n, \t, \", \\) and octal for other control and non-ASCII
// bytes, so `git apply` reads back exactly the name: "a/dir/new\nline.js".
std::string git_quote_path(std::string_view prefixed_path);

// `--- a/<path>` / `+++ b/<path>` (git_quote_path) with 3 lines of context. Empty when there are no edits.
// A file without a final newline gets git's "\ No newline at end of file" marker.
std::string unified_diff(std::string_view path, std::string_view original, const std::vector<Edit>& edits);

// The whole lines the edits touch, before and after (for reports).
struct LinesView {
  std::string before, after;
};
LinesView touched_lines(std::string_view original, const std::vector<Edit>& edits);

}  // namespace capmig::fix
