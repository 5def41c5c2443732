// Swift: nested block comments, strings with `\(…)` interpolation, multi-line """ strings
// with their indentation removed, and raw strings `#"…"#` (`\#(…)` interpolates in them).
//
// Choices worth knowing:
// - Interpolations are not tokenized: the string is one token whose value has "{…}" for each
//   (token.h). Strings, comments and parentheses inside them are understood.
// - "…" and #"…"# cannot span lines: unterminated, they end at the line break. """ strings
//   run to the end of the file.
// - `#if`, `#selector`, `@objc` are a `#`/`@` punct and a name; `$0` and `$wrapped` are one
//   identifier; a name in backticks is one identifier, text as written.
// - Regex literals (`/…/`, `#/…/#`, Swift 5.7) are not recognised: they lex as operators and
//   names. Numbers never start with '.', so `t.0` is a member access.
// - `>` never joins a following `>`, so generic closers stay balanced.
#include <array>
#include <string>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

// "?\?" spells "??" without a trigraph warning.
constexpr std::array<std::string_view, 23> kOperators{
    "...", "..<", "===", "!==", "<<=", "->", "?\?", "?.", "==", "!=", "<=", ">=",
    "&&",  "||",  "+=",  "-=",  "*=",  "/=", "%=",  "&=", "|=", "^=", "<<",
};

class SwiftLexer {
 public:
  explicit SwiftLexer(std::string_view source) : s_(source), sink_(source) {}

  LexResult run() {
    std::size_t i = skip_bom(s_);
    while (i < s_.size()) {
      const char c = s_[i];
      const char next = at(i + 1);
      if (is_space(c)) {
        ++i;
      } else if (c == '/' && next == '/') {
        sink_.add_comment(i, line_end(s_, i));
        i = line_end(s_, i);
      } else if (c == '/' && next == '*') {
        const std::size_t end = skip_block_comment(s_, i, true);
        sink_.add_comment(i, end);
        i = end;
      } else if (is_ident_start(c) || (c == '$' && is_ident_char(next))) {
        const std::size_t end = scan_while(s_, i + 1, is_ident_char);
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (c == '`') {
        std::size_t end = scan_while(s_, i + 1, [](char x) { return x != '`' && !is_line_break(x); });
        if (at(end) == '`') ++end;
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_digit(c)) {
        const std::size_t end = scan_number(s_, i, NumberSyntax::c_family);
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (const std::size_t hashes = run_length(s_, i, '#'); hashes > 1 && at(i + hashes) != '"') {
        for (std::size_t k = 0; k < hashes; ++k) sink_.add(TokKind::punct, i + k, i + k + 1);
        i += hashes;  // so a long run of '#' is measured once
      } else if (starts_string(i)) {
        std::string value;
        bool interpolated = false;
        const std::size_t end = literal(i, value, interpolated, 0);
        Token& t = sink_.add(TokKind::string, i, end);
        t.value = std::move(value);
        t.interpolated = interpolated;
        i = end;
      } else {
        std::size_t len = match_operator(s_, i, kOperators);
        if (len == 0) len = 1;
        sink_.add(TokKind::punct, i, i + len);
        i += len;
      }
    }
    return sink_.take();
  }

 private:
  char at(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  bool has(std::size_t i, std::string_view what) const { return i <= s_.size() && s_.substr(i).starts_with(what); }
  // A quote, or a run of '#' and a quote (a raw string). Callers skip a run of '#' that is
  // not one as a whole, so each run is measured once.
  bool starts_string(std::size_t pos) const { return at(pos + run_length(s_, pos, '#')) == '"'; }

  // The string at pos (its '#'s or its quote); returns its end.
  std::size_t literal(std::size_t pos, std::string& out, bool& interpolated, int depth) {
    if (depth > kMaxNesting) return s_.size();
    const std::size_t hashes = run_length(s_, pos, '#');
    const std::size_t quote = pos + hashes;
    const bool multi_line = has(quote, "\"\"\"");
    std::size_t i = quote + (multi_line ? 3 : 1);
    IndentedValue value;
    bool line_start = false;
    std::size_t line_break = 0;
    if (multi_line) {  // content starts on the line after the opening delimiter
      const std::size_t blanks_end = scan_while(s_, i, is_space_or_tab);
      if (const std::size_t br = line_break_length(s_, blanks_end)) {
        i = blanks_end + br;
        line_start = true;
      }
    }
    while (true) {
      if (line_start) {
        line_start = false;
        value.begin_line(line_break, i, scan_while(s_, i, is_space_or_tab) - i);
      }
      if (i >= s_.size()) break;
      const char c = s_[i];
      const std::size_t br = line_break_length(s_, i);
      if (c == '"') {
        const std::size_t quotes = multi_line ? 3 : 1;
        if (has_run(s_, i, '"', quotes) && has_run(s_, i + quotes, '#', hashes)) {
          const bool own_line = multi_line && value.only_blanks_before(i);
          out += own_line ? value.finish_on_own_line() : value.finish();
          return i + quotes + hashes;
        }
        value.text() += c;
        ++i;
      } else if (c == '\\' && has_run(s_, i + 1, '#', hashes)) {
        const std::size_t e = i + 1 + hashes;  // the escape's letter
        if (at(e) == '(') {
          i = skip_parens(e + 1, depth);
          value.text() += kInterpolation;
          interpolated = true;
        } else if (const std::size_t ebr = line_break_length(s_, e); ebr > 0 && multi_line) {
          i = e + ebr;  // a line continuation: the line break is not content
          line_break = 0;
          line_start = true;
        } else {
          i = escape(i, e, value.text());
        }
      } else if (br > 0) {
        if (!multi_line) break;
        value.text().append(s_.substr(i, br));
        i += br;
        line_break = br;
        line_start = true;
      } else {
        value.text() += c;
        ++i;
      }
    }
    out += value.finish();
    return i;
  }

  // The escape at backslash whose letter is at e (after any '#'s); an unknown one keeps the
  // backslash, and what follows it is read again as ordinary content.
  std::size_t escape(std::size_t backslash, std::size_t e, std::string& out) const {
    switch (at(e)) {
      case 'n':
        out += '\n';
        return e + 1;
      case 't':
        out += '\t';
        return e + 1;
      case 'r':
        out += '\r';
        return e + 1;
      case '0':
        out += '\0';
        return e + 1;
      case '\\':
        out += '\\';
        return e + 1;
      case '"':
        out += '"';
        return e + 1;
      case '\'':
        out += '\'';
        return e + 1;
      default:
        break;
    }
    std::uint32_t v = 0;
    if (at(e) == 'u' && at(e + 1) == '{') {
      const std::size_t n = parse_hex(s_, e + 2, 1, 8, v);
      if (n > 0 && at(e + 2 + n) == '}') {
        append_utf8(out, v);
        return e + 3 + n;
      }
    }
    out += '\\';
    return backslash + 1;
  }

  // The expression of `\(…)` from pos, up to and including its closing parenthesis.
  std::size_t skip_parens(std::size_t pos, int depth) {
    std::string scratch;
    bool ignored = false;
    return skip_embedded_code(s_, pos, '(', ')', [&](std::size_t i) {
      const char c = s_[i], next = at(i + 1);
      if (c == '/' && next == '/') return line_end(s_, i);
      if (c == '/' && next == '*') return skip_block_comment(s_, i, true);
      if (c != '#' && c != '"') return i;
      if (!starts_string(i)) return i + run_length(s_, i, '#');
      scratch.clear();
      return literal(i, scratch, ignored, depth + 1);
    });
  }

  std::string_view s_;
  TokenSink sink_;
};

}  // namespace

LexResult lex_swift(std::string_view source) { return SwiftLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
