#pragma once
// How a file is written, so inserted code looks like its neighbours: line ending, one level
// of indentation, the preferred string quote.
#include <string>
#include <string_view>

#include "analyzer/lang/source.h"

namespace capmig::fix {

struct FileStyle {
  std::string newline = "\n";  // "\r\n" when most lines end so
  std::string indent;          // one level: "\t", or N spaces; empty when the file never indents
  char quote = 0;              // '\'' or '"' when the file's plain strings prefer one
};

FileStyle detect_style(const lang::SourceFile& file);

// The leading whitespace of the line holding `offset`.
std::string_view line_indent(std::string_view text, std::size_t offset);
// Offset of the start of the line holding `offset`.
std::size_t line_start(std::string_view text, std::size_t offset);
// Offset just past the line break ending the line holding `offset` (or the text's end).
std::size_t next_line_start(std::string_view text, std::size_t offset);

}  // namespace capmig::fix
