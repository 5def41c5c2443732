// C#: regular, verbatim, interpolated and raw (C# 11) strings, char literals, and
// preprocessor lines, which are skipped like comments (and recorded among them).
//
// Choices worth knowing:
// - Both branches of `#if … #else … #endif` are lexed: the scanner cannot know the symbols.
// - Interpolations (`{expr}`, with `{expr,align:format}`) are not tokenized: the string is one
//   token whose value has "{…}" for each (token.h). Strings, chars, comments and brackets
//   inside them are understood, so a '}' in a nested string does not end the hole.
// - "…", $"…" and '…' cannot span lines: unterminated, they end at the line break. Verbatim
//   and raw strings run to the end of the file.
// - `@class` is one identifier, text as written; `>` never joins a following `>` (Roslyn
//   lexes them apart too), so generic closers stay balanced.
#include <array>
#include <string>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

// "?\?=" spells "??=" without a trigraph warning.
constexpr std::array<std::string_view, 25> kOperators{
    "?\?=", "<<=", "=>", "??", "?.", "::", "->", "==", "!=", "<=", ">=", "&&", "||",
    "++",   "--",  "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<", "..",
};

class CsharpLexer {
 public:
  explicit CsharpLexer(std::string_view source) : s_(source), sink_(source) {}

  LexResult run() {
    start_ = skip_bom(s_);
    std::size_t i = start_;
    while (i < s_.size()) {
      const char c = s_[i];
      const char next = at(i + 1);
      if (is_space(c)) {
        ++i;
      } else if ((c == '#' && first_on_line(i)) || (c == '/' && next == '/')) {
        sink_.add_comment(i, line_end(s_, i));
        i = line_end(s_, i);
      } else if (c == '/' && next == '*') {
        const std::size_t end = skip_block_comment(s_, i, false);
        sink_.add_comment(i, end);
        i = end;
      } else if (is_ident_start(c) || (c == '@' && is_ident_start(next))) {
        const std::size_t end = scan_while(s_, i + 1, is_ident_char);
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_digit(c) || (c == '.' && is_digit(next))) {
        const std::size_t end = scan_number(s_, i, NumberSyntax::c_family);
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (const std::size_t end = string_token(i)) {
        i = end;
      } else {
        std::size_t len = match_operator(s_, i, kOperators);
        if (len == 0 || (s_.substr(i, len) == "?." && is_digit(at(i + 2)))) len = 1;  // a ? .5 : 1
        sink_.add(TokKind::punct, i, i + len);
        i += len;
      }
    }
    return sink_.take();
  }

 private:
  char at(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }

  // Whether only blanks precede pos on its line (a preprocessor directive's '#').
  bool first_on_line(std::size_t pos) const {
    std::size_t j = pos;
    while (j > start_ && is_space_or_tab(s_[j - 1])) --j;
    return j == start_ || is_line_break(s_[j - 1]);
  }

  // Emits the string or char literal at pos and returns its end; 0 when there is none.
  std::size_t string_token(std::size_t pos) {
    std::string value;
    bool interpolated = false;
    const std::size_t end = literal(pos, value, interpolated, 0);
    if (end == 0) return 0;
    Token& t = sink_.add(TokKind::string, pos, end);
    t.value = std::move(value);
    t.interpolated = interpolated;
    return end;
  }

  // A string or char literal of any form at pos: returns its end, or 0 when there is none.
  std::size_t literal(std::size_t pos, std::string& out, bool& interpolated, int depth) {
    if (at(pos) == '\'') return char_literal(pos, out);
    std::size_t j = pos;
    bool verbatim = false;
    std::size_t dollars = 0;
    if (at(j) == '@') {  // @"…" or @$"…"
      verbatim = true;
      ++j;
      if (at(j) == '$') {
        dollars = 1;
        ++j;
      }
    } else if (at(j) == '$') {  // $"…", $@"…", $$"""…"""
      // The run is measured from its first '$' only (once, not per '$'); when that is no
      // raw string, the run's last '$' may still start $"…".
      dollars = j > 0 && s_[j - 1] == '$' ? 1 : run_length(s_, j, '$');
      j += dollars;
      if (dollars == 1 && at(j) == '@') {
        verbatim = true;
        ++j;
      }
    }
    if (at(j) != '"') return 0;
    if (depth > kMaxNesting) return s_.size();
    const std::size_t quotes = run_length(s_, j, '"');
    if (quotes >= 3 && !verbatim) return raw(j + quotes, quotes, dollars, out, interpolated, depth);
    if (dollars > 1) return 0;
    return quoted(j + 1, verbatim, dollars == 1, out, interpolated, depth);
  }

  // The body of "…", @"…", $"…" or $@"…" from pos (after the opening quote).
  std::size_t quoted(std::size_t pos, bool verbatim, bool interpolating, std::string& out, bool& interpolated,
                     int depth) {
    std::size_t i = pos;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '"') {
        if (!verbatim || at(i + 1) != '"') return i + 1;
        out += '"';  // "" in a verbatim string
        i += 2;
      } else if (!verbatim && is_line_break(c)) {
        return i;
      } else if (!verbatim && c == '\\') {
        i = escape(i, out);
      } else if (interpolating && (c == '{' || c == '}') && at(i + 1) == c) {
        out += c;  // {{ and }}
        i += 2;
      } else if (interpolating && c == '{') {
        i = skip_hole(i + 1, 1, depth);
        out += kInterpolation;
        interpolated = true;
      } else {
        out += c;
        ++i;
      }
    }
    return s_.size();
  }

  // A raw string's body from pos (after its opening run of `quotes` quotes). With
  // `dollars` ($$"""…"""), a run of that many braces opens a hole; shorter runs are content.
  // Multi-line when the opening line ends right after the quotes: the closing line's
  // indentation is removed from every line.
  std::size_t raw(std::size_t pos, std::size_t quotes, std::size_t dollars, std::string& out, bool& interpolated,
                  int depth) {
    IndentedValue value;
    std::size_t i = pos;
    const std::size_t after_blanks = scan_while(s_, pos, is_space_or_tab);
    const bool multi_line = line_break_length(s_, after_blanks) > 0;
    bool line_start = multi_line;
    std::size_t line_break = 0;
    if (multi_line) i = after_blanks + line_break_length(s_, after_blanks);
    while (true) {
      if (line_start) {
        line_start = false;
        value.begin_line(line_break, i, scan_while(s_, i, is_space_or_tab) - i);
      }
      if (i >= s_.size()) break;
      const char c = s_[i];
      const std::size_t br = line_break_length(s_, i);
      if (c == '"') {
        const std::size_t run = run_length(s_, i, '"');
        if (run >= quotes) {
          // Too many quotes is an error in C#; the extra ones are kept as content.
          const bool own_line = multi_line && run == quotes && value.only_blanks_before(i);
          value.text().append(run - quotes, '"');
          out += own_line ? value.finish_on_own_line() : value.finish();
          return i + run;
        }
        value.text().append(run, '"');
        i += run;
      } else if (br > 0) {
        if (!multi_line) break;  // a single-line raw string cannot hold a line break
        value.text().append(s_.substr(i, br));
        i += br;
        line_break = br;
        line_start = true;
      } else if (dollars > 0 && c == '{') {
        const std::size_t run = run_length(s_, i, '{');
        if (run < dollars) {
          value.text().append(run, '{');
        } else {
          value.text().append(run - dollars, '{');
          i = skip_hole(i + run, dollars, depth);
          value.text() += kInterpolation;
          interpolated = true;
          continue;
        }
        i += run;
      } else {
        value.text() += c;
        ++i;
      }
    }
    out += value.finish();
    return i;
  }

  // The expression (and alignment/format) of a hole from pos, up to and including its
  // closing run of `closers` braces.
  std::size_t skip_hole(std::size_t pos, std::size_t closers, int depth) {
    std::size_t nesting = 0;
    std::size_t i = pos;
    std::string scratch;
    bool ignored = false;
    while (i < s_.size()) {
      const char c = s_[i];
      const char next = at(i + 1);
      if (c == '(' || c == '[' || c == '{') {
        ++nesting;
        ++i;
      } else if (c == ')' || c == ']') {
        if (nesting > 0) --nesting;
        ++i;
      } else if (c == '}') {
        if (nesting == 0) {
          std::size_t k = 0;
          while (k < closers && at(i + k) == '}') ++k;
          return i + k;
        }
        --nesting;
        ++i;
      } else if (c == ':' && next == ':') {
        i += 2;  // global::Name
      } else if (c == ':' && nesting == 0) {
        i = scan_while(s_, i, [](char x) { return x != '}'; });  // the format: literal text
      } else if (c == '/' && next == '/') {
        i = line_end(s_, i);
      } else if (c == '/' && next == '*') {
        i = skip_block_comment(s_, i, false);
      } else if (const std::size_t end = literal(i, scratch, ignored, depth + 1)) {
        i = end;
        scratch.clear();
      } else {
        ++i;
      }
    }
    return s_.size();
  }

  // '…' on one line, with escapes.
  std::size_t char_literal(std::size_t pos, std::string& out) const {
    std::size_t i = pos + 1;
    while (i < s_.size() && s_[i] != '\'' && !is_line_break(s_[i])) {
      if (s_[i] == '\\') {
        i = escape(i, out);
      } else {
        out += s_[i++];
      }
    }
    return i < s_.size() && s_[i] == '\'' ? i + 1 : i;
  }

  // A backslash escape at i; unknown ones are kept as written.
  std::size_t escape(std::size_t i, std::string& out) const {
    const char e = at(i + 1);
    switch (e) {
      case '\'':
        out += '\'';
        return i + 2;
      case '"':
        out += '"';
        return i + 2;
      case '\\':
        out += '\\';
        return i + 2;
      case '0':
        out += '\0';
        return i + 2;
      case 'a':
        out += '\a';
        return i + 2;
      case 'b':
        out += '\b';
        return i + 2;
      case 'e':
        out += '\x1B';
        return i + 2;
      case 'f':
        out += '\f';
        return i + 2;
      case 'n':
        out += '\n';
        return i + 2;
      case 'r':
        out += '\r';
        return i + 2;
      case 't':
        out += '\t';
        return i + 2;
      case 'v':
        out += '\v';
        return i + 2;
      default:
        break;
    }
    std::uint32_t v = 0;
    if (e == 'x') {
      if (const std::size_t n = parse_hex(s_, i + 2, 1, 4, v)) {
        append_utf8(out, v);
        return i + 2 + n;
      }
    } else if (e == 'u') {
      if (const std::size_t end = append_utf16_escape(s_, i, false, out); end != i) return end;
    } else if (e == 'U') {
      if (parse_hex(s_, i + 2, 8, 8, v)) {
        append_utf8(out, v);
        return i + 10;
      }
    }
    out += '\\';
    return i + 1;
  }

  std::string_view s_;
  std::size_t start_ = 0;  // after a byte order mark
  TokenSink sink_;
};

}  // namespace

LexResult lex_csharp(std::string_view source) { return CsharpLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
