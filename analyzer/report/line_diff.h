#pragma once
// A line diff of a rewrite's before/after text, for the reports' patch views (the Markdown
// ```diff block, the HTML side-by-side). Longest common subsequence over lines, after trimming
// the common head and tail; rewrites touch a few lines, so the quadratic core stays small.
#include <string_view>
#include <vector>

namespace capmig::report {

struct DiffLine {
  char op = ' ';          // ' ' unchanged, '-' only before, '+' only after
  std::string_view text;  // without its line ending
};

// Views into `before` and `after`, which must outlive the result. Within a change, every '-'
// line comes before the '+' lines that replace it.
std::vector<DiffLine> line_diff(std::string_view before, std::string_view after);

}  // namespace capmig::report
