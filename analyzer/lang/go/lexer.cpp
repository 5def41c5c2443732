// Go: `//` and `/* */` comments, "…" strings with C-like escapes, `…` raw strings, '…' runes.
//
// Choices worth knowing:
// - newline_before comes from the gap since the previous token, so a raw string spanning
//   lines does not mark the token after it; Go's automatic semicolons are the syntax layer's
//   (a line ending in `.`, `,`, `(` or an operator continues the statement, as in Go).
// - A rune literal is a `string` token (as Java's char literals are).
// - Raw strings drop carriage returns from their value, as the Go spec says.
// - Identifiers are byte-wise: Go allows Unicode letters, and invalid UTF-8 stays inside one.
#include <array>
#include <string>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

constexpr std::array<std::string_view, 26> kOperators{
    "<<=", ">>=", "&^=", "...", "&&", "||", "<-", "++", "--", "==", "!=", "<=", ">=",
    ":=",  "+=",  "-=",  "*=",  "/=", "%=", "&=", "|=", "^=", "<<", ">>", "&^", "~",
};
static_assert(longest_first(kOperators));

class GoLexer {
 public:
  explicit GoLexer(std::string_view source) : s_(source), sink_(source) {}

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
        const std::size_t end = skip_block_comment(s_, i, false);
        sink_.add_comment(i, end);
        i = end;
      } else if (is_ident_start(c)) {
        const std::size_t end = scan_while(s_, i, is_ident_char);
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_digit(static_cast<unsigned char>(c)) || (c == '.' && is_digit(static_cast<unsigned char>(next)))) {
        const std::size_t end = scan_number(s_, i, NumberSyntax::c_family);  // 0x1F, 1_000, 1e3, 2i
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        i = interpreted(i);
      } else if (c == '`') {
        i = raw(i);
      } else {
        const std::size_t len = match_punct(s_, i, kOperators);
        sink_.add(TokKind::punct, i, i + len);
        i += len;
      }
    }
    return sink_.take();
  }

 private:
  char at(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }

  // "…" or '…': one line, backslash escapes. Unterminated, it ends at the line break.
  std::size_t interpreted(std::size_t pos) {
    const char quote = s_[pos];
    std::string value;
    std::size_t i = pos + 1;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == quote) {
        ++i;
        break;
      }
      if (is_line_break(static_cast<unsigned char>(c))) break;
      if (c == '\\') {
        i = escape(i, value);
      } else {
        value += c;
        ++i;
      }
    }
    Token& t = sink_.add(TokKind::string, pos, i);
    t.value = std::move(value);
    return i;
  }

  // The escape at i (the backslash); unknown ones are kept as written.
  std::size_t escape(std::size_t i, std::string& out) const {
    const char e = at(i + 1);
    if (const char ctl = control_escape(e, "abfnrtv"); ctl != '\x7f') {
      out += ctl;
      return i + 2;
    }
    if (e == '\\' || e == '\'' || e == '"') {
      out += e;
      return i + 2;
    }
    std::uint32_t v = 0;
    if (e == 'x' && read_hex(s_, i + 2, 2, v)) {
      out += static_cast<char>(v);  // a byte, as Go's \x is
      return i + 4;
    }
    if ((e == 'u' && read_hex(s_, i + 2, 4, v)) || (e == 'U' && read_hex(s_, i + 2, 8, v))) {
      append_utf8(out, v);
      return i + (e == 'u' ? 6 : 10);
    }
    if (e >= '0' && e <= '7' && at(i + 2) >= '0' && at(i + 2) <= '7' && at(i + 3) >= '0' && at(i + 3) <= '7') {
      out += static_cast<char>(((e - '0') * 64 + (at(i + 2) - '0') * 8 + (at(i + 3) - '0')) & 0xff);
      return i + 4;
    }
    out += '\\';
    return i + 1;
  }

  // `…`: no escapes, may span lines; carriage returns are not part of the value.
  std::size_t raw(std::size_t pos) {
    std::size_t i = pos + 1;
    std::string value;
    while (i < s_.size() && s_[i] != '`') {
      if (s_[i] != '\r') value += s_[i];
      ++i;
    }
    if (i < s_.size()) ++i;
    Token& t = sink_.add(TokKind::string, pos, i);
    t.value = std::move(value);
    return i;
  }

  std::string_view s_;
  TokenSink sink_;
};

}  // namespace

LexResult lex_go(std::string_view source) { return GoLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
