// VB.NET: `'` and `REM` comments, "…" strings with "" for a quote, $"…{x}…" interpolated
// strings, "x"c characters, &H/&O/&B numbers, and the ` _` line continuation.
//
// Choices worth knowing:
// - A statement ends at a line break, so after ` _` the next line's first token is not marked
//   as following one (token.h's newline_before); implicit continuation (after `,`, `(` or an
//   operator) is the syntax layer's, as in every language without semicolons.
// - Keywords are not folded: `New` and `new` stay as written; the dialect marks the language
//   case-insensitive and the syntax layer compares the keywords it reads accordingly.
// - An interpolation's code is not tokenized: the string is one token whose value has "{…}"
//   for each (token.h); strings and braces inside it are understood.
// - `[name]` (an escaped keyword) is `[`, the name, `]`; `<Attribute>` is punctuation.
#include <algorithm>
#include <array>
#include <string>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

constexpr std::array<std::string_view, 16> kOperators{
    "<<=", ">>=", ":=", "<>", "<=", ">=", "+=", "-=", "*=", "/=", "\\=", "^=", "&=", "<<", ">>", "?.",
};
static_assert(longest_first(kOperators));

class VbLexer {
 public:
  explicit VbLexer(std::string_view source) : s_(source) { sink_.reserve_for(source.size()); }

  LexResult run() {
    std::size_t i = skip_bom(s_);
    while (i < s_.size()) {
      const char c = s_[i];
      if (is_blank(static_cast<unsigned char>(c))) {
        ++i;
      } else if (is_line_break(static_cast<unsigned char>(c))) {
        i += line_break_length(s_, i);
        sink_.line_break();
      } else if (c == '\'') {
        i = comment(i);
      } else if (c == '_' && continuation(i)) {
        i = line_end(s_, i);  // the break after it does not end the statement
        i += line_break_length(s_, i);
      } else if (is_ident_start(c)) {
        const std::size_t end = scan_while(s_, i + 1, is_ident_char);
        if (equals_lower(s_.substr(i, end - i), "rem") && (end == s_.size() || is_space(s_[end]))) {
          i = comment(i);
          continue;
        }
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_digit(static_cast<unsigned char>(c)) ||
                 (c == '.' && is_digit(static_cast<unsigned char>(at(i + 1))))) {
        const std::size_t end = scan_number(s_, i, NumberSyntax::c_family);  // 600L, 1.5D, 2UI
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (c == '&' &&
                 (at(i + 1) == 'H' || at(i + 1) == 'h' || at(i + 1) == 'O' || at(i + 1) == 'o' || at(i + 1) == 'B' ||
                  at(i + 1) == 'b') &&
                 is_hex_digit(static_cast<unsigned char>(at(i + 2)))) {
        const std::size_t end =
            scan_while(s_, i + 2, [](char x) { return is_ascii_alnum(static_cast<unsigned char>(x)); });
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (c == '"') {
        i = string_token(i, i, false);
      } else if (c == '$' && at(i + 1) == '"') {
        i = string_token(i, i + 1, true);
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

  std::size_t comment(std::size_t i) {
    const std::size_t e = line_end(s_, i);
    sink_.add_comment(i, e);
    return e;
  }

  // ` _` at the end of a line (a comment may follow it since VB 16).
  bool continuation(std::size_t i) const {
    if (i > 0 && !is_space(s_[i - 1])) return false;
    std::size_t j = i + 1;
    while (j < s_.size() && is_blank(static_cast<unsigned char>(s_[j]))) ++j;
    return j >= s_.size() || is_line_break(static_cast<unsigned char>(s_[j])) || s_[j] == '\'';
  }

  // "…" from the quote at `quote`, "" standing for one quote; a trailing c makes it a Char.
  // Interpolating: `{…}` is code (its own strings and braces understood), `{{` a brace.
  std::size_t string_token(std::size_t start, std::size_t quote, bool interpolating) {
    std::string value;
    bool interpolated = false;
    std::size_t i = quote + 1;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '"') {
        if (at(i + 1) == '"') {
          value.push_back('"');
          i += 2;
          continue;
        }
        ++i;
        break;
      }
      if (interpolating && (c == '{' || c == '}') && at(i + 1) == c) {
        value.push_back(c);
        i += 2;
        continue;
      }
      if (interpolating && c == '{') {
        interpolated = true;
        value += "{\xE2\x80\xA6}";
        i = interpolation_end(i + 1);
        continue;
      }
      value.push_back(c);
      ++i;
    }
    if (i < s_.size() && (s_[i] == 'c' || s_[i] == 'C') && !is_ident_char(at(i + 1))) ++i;
    Token& t = sink_.add(TokKind::string, start, i);
    t.value = std::move(value);
    t.interpolated = interpolated;
    return i;
  }

  // One past the `}` closing an interpolation whose code starts at `i`.
  std::size_t interpolation_end(std::size_t i) const {
    int depth = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '"') {  // a string inside the code: skip it ("" is a quote in it)
        ++i;
        while (i < s_.size() && !(s_[i] == '"' && at(i + 1) != '"')) i += s_[i] == '"' ? 2 : 1;
        i = std::min(i + 1, s_.size());
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}' && depth-- == 0) return i + 1;
      ++i;
    }
    return i;
  }

  std::string_view s_;
  TokenSink sink_;
};

}  // namespace

LexResult lex_vbnet(std::string_view source) { return VbLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
