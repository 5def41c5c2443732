#pragma once
// What the PHP, Java/Kotlin, C# and Swift lexers share: character classes, escapes to UTF-8,
// longest-match operator tables, number literals, block comments, the sink that turns byte
// ranges into tokens, and the value of a multi-line literal whose closing delimiter decides
// how much indentation to remove.
//
// Everything here works on byte offsets into the source and never reads past its end.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/scan/lex/token.h"

namespace capmig::scan::lexb {

// What an interpolation becomes in a string's value (token.h): "{…}", the ellipsis spelled
// as its UTF-8 bytes so the source charset does not matter.
inline constexpr std::string_view kHole = "{\xE2\x80\xA6}";

// A string inside an interpolation inside a string … nested deeper than this is taken as
// unterminated (it runs to the end of the file), so hostile input cannot exhaust the stack.
inline constexpr int kMaxNesting = 64;

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr std::uint32_t hex_value(char c) {
  if (is_digit(c)) return static_cast<std::uint32_t>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<std::uint32_t>(c - 'a' + 10);
  return static_cast<std::uint32_t>(c - 'A' + 10);
}
// Every byte >= 0x80 counts as a letter: non-ASCII identifiers work without decoding UTF-8,
// and invalid UTF-8 simply ends up inside an identifier.
constexpr bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
constexpr bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }
constexpr bool is_blank(char c) { return c == ' ' || c == '\t'; }
constexpr bool is_line_break(char c) { return c == '\n' || c == '\r'; }
constexpr bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Offsets are 32-bit (token.h): a source beyond 4 GiB is lexed up to that point.
std::string_view clamp_source(std::string_view source);
// Where lexing starts: after a UTF-8 byte order mark, which would otherwise glue itself to
// the first identifier.
std::size_t skip_bom(std::string_view s);

// Length of the line break at pos: 2 for CRLF, 1 for LF or a lone CR, 0 otherwise.
std::size_t line_break_length(std::string_view s, std::size_t pos);
// Where the line containing pos ends (its line break, or the end of the source).
std::size_t line_end(std::string_view s, std::size_t pos);
// The end of the run of chars satisfying pred starting at pos.
template <typename Pred>
std::size_t scan_while(std::string_view s, std::size_t pos, Pred pred) {
  while (pos < s.size() && pred(s[pos])) ++pos;
  return pos;
}
// The number of times c repeats starting at pos.
std::size_t run_length(std::string_view s, std::size_t pos, char c);
// Whether c repeats at least n times starting at pos (looks at n bytes at most).
bool has_run(std::string_view s, std::size_t pos, char c, std::size_t n);

// Appends code point cp as UTF-8; a surrogate or anything beyond U+10FFFF becomes U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

// Reads min_digits..max_digits hex digits at pos into value; returns how many were read, or
// 0 when there are fewer than min_digits.
std::size_t parse_hex(std::string_view s, std::size_t pos, std::size_t min_digits,
                      std::size_t max_digits, std::uint32_t& value);

// A UTF-16 escape `\uXXXX` at pos (the backslash), as Java, Kotlin and C# write them; with
// many_u, Java's `\uuuu0041` too. A high surrogate joins a `\uXXXX` low surrogate right after
// it; a lone surrogate becomes U+FFFD. Returns the end of what was decoded, or pos when there
// is no well-formed escape at pos.
std::size_t append_utf16_escape(std::string_view s, std::size_t pos, bool many_u, std::string& out);

// The longest entry of ops that s has at pos; 0 when none does.
std::size_t match_operator(std::string_view s, std::size_t pos,
                           std::span<const std::string_view> ops);

// The end of the numeric literal at pos, which holds a digit (or '.' and a digit): digits,
// letters and '_' of prefixes and suffixes (0x1F, 1_000, 600L, 1.5e-3f), one '.' followed by
// a digit (so `1..10` and `1.toString()` stop at the '.'), and a sign after an exponent.
std::size_t scan_number(std::string_view s, std::size_t pos);

// The end of the block comment opening at pos ("/*"): after its "*/", or the end of the
// source. With nested (Kotlin, Swift) each inner "/*" needs its own "*/" — a counter, so
// depth costs no stack.
std::size_t skip_block_comment(std::string_view s, std::size_t pos, bool nested);

// Collects tokens and comment spans in source order. newline_before is derived from the gap
// since the previous token: any line break in it (whitespace, a comment, PHP's HTML) counts.
class TokenSink {
 public:
  explicit TokenSink(std::string_view source) : src_(source) {}

  Token& add(TokKind kind, std::size_t begin, std::size_t end);
  void add_comment(std::size_t begin, std::size_t end);
  const std::vector<Token>& tokens() const { return result_.tokens; }
  LexResult take() { return std::move(result_); }

 private:
  std::string_view src_;
  std::size_t last_end_ = 0;
  LexResult result_;
};

// The value of a multi-line literal (Swift """, C# raw """, PHP 7.3 heredoc) whose closing
// delimiter's indentation, known only once it is reached, is removed from every line. The
// lexer decodes into text() as usual and reports where each source line starts; finishing
// strips the indentation from those places afterwards, so escapes and interpolations that
// produce spaces or line breaks are never mistaken for indentation.
class IndentedValue {
 public:
  std::string& text() { return text_; }
  // A source line starts at src_pos; break_len is how many bytes of text() the line break
  // before it produced (0 for the first line, or after a line continuation), blanks how many
  // spaces and tabs the line begins with (which the lexer then copies into text() as is).
  void begin_line(std::size_t break_len, std::size_t src_pos, std::size_t blanks);
  // Whether the current source line holds nothing but its leading blanks up to src_pos.
  bool only_blanks_before(std::size_t src_pos) const;
  // The closing delimiter stands on its own line: that line and the line break before it are
  // not content, and its leading blanks are removed from every other line (up to as many as
  // each line has).
  std::string finish_on_own_line();
  // The literal ended elsewhere (or not at all): nothing is stripped.
  std::string finish() { return std::move(text_); }

 private:
  struct Line {
    std::size_t offset, break_len, src_pos, blanks;
  };
  std::string text_;
  std::vector<Line> lines_;
};

}  // namespace capmig::scan::lexb
