#pragma once
// Small helpers shared by the JavaScript, Python and Ruby lexers: character classes that treat
// valid non-ASCII UTF-8 as identifier characters, UTF-8 encoding of escapes, longest-match
// operator tables, a permissive number scanner, and the token sink that tracks newline_before.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "analyzer/scan/lex/token.h"

namespace capmig::scan::lexa {

// "{…}": what an interpolation becomes in a string token's value (see token.h).
inline constexpr std::string_view kInterpolation = "{\xE2\x80\xA6}";

constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alpha(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_ascii_alnum(unsigned char c) { return is_digit(c) || is_ascii_alpha(c); }
constexpr bool is_line_break(unsigned char c) { return c == '\n' || c == '\r'; }
// Horizontal white space (line breaks are handled separately because they set newline_before).
constexpr bool is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}
constexpr int hex_value(unsigned char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Whether `word` is in `list` (keyword tables).
constexpr bool one_of(std::string_view word, std::span<const std::string_view> list) {
  for (const std::string_view w : list)
    if (w == word) return true;
  return false;
}

// Token offsets are 32-bit: a larger source is lexed up to its first 4 GiB only.
std::string_view clamp_source(std::string_view source);

// Length (2-4) of the valid multi-byte UTF-8 sequence at i, 1 for an ASCII byte, 0 when the
// bytes at i are not valid UTF-8 (overlong, surrogate, truncated, stray continuation byte).
std::size_t utf8_length(std::string_view s, std::size_t i);

// Length of a Unicode space character at i (NBSP, U+2000..U+200A, U+2028/9, U+3000, BOM ...),
// 0 if there is none; `line_break` is set for U+2028 LINE SEPARATOR / U+2029 PARAGRAPH SEPARATOR.
std::size_t unicode_space_length(std::string_view s, std::size_t i, bool& line_break);

// Length of an identifier character at i: ASCII letters, digits, '_', any byte of `extra`, or a
// whole valid non-ASCII UTF-8 sequence that is not a Unicode space. 0 if there is none.
std::size_t ident_char_length(std::string_view s, std::size_t i, std::string_view extra);
// Same, but a digit cannot start an identifier.
std::size_t ident_start_length(std::string_view s, std::size_t i, std::string_view extra);
// End of the identifier whose characters continue from i.
std::size_t scan_ident(std::string_view s, std::size_t i, std::string_view extra);

// Appends code point `cp` as UTF-8; surrogates and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

// Reads exactly `count` hex digits at i into `value`; false (value unspecified) otherwise.
bool read_hex(std::string_view s, std::size_t i, std::size_t count, std::uint32_t& value);

// First position at or after i that holds '\n' or '\r' (s.size() if none).
std::size_t line_end(std::string_view s, std::size_t i);

// True when the operator table is ordered longest first, which match_punct relies on.
constexpr bool longest_first(std::span<const std::string_view> ops) {
  for (std::size_t k = 1; k < ops.size(); ++k)
    if (ops[k].size() > ops[k - 1].size()) return false;
  return true;
}
// Length of the longest operator of `ops` (ordered longest first) at i; 1 when none matches,
// so any stray byte becomes a one-byte punct.
std::size_t match_punct(std::string_view s, std::size_t i, std::span<const std::string_view> ops);

// End of the numeric literal starting at i (a digit, or '.' followed by a digit). Accepts
// 0x/0o/0b prefixes, '_' separators, a fraction, an exponent and any alphanumeric suffix
// (600n, 1j, 10L, 3r). With dot_needs_digit (Ruby), '.' belongs to the number only when a digit
// follows, so `1..5` and `1.times` split; otherwise `1.` is a number unless a name follows.
std::size_t scan_number(std::string_view s, std::size_t i, bool dot_needs_digit);

// Collects tokens and comments. newline_before is latched by line_break() and consumed by the
// next emit(), so a lexer calls line_break() for every line break it skips between tokens.
class Sink {
 public:
  void line_break() { newline_ = true; }
  Token& emit(TokKind kind, std::size_t begin, std::size_t end);
  void comment(std::size_t begin, std::size_t end);
  LexResult take() { return std::move(result_); }

 private:
  LexResult result_;
  bool newline_ = false;
};

}  // namespace capmig::scan::lexa
