#include "analyzer/scan/lex/lex_support_a.h"

#include <limits>

namespace capmig::scan::lexa {

namespace {
constexpr std::uint32_t kReplacement = 0xFFFD;

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }
unsigned char byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }
}  // namespace

std::string_view clamp_source(std::string_view source) {
  constexpr std::size_t kMax = std::numeric_limits<std::uint32_t>::max();
  return source.size() > kMax ? source.substr(0, kMax) : source;
}

std::size_t utf8_length(std::string_view s, std::size_t i) {
  const std::size_t n = s.size();
  if (i >= n) return 0;
  const unsigned char c = byte_at(s, i);
  if (c < 0x80) return 1;
  std::size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (rules out overlongs etc.)
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (n - i < len) return 0;
  const unsigned char second = byte_at(s, i + 1);
  if (second < lo || second > hi) return 0;
  for (std::size_t k = 2; k < len; ++k)
    if (!is_continuation(byte_at(s, i + k))) return 0;
  return len;
}

std::size_t unicode_space_length(std::string_view s, std::size_t i, bool& line_break) {
  line_break = false;
  const std::size_t len = utf8_length(s, i);
  if (len < 2) return 0;
  const auto b = [&](std::size_t k) { return byte_at(s, i + k); };
  if (len == 2) return (b(0) == 0xC2 && b(1) == 0xA0) ? 2 : 0;  // U+00A0
  if (len != 3) return 0;
  if (b(0) == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;  // U+1680
  if (b(0) == 0xE2 && b(1) == 0x80) {
    if (b(2) <= 0x8A || b(2) == 0xAF) return 3;  // U+2000..U+200A, U+202F
    if (b(2) == 0xA8 || b(2) == 0xA9) {          // U+2028, U+2029
      line_break = true;
      return 3;
    }
    return 0;
  }
  if (b(0) == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // U+205F
  if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 3;  // U+FEFF (BOM)
  return 0;
}

std::size_t ident_char_length(std::string_view s, std::size_t i, std::string_view extra) {
  if (i >= s.size()) return 0;
  const unsigned char c = byte_at(s, i);
  if (c < 0x80) return (is_ascii_alnum(c) || c == '_' || extra.find(static_cast<char>(c)) != std::string_view::npos) ? 1 : 0;
  bool lb = false;
  if (unicode_space_length(s, i, lb) != 0) return 0;
  return utf8_length(s, i);  // 0 for invalid UTF-8: the caller turns that byte into a punct
}

std::size_t ident_start_length(std::string_view s, std::size_t i, std::string_view extra) {
  if (i >= s.size() || is_digit(byte_at(s, i))) return 0;
  return ident_char_length(s, i, extra);
}

std::size_t scan_ident(std::string_view s, std::size_t i, std::string_view extra) {
  while (const std::size_t k = ident_char_length(s, i, extra)) i += k;
  return i;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacement;
  const auto put = [&](std::uint32_t v) { out.push_back(static_cast<char>(v)); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

bool read_hex(std::string_view s, std::size_t i, std::size_t count, std::uint32_t& value) {
  if (i > s.size() || s.size() - i < count) return false;
  value = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const int h = hex_value(byte_at(s, i + k));
    if (h < 0) return false;
    value = value * 16 + static_cast<std::uint32_t>(h);
  }
  return true;
}

std::size_t line_end(std::string_view s, std::size_t i) {
  const std::size_t e = s.find_first_of("\r\n", i);
  return e == std::string_view::npos ? s.size() : e;
}

std::size_t match_punct(std::string_view s, std::size_t i, std::span<const std::string_view> ops) {
  const std::string_view rest = s.substr(i);
  for (const std::string_view op : ops)
    if (rest.starts_with(op)) return op.size();
  return 1;
}

std::size_t scan_number(std::string_view s, std::size_t i, bool dot_needs_digit) {
  const std::size_t n = s.size();
  std::size_t j = i;
  const auto at = [&](std::size_t k) -> unsigned char { return k < n ? byte_at(s, k) : 0; };
  const auto suffix = [&] {
    while (j < n && (is_ascii_alnum(at(j)) || at(j) == '_')) ++j;
  };
  if (at(j) == '0') {
    const unsigned char p = at(j + 1);
    if (p == 'x' || p == 'X' || p == 'o' || p == 'O' || p == 'b' || p == 'B') {
      j += 2;
      suffix();  // digits and any suffix alike: 0x1F, 0b1010n, 0xFFL
      return j;
    }
  }
  while (is_digit(at(j)) || (at(j) == '_' && j > i)) ++j;
  if (at(j) == '.') {
    if (is_digit(at(j + 1))) {
      ++j;
      while (is_digit(at(j)) || at(j) == '_') ++j;
    } else if (!dot_needs_digit && j > i) {
      // `1.`, `1..toString()` and `1.e5` are numbers with a dot; `1.foo` stays `1` `.` `foo`.
      const unsigned char after = at(j + 1);
      const bool exponent = (after == 'e' || after == 'E') &&
                            (is_digit(at(j + 2)) || ((at(j + 2) == '+' || at(j + 2) == '-') && is_digit(at(j + 3))));
      if (exponent || ident_start_length(s, j + 1, "$") == 0) ++j;
    }
  }
  if (at(j) == 'e' || at(j) == 'E') {
    std::size_t k = j + 1;
    if (at(k) == '+' || at(k) == '-') ++k;
    if (is_digit(at(k))) {
      j = k;
      while (is_digit(at(j)) || at(j) == '_') ++j;
    }
  }
  suffix();
  return j;
}

Token& Sink::emit(TokKind kind, std::size_t begin, std::size_t end) {
  Token& t = result_.tokens.emplace_back();
  t.kind = kind;
  t.begin = static_cast<std::uint32_t>(begin);
  t.end = static_cast<std::uint32_t>(end);
  t.newline_before = newline_;
  newline_ = false;
  return t;
}

void Sink::comment(std::size_t begin, std::size_t end) {
  result_.comments.push_back(Span{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
}

}  // namespace capmig::scan::lexa
