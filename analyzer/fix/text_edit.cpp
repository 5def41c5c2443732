#include "analyzer/fix/text_edit.h"

#include <algorithm>
#include <stdexcept>

namespace capmig::fix {
namespace {

constexpr std::size_t kContext = 3;

// Offsets where each line starts; the last entry is the text size (a final partial line
// counts as a line).
std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n' && i + 1 < text.size()) starts.push_back(i + 1);
  if (text.empty()) starts.clear();
  return starts;
}

std::size_t line_index(const std::vector<std::size_t>& starts, std::size_t offset) {
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  return it == starts.begin() ? 0 : static_cast<std::size_t>(it - starts.begin()) - 1;
}

// Splits into lines that keep their line ending ("\n" or "\r\n"); the last may lack one.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') {
      out.push_back(text.substr(b, i + 1 - b));
      b = i + 1;
    }
  if (b < text.size()) out.push_back(text.substr(b));
  return out;
}

void emit_line(std::string& out, char tag, std::string_view line) {
  out += tag;
  out += line;
  if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

std::string range(std::size_t start, std::size_t count) {
  // Unified diff: a hunk of 0 lines names the line before it.
  const std::size_t first = count == 0 ? start : start + 1;
  return std::to_string(first) + (count == 1 ? "" : "," + std::to_string(count));
}

}  // namespace

namespace {

bool blank_line(std::string_view text, std::size_t b, std::size_t* next) {
  std::size_t i = b;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
  if (i >= text.size() || text[i] != '\n') return false;
  *next = i + 1;
  return true;
}

// The line before offset b (a line start) is blank, or opens a block (`{`, `:`, `do`).
bool after_blank_or_opener(std::string_view text, std::size_t b) {
  if (b == 0) return true;
  std::size_t e = b - 1;  // the '\n' ending the previous line
  std::size_t s = text.rfind('\n', e == 0 ? 0 : e - 1);
  s = (s == std::string_view::npos || e == 0) ? 0 : s + 1;
  std::string_view line = text.substr(s, e - s);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line.empty() || line.back() == '{' || line.back() == ':' || line.ends_with(" do") || line.ends_with(")");
}

}  // namespace

void tidy_line_removals(std::string_view text, std::vector<Edit>& edits) {
  for (std::size_t i = 0; i < edits.size(); ++i) {
    Edit& e = edits[i];
    const bool whole_lines = e.text.empty() && e.end > e.begin && (e.begin == 0 || text[e.begin - 1] == '\n') &&
                             (e.end >= text.size() || text[e.end - 1] == '\n');
    if (!whole_lines || !after_blank_or_opener(text, e.begin)) continue;
    const std::size_t limit = i + 1 < edits.size() ? edits[i + 1].begin : text.size();
    std::size_t next = 0;
    while (e.end < limit && blank_line(text, e.end, &next) && next <= limit) e.end = static_cast<std::uint32_t>(next);
  }
}

void sort_edits(std::vector<Edit>& edits) {
  std::stable_sort(edits.begin(), edits.end(),
                   [](const Edit& a, const Edit& b) { return std::tie(a.begin, a.end) < std::tie(b.begin, b.end); });
  for (std::size_t i = 1; i < edits.size(); ++i)
    if (edits[i].begin < edits[i - 1].end) throw std::logic_error("overlapping edits");
}

std::string apply_edits(std::string_view original, const std::vector<Edit>& edits) {
  std::string out;
  out.reserve(original.size() + 256);
  std::size_t pos = 0;
  for (const auto& e : edits) {
    out.append(original.substr(pos, e.begin - pos));
    out += e.text;
    pos = e.end;
  }
  out.append(original.substr(pos));
  return out;
}

namespace {

// Edits that touch the same lines, as one change: lines [first_line, end_line) become the
// text of those lines with the edits applied. An insertion at a line start touches no line.
struct Change {
  std::size_t first_line = 0, end_line = 0;
  std::vector<const Edit*> edits;
};

std::vector<Change> changes_of(std::string_view text, const std::vector<std::size_t>& starts,
                               const std::vector<Edit>& edits) {
  const std::size_t n = starts.size();
  auto at_line_start = [&](std::size_t off) { return off == 0 || off >= text.size() || text[off - 1] == '\n'; };
  auto line_of = [&](std::size_t off) { return off >= text.size() ? n : line_index(starts, off); };
  std::vector<Change> out;
  for (const auto& e : edits) {
    const std::size_t first = line_of(e.begin);
    const bool clean_end = at_line_start(e.end) && (e.end > e.begin || at_line_start(e.begin));
    std::size_t end = clean_end ? line_of(e.end) : line_of(e.end) + 1;
    end = std::max(std::min(end, n), first);
    // Same line as the previous change (an insertion before a line that is also edited).
    const bool after_insertion =
        !out.empty() && out.back().first_line == out.back().end_line && out.back().first_line == first;
    if (!out.empty() && (first < out.back().end_line || after_insertion)) {
      out.back().end_line = std::max(out.back().end_line, end);
      out.back().edits.push_back(&e);
    } else {
      out.push_back({first, end, {&e}});
    }
  }
  return out;
}

}  // namespace

std::string git_quote_path(std::string_view path) {
  bool plain = true;
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    plain = plain && c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
  }
  if (plain) return std::string(path);
  std::string out = "\"";
  for (char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\a':
        out += "\\a";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\v':
        out += "\\v";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c >= 0x7F) {
      out += '\\';
      out += static_cast<char>('0' + (c >> 6));
      out += static_cast<char>('0' + ((c >> 3) & 7));
      out += static_cast<char>('0' + (c & 7));
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

std::string unified_diff(std::string_view path, std::string_view original, const std::vector<Edit>& edits) {
  if (edits.empty()) return {};
  const auto starts = line_starts(original);
  const auto lines = split_lines(original);
  const std::size_t n = lines.size();
  const auto changes = changes_of(original, starts, edits);
  std::string out =
      "--- " + git_quote_path("a/" + std::string(path)) + "\n+++ " + git_quote_path("b/" + std::string(path)) + "\n";
  long shift = 0;  // new line numbers run ahead of old ones by the lines added so far
  for (std::size_t c = 0; c < changes.size();) {
    // One hunk: changes no more than 2 × context lines apart.
    std::size_t last = c;
    while (last + 1 < changes.size() && changes[last + 1].first_line <= changes[last].end_line + 2 * kContext) ++last;
    const std::size_t ctx_begin = changes[c].first_line >= kContext ? changes[c].first_line - kContext : 0;
    const std::size_t ctx_end = std::min(n, changes[last].end_line + kContext);
    std::string body;
    std::size_t old_count = 0, new_count = 0;
    std::size_t line = ctx_begin;
    for (std::size_t k = c; k <= last; ++k) {
      const Change& ch = changes[k];
      for (; line < ch.first_line; ++line, ++old_count, ++new_count) emit_line(body, ' ', lines[line]);
      const std::size_t tb = ch.first_line < n ? starts[ch.first_line] : original.size();
      const std::size_t te = ch.end_line < n ? starts[ch.end_line] : original.size();
      std::string replaced;
      std::size_t pos = tb;
      for (const Edit* e : ch.edits) {
        replaced.append(original.substr(pos, e->begin - pos));
        replaced += e->text;
        pos = e->end;
      }
      replaced.append(original.substr(pos, te - pos));
      const auto old_lines = split_lines(original.substr(tb, te - tb));
      const auto new_lines = split_lines(replaced);
      for (auto l : old_lines) emit_line(body, '-', l);
      for (auto l : new_lines) emit_line(body, '+', l);
      old_count += old_lines.size();
      new_count += new_lines.size();
      line = ch.end_line;
    }
    for (; line < ctx_end; ++line, ++old_count, ++new_count) emit_line(body, ' ', lines[line]);
    const std::size_t new_start = static_cast<std::size_t>(static_cast<long>(ctx_begin) + shift);
    out += "@@ -" + range(ctx_begin, old_count) + " +" + range(new_start, new_count) + " @@\n" + body;
    shift += static_cast<long>(new_count) - static_cast<long>(old_count);
    c = last + 1;
  }
  return out;
}

LinesView touched_lines(std::string_view original, const std::vector<Edit>& edits) {
  LinesView v;
  if (edits.empty()) return v;
  const auto starts = line_starts(original);
  const std::size_t n = starts.size();
  const std::size_t first = n ? line_index(starts, edits.front().begin) : 0;
  const std::size_t last_off = edits.back().end > edits.back().begin ? edits.back().end - 1 : edits.back().begin;
  const std::size_t last = n ? line_index(starts, last_off) : 0;
  const std::size_t b = n ? starts[first] : 0;
  const std::size_t e = last + 1 < n ? starts[last + 1] : original.size();
  v.before = std::string(original.substr(b, e - b));
  std::size_t pos = b;
  for (const auto& ed : edits) {
    v.after.append(original.substr(pos, ed.begin - pos));
    v.after += ed.text;
    pos = ed.end;
  }
  v.after.append(original.substr(pos, e - pos));
  return v;
}

}  // namespace capmig::fix
