#pragma once
// One file as the matchers see it: its bytes, its language, its tokens and a line index
// that turns byte offsets into the 1-based line/column positions reports print.
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/location.h"
#include "analyzer/lang/language.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {

class SourceFile {
 public:
  SourceFile(std::string path, Language language, std::string_view text);
  // The same file read through tokens lexed another way (the interpolation-splicing pass).
  SourceFile(std::string path, Language language, std::string_view text, LexResult lexed);

  const std::string& path() const { return path_; }
  Language language() const { return language_; }
  std::string_view text() const { return text_; }
  const std::vector<Token>& tokens() const { return lexed_.tokens; }
  const std::vector<Span>& comments() const { return lexed_.comments; }
  std::string_view token_text(std::size_t i) const { return lexed_.tokens[i].text(text_); }

  // Columns count code points (SARIF columnKind unicodeCodePoints); invalid UTF-8 bytes
  // count one each. End positions are exclusive.
  Location locate(std::uint32_t begin_offset, std::uint32_t end_offset) const;
  std::uint32_t line_of(std::uint32_t offset) const;
  // The whole lines that [begin, end) touches, without the final line break.
  std::string_view lines_of(std::uint32_t begin_offset, std::uint32_t end_offset) const;

 private:
  std::uint32_t column_of(std::uint32_t line_index, std::uint32_t offset) const;
  const std::vector<std::uint32_t>& line_starts() const;

  std::string path_;
  Language language_;
  std::string_view text_;
  LexResult lexed_;
  // Built on the first position asked for: most files the scan lexes report nothing.
  mutable std::once_flag indexed_;
  mutable std::vector<std::uint32_t> line_starts_;
};

}  // namespace capmig::lang
