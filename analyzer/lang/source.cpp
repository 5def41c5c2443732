#include "analyzer/lang/source.h"

#include <algorithm>
#include <cstring>

namespace capmig::lang {

SourceFile::SourceFile(std::string path, Language language, std::string_view text)
    : SourceFile(std::move(path), language, text, lex(language, text)) {}

SourceFile::SourceFile(std::string path, Language language, std::string_view text, LexResult lexed)
    : path_(std::move(path)), language_(language), text_(text), lexed_(std::move(lexed)) {}

const std::vector<std::uint32_t>& SourceFile::line_starts() const {
  std::call_once(indexed_, [this] {
    line_starts_.push_back(0);
    // memchr, not a byte loop: a file with findings may be large.
    const char* const base = text_.data();
    const char* const end = base + text_.size();
    for (const char* p = base; p < end;) {
      const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
      if (!nl) break;
      p = static_cast<const char*>(nl) + 1;
      line_starts_.push_back(static_cast<std::uint32_t>(p - base));
    }
  });
  return line_starts_;
}

std::uint32_t SourceFile::line_of(std::uint32_t offset) const {
  const auto& starts = line_starts();
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return static_cast<std::uint32_t>(it - starts.begin());  // 1-based
}

std::uint32_t SourceFile::column_of(std::uint32_t line_index, std::uint32_t offset) const {
  std::uint32_t col = 1;
  for (std::uint32_t i = line_starts()[line_index]; i < offset && i < text_.size(); ++i) {
    const auto c = static_cast<unsigned char>(text_[i]);
    if ((c & 0xC0) != 0x80) ++col;  // count lead bytes (and stray bytes) only
  }
  return col;
}

Location SourceFile::locate(std::uint32_t begin_offset, std::uint32_t end_offset) const {
  Location loc;
  loc.begin_offset = begin_offset;
  loc.end_offset = end_offset;
  loc.line = line_of(begin_offset);
  loc.column = column_of(loc.line - 1, begin_offset);
  loc.end_line = line_of(end_offset > begin_offset ? end_offset - 1 : end_offset);
  // endColumn is exclusive: one past the last character.
  loc.end_column = column_of(loc.end_line - 1, end_offset);
  if (loc.end_line == loc.line && loc.end_column <= loc.column) loc.end_column = loc.column + 1;
  return loc;
}

std::string_view SourceFile::lines_of(std::uint32_t begin_offset, std::uint32_t end_offset) const {
  const std::uint32_t first = line_starts()[line_of(begin_offset) - 1];
  std::size_t last = text_.find('\n', end_offset > begin_offset ? end_offset - 1 : end_offset);
  if (last == std::string_view::npos) last = text_.size();
  if (last > first && text_[last - 1] == '\r') --last;
  return text_.substr(first, last - first);
}

}  // namespace capmig::lang
