#pragma once
// What the hand-written lexers (JavaScript, Python, Ruby, PHP, Java/Kotlin, C#, Swift) share:
// character classes, escapes to UTF-8, longest-match operator tables, number literals, block
// comments, the sink that turns byte ranges into tokens, and the value of a multi-line literal
// whose closing delimiter decides how much indentation to remove.
//
// Where the languages disagree (what counts as a blank, how a number ends, where newline_before
// comes from, identifier characters) both behaviours are here and the lexer picks one
// explicitly. Everything works on byte offsets into the source and never reads past its end.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/core/utf8.h"
#include "analyzer/lang/token.h"

namespace capmig::lang::lexsupport {

// "{…}": what an interpolation becomes in a string token's value (see token.h), the ellipsis
// spelled as its UTF-8 bytes so the source charset does not matter.
inline constexpr std::string_view kInterpolation = "{\xE2\x80\xA6}";

// A string inside an interpolation inside a string … nested deeper than this is taken as
// unterminated (it runs to the end of the file), so hostile input cannot exhaust the stack.
inline constexpr int kMaxNesting = 64;

// --- character classes -------------------------------------------------------------------

constexpr bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_alnum(unsigned char c) { return is_digit(c) || is_ascii_alpha(c); }
constexpr bool is_line_break(unsigned char c) { return c == '\n' || c == '\r'; }
// Horizontal white space including '\v' and '\f' (JavaScript, Python, Ruby; line breaks are
// handled separately because they set newline_before).
constexpr bool is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f'; }
// Only ' ' and '\t' (PHP, C#, Swift: heredoc / raw-string indentation and the like).
constexpr bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }
// Any ASCII white space, line breaks included.
constexpr bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
// The value of a hex digit, -1 for anything else.
constexpr int hex_value(unsigned char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
constexpr bool is_hex_digit(unsigned char c) { return hex_value(c) >= 0; }

// Byte-wise identifiers (PHP, Java/Kotlin, C#, Swift): every byte >= 0x80 counts as a letter,
// so non-ASCII identifiers work without decoding UTF-8, and invalid UTF-8 simply ends up inside
// an identifier. (JavaScript, Python and Ruby use the UTF-8 aware ident_*_length below.)
constexpr bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
constexpr bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

// Whether `word` spells `lower` (written in lower case) in any case: VB.NET's keywords.
constexpr bool equals_lower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
    if (c != lower[i]) return false;
  }
  return true;
}

// Whether `word` is in `list` (keyword tables).
constexpr bool one_of(std::string_view word, std::span<const std::string_view> list) {
  for (const std::string_view w : list)
    if (w == word) return true;
  return false;
}

// --- UTF-8 ---------------------------------------------------------------------------------

// utf8_sequence_length (analyzer/core/utf8.h): the length of a valid sequence, 0 if invalid.

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

// append_utf8 (analyzer/core/utf8.h) encodes decoded escapes.

// --- source positions ----------------------------------------------------------------------

// Token offsets are 32-bit (token.h): a larger source is lexed up to its first 4 GiB only.
std::string_view clamp_source(std::string_view source);
// Where lexing starts: after a UTF-8 byte order mark, which would otherwise glue itself to
// the first identifier.
std::size_t skip_bom(std::string_view s);

// Length of the line break at pos: 2 for CRLF, 1 for LF or a lone CR, 0 otherwise.
std::size_t line_break_length(std::string_view s, std::size_t pos);
// First position at or after pos that holds '\n' or '\r' (s.size() if none).
std::size_t line_end(std::string_view s, std::size_t pos);
// The end of the run of chars satisfying pred starting at pos.
template <typename Pred>
std::size_t scan_while(std::string_view s, std::size_t pos, Pred pred) {
  while (pos < s.size() && pred(s[pos])) ++pos;
  return pos;
}
// The number of times c repeats starting at pos.
// The code inside a string interpolation (`${…}`, `{$…}`, `\(…)`) from pos: `open`/`close`
// pairs nest, and `skip_other(i)` skips a string or comment of the language starting at i
// (returning its end, or i when none starts there), so a `}` inside them closes nothing.
// Returns one past the `close` that ends the code, or the source's end.
template <class SkipOther>
std::size_t skip_embedded_code(std::string_view s, std::size_t pos, char open, char close, SkipOther skip_other) {
  std::size_t nesting = 0;
  for (std::size_t i = pos; i < s.size();) {
    const char c = s[i];
    if (c == open) {
      ++nesting;
      ++i;
    } else if (c == close) {
      if (nesting == 0) return i + 1;
      --nesting;
      ++i;
    } else {
      const std::size_t end = skip_other(i);
      i = end > i ? end : i + 1;
    }
  }
  return s.size();
}

std::size_t run_length(std::string_view s, std::size_t pos, char c);
// Whether c repeats at least n times starting at pos (looks at n bytes at most).
bool has_run(std::string_view s, std::size_t pos, char c, std::size_t n);

// --- escapes -------------------------------------------------------------------------------

// Reads min_digits..max_digits hex digits at pos into value; returns how many were read, or
// 0 (value untouched) when there are fewer than min_digits.
std::size_t parse_hex(std::string_view s, std::size_t pos, std::size_t min_digits, std::size_t max_digits,
                      std::uint32_t& value);
// Reads exactly `count` hex digits at i into `value`; false (value unspecified) otherwise.
inline bool read_hex(std::string_view s, std::size_t i, std::size_t count, std::uint32_t& value) {
  return parse_hex(s, i, count, count, value) == count;
}

// The character a one-letter escape (`\n`, `\t`, …) stands for when `letter` is one of the
// language's `accepted` letters (from "abefnrstv0"), else '\x7f' (not such an escape).
constexpr char control_escape(char letter, std::string_view accepted) {
  if (accepted.find(letter) == std::string_view::npos) return '\x7f';
  switch (letter) {
    case 'a':
      return '\a';
    case 'b':
      return '\b';
    case 'e':
      return '\x1b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 's':
      return ' ';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    case '0':
      return '\0';
    default:
      return '\x7f';
  }
}

// The escape at backslash i as Elixir and CoffeeScript read it: a one-letter control from
// `controls` (see control_escape), `\u{1F600}`, `\u00e9`, `\xE9`, a line continuation, and any
// other character standing for itself (`\\`, `\"`, `\#`). Appends its value; returns its end.
std::size_t script_escape(std::string_view s, std::size_t i, std::string_view controls, std::string& out);

// A UTF-16 escape `\uXXXX` at pos (the backslash), as Java, Kotlin and C# write them; with
// many_u, Java's `\uuuu0041` too. A high surrogate joins a `\uXXXX` low surrogate right after
// it; a lone surrogate becomes U+FFFD. Returns the end of what was decoded, or pos when there
// is no well-formed escape at pos.
std::size_t append_utf16_escape(std::string_view s, std::size_t pos, bool many_u, std::string& out);

// --- operators, numbers, comments ----------------------------------------------------------

// The longest entry of ops that s has at pos; 0 when none does.
std::size_t match_operator(std::string_view s, std::size_t pos, std::span<const std::string_view> ops);
// True when the operator table is ordered longest first (the JavaScript, Python and Ruby
// tables are kept that way).
constexpr bool longest_first(std::span<const std::string_view> ops) {
  for (std::size_t k = 1; k < ops.size(); ++k)
    if (ops[k].size() > ops[k - 1].size()) return false;
  return true;
}
// Like match_operator, but 1 when none matches, so any stray byte becomes a one-byte punct.
inline std::size_t match_punct(std::string_view s, std::size_t i, std::span<const std::string_view> ops) {
  const std::size_t len = match_operator(s, i, ops);
  return len == 0 ? 1 : len;
}

// How a numeric literal ends; see scan_number.
enum class NumberSyntax {
  // JavaScript, Python: 0x/0o/0b prefixes, '_' separators, a fraction, an exponent and any
  // alphanumeric suffix (600n, 1j); `1.` is a number unless a name follows (`1.foo` splits).
  script,
  // Ruby: the same, but '.' belongs to the number only when a digit follows, so `1..5` and
  // `1.times` split.
  script_dot_needs_digit,
  // PHP, Java/Kotlin, C#, Swift: digits, letters and '_' of prefixes and suffixes (0x1F,
  // 1_000, 600L, 1.5e-3f), one '.' followed by a digit (so `1..10` and `1.toString()` stop at
  // the '.'), and a sign after an exponent ('p' in hex).
  c_family,
};
// The end of the numeric literal at pos, which holds a digit (or '.' and a digit).
std::size_t scan_number(std::string_view s, std::size_t pos, NumberSyntax syntax);

// The end of the block comment opening at pos ("/*"): after its "*/", or the end of the
// source. With nested (Kotlin, Swift) each inner "/*" needs its own "*/" — a counter, so
// depth costs no stack.
std::size_t skip_block_comment(std::string_view s, std::size_t pos, bool nested);

// --- output --------------------------------------------------------------------------------

// Collects tokens and comment spans in source order. Where newline_before comes from is
// chosen by the constructor:
//  - TokenSink(): only from line_break(), latched until the next add(); the lexer calls it for
//    every line break that should count (JavaScript, Python, Ruby skip some, e.g. inside
//    brackets or templates).
//  - TokenSink(source): from the gap since the previous token: any line break in it
//    (whitespace, a comment, PHP's HTML) counts; line_break() is then not needed.
class TokenSink {
 public:
  TokenSink() = default;
  explicit TokenSink(std::string_view source) : src_(source), from_gap_(true) { reserve_for(source.size()); }

  // Room for the tokens of a source of this size, so the vector is not regrown (and every
  // token moved) a dozen times on the way: growing it was 9% of a scan's CPU.
  void reserve_for(std::size_t source_bytes) { result_.tokens.reserve(source_bytes / kBytesPerToken + 16); }

  void line_break() { newline_ = true; }
  Token& add(TokKind kind, std::size_t begin, std::size_t end);
  void add_comment(std::size_t begin, std::size_t end);
  const std::vector<Token>& tokens() const { return result_.tokens; }
  LexResult take() { return std::move(result_); }

 private:
  // Code has about one token per 4 to 6 bytes; an underestimate costs one regrowth.
  static constexpr std::size_t kBytesPerToken = 4;
  std::string_view src_;
  bool from_gap_ = false;
  bool newline_ = false;
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

}  // namespace capmig::lang::lexsupport
