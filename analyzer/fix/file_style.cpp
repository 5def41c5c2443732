#include "analyzer/fix/file_style.h"

#include <map>

namespace capmig::fix {

std::size_t line_start(std::string_view text, std::size_t offset) {
  const auto nl = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  return (offset == 0 || nl == std::string_view::npos) ? 0 : nl + 1;
}

std::size_t next_line_start(std::string_view text, std::size_t offset) {
  const auto nl = text.find('\n', offset);
  return nl == std::string_view::npos ? text.size() : nl + 1;
}

std::string_view line_indent(std::string_view text, std::size_t offset) {
  const std::size_t b = line_start(text, offset);
  std::size_t e = b;
  while (e < text.size() && (text[e] == ' ' || text[e] == '\t')) ++e;
  return text.substr(b, e - b);
}

FileStyle detect_style(const lang::SourceFile& file) {
  FileStyle st;
  const auto text = file.text();
  std::size_t crlf = 0, lf = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') (i > 0 && text[i - 1] == '\r') ? ++crlf : ++lf;
  if (crlf > lf) st.newline = "\r\n";

  // The most common step between the indentation of consecutive non-blank lines.
  std::map<std::string, std::size_t> steps;
  std::size_t prev_spaces = 0, tab_lines = 0;
  for (std::size_t b = 0; b < text.size();) {
    const std::size_t e = next_line_start(text, b);
    std::size_t i = b;
    while (i < e && (text[i] == ' ' || text[i] == '\t')) ++i;
    const bool blank = i >= e || text[i] == '\n' || text[i] == '\r';
    if (!blank) {
      if (i > b && text[b] == '\t') ++tab_lines;
      const std::size_t spaces = (i > b && text[b] == ' ') ? i - b : 0;
      if (spaces > prev_spaces && spaces - prev_spaces <= 8) ++steps[std::string(spaces - prev_spaces, ' ')];
      if (text[b] != '\t') prev_spaces = spaces;
    }
    b = e;
  }
  std::size_t best = 0;
  for (const auto& [s, n] : steps)
    if (n > best) {
      best = n;
      st.indent = s;
    }
  if (tab_lines > best) st.indent = "\t";

  std::size_t single = 0, dbl = 0;
  for (const auto& t : file.tokens()) {
    if (t.kind != lang::TokKind::string || t.end <= t.begin) continue;
    const char q = text[t.begin];
    if (q == '\'')
      ++single;
    else if (q == '"')
      ++dbl;
  }
  if (single > dbl)
    st.quote = '\'';
  else if (dbl > single)
    st.quote = '"';
  return st;
}

}  // namespace capmig::fix
