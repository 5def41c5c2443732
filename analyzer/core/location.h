#pragma once
// Where something is in a file: what a lexed source file computes from byte offsets and
// what findings, patches and every report print.
#include <cstdint>

namespace capmig {

struct Location {
  std::uint32_t line = 0, column = 0;              // 1-based; column counts Unicode code points
  std::uint32_t end_line = 0, end_column = 0;      // end is exclusive (SARIF endColumn)
  std::uint32_t begin_offset = 0, end_offset = 0;  // byte offsets in the file
};

}  // namespace capmig
