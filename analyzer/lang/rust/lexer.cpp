// Rust: `//` and nested `/* */` comments, "…" strings (which may span lines), raw strings
// r"…" / r#"…"#, byte and C strings (b"…", br"…", c"…"), char literals and lifetimes.
//
// Choices worth knowing:
// - A macro invocation's name and its '!' are one identifier (`format!`, `println!`) when a
//   bracket follows, so `format!("…", x)` reads as a call of `format!` like any other; `a != b`
//   and `!x` stay operators.
// - `'a'` and `'\n'` are string tokens (as Java's char literals are); a lifetime or loop label
//   (`'a`, `'static`, `'outer:`) is one identifier with its quote.
// - `r#name` (a raw identifier) is one identifier, text as written.
// - A '\' at a line's end in a "…" string skips the line break and the next line's leading
//   blanks, as Rust does; unknown escapes keep their backslash.
// - Format strings are plain strings: `format!`'s `{}` holes are read by whoever reads the
//   call, as Python's str.format ones are.
#include <array>
#include <string>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

constexpr std::array<std::string_view, 23> kOperators{
    "<<=", ">>=", "...", "..=", "::", "->", "=>", "==", "!=", "<=", ">=", "&&",
    "||",  "+=",  "-=",  "*=",  "/=", "%=", "^=", "&=", "|=", "<<", "..",
};
static_assert(longest_first(kOperators));

class RustLexer {
 public:
  explicit RustLexer(std::string_view source) : s_(source), sink_(source) {}

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
      } else if (c == 'b' && next == '\'') {
        i = quote(i, i + 1);
      } else if (const std::size_t q = string_start(i); q != npos) {
        i = string(i, q);
      } else if (c == 'r' && next == '#' && is_ident_start(at(i + 2))) {
        const std::size_t end = scan_while(s_, i + 2, is_ident_char);
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_ident_start(c)) {
        std::size_t end = scan_while(s_, i, is_ident_char);
        if (at(end) == '!' && (at(end + 1) == '(' || at(end + 1) == '[' || at(end + 1) == '{')) ++end;
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_digit(static_cast<unsigned char>(c))) {
        const std::size_t end = scan_number(s_, i, NumberSyntax::c_family);  // 0x1F, 1_000, 600u64, 1.5e3
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (c == '\'') {
        i = quote(i, i);
      } else {
        const std::size_t len = match_punct(s_, i, kOperators);
        sink_.add(TokKind::punct, i, i + len);
        i += len;
      }
    }
    return sink_.take();
  }

 private:
  static constexpr std::size_t npos = std::string_view::npos;

  char at(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }

  // Where the opening quote or 'r' of a string literal starting at pos is (after its b/c
  // prefix); npos when none starts there.
  std::size_t string_start(std::size_t pos) const {
    std::size_t i = pos;
    if (s_[i] == 'b' || s_[i] == 'c') ++i;
    if (at(i) == '"') return i;
    if (at(i) == 'r') {
      const std::size_t hashes = run_length(s_, i + 1, '#');
      if (at(i + 1 + hashes) == '"') return i;
    }
    return npos;
  }

  // The string from pos (its prefix) whose quote or 'r' is at q; returns its end.
  std::size_t string(std::size_t pos, std::size_t q) {
    std::string value;
    std::size_t end = 0;
    if (s_[q] == 'r') {
      const std::size_t hashes = run_length(s_, q + 1, '#');
      std::size_t i = q + 1 + hashes + 1;
      end = s_.size();
      while (i < s_.size()) {
        if (s_[i] == '"' && has_run(s_, i + 1, '#', hashes)) {
          end = i + 1 + hashes;
          break;
        }
        if (s_[i] != '\r') value += s_[i];
        ++i;
      }
    } else {
      end = cooked(q, value);
    }
    Token& t = sink_.add(TokKind::string, pos, end);
    t.value = std::move(value);
    return end;
  }

  // "…" from its quote at pos: escapes undone, line breaks kept; runs to the end of the file
  // when unterminated.
  std::size_t cooked(std::size_t pos, std::string& value) const {
    std::size_t i = pos + 1;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '"') return i + 1;
      if (c == '\\') {
        i = escape(i, value);
      } else {
        if (c != '\r') value += c;
        ++i;
      }
    }
    return i;
  }

  // A char literal or a lifetime at pos (its quote; b'…' starts at from).
  std::size_t quote(std::size_t from, std::size_t pos) {
    std::string value;
    std::size_t i = pos + 1;
    if (at(i) == '\\') {
      i = escape(i, value);
    } else if (i < s_.size() && !is_line_break(static_cast<unsigned char>(s_[i]))) {
      // One code point: its UTF-8 bytes.
      std::size_t len = 1;
      const unsigned char lead = static_cast<unsigned char>(s_[i]);
      if (lead >= 0xf0)
        len = 4;
      else if (lead >= 0xe0)
        len = 3;
      else if (lead >= 0xc0)
        len = 2;
      if (at(i + len) != '\'' && is_ident_start(s_[i])) {  // 'a, 'static: a lifetime or label
        const std::size_t end = scan_while(s_, i, is_ident_char);
        sink_.add(TokKind::identifier, from, end);
        return end;
      }
      value.append(s_.substr(i, std::min(len, s_.size() - i)));
      i += len;
    }
    if (at(i) != '\'') {  // not a char literal after all: a stray quote
      sink_.add(TokKind::punct, pos, pos + 1);
      return pos + 1;
    }
    Token& t = sink_.add(TokKind::string, from, i + 1);
    t.value = std::move(value);
    return i + 1;
  }

  // The escape at i (the backslash); returns where the literal goes on.
  std::size_t escape(std::size_t i, std::string& out) const {
    const char e = at(i + 1);
    if (const char ctl = control_escape(e, "nrt0"); ctl != '\x7f') {
      out += ctl;
      return i + 2;
    }
    if (e == '\\' || e == '\'' || e == '"') {
      out += e;
      return i + 2;
    }
    std::uint32_t v = 0;
    if (e == 'x' && read_hex(s_, i + 2, 2, v)) {
      out += static_cast<char>(v);
      return i + 4;
    }
    if (e == 'u' && at(i + 2) == '{') {
      const std::size_t n = parse_hex(s_, i + 3, 1, 6, v);
      if (n > 0 && at(i + 3 + n) == '}') {
        append_utf8(out, v);
        return i + 4 + n;
      }
    }
    if (const std::size_t br = line_break_length(s_, i + 1); br > 0)  // a continued line
      return scan_while(s_, i + 1 + br, is_space);
    out += '\\';
    return i + 1;
  }

  std::string_view s_;
  TokenSink sink_;
};

}  // namespace

LexResult lex_rust(std::string_view source) { return RustLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
