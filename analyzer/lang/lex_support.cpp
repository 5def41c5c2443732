#include "analyzer/lang/lex_support.h"

#include <algorithm>
#include <limits>

namespace capmig::lang::lexsupport {

namespace {

unsigned char byte_at(std::string_view s, std::size_t i) { return static_cast<unsigned char>(s[i]); }

// NumberSyntax::script and ::script_dot_needs_digit.
std::size_t scan_script_number(std::string_view s, std::size_t i, bool dot_needs_digit) {
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

// NumberSyntax::c_family.
std::size_t scan_c_family_number(std::string_view s, std::size_t pos) {
  const auto at = [&s](std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  const bool hex = at(pos) == '0' && (at(pos + 1) == 'x' || at(pos + 1) == 'X');
  std::size_t i = hex ? pos + 2 : pos;
  bool seen_dot = false;
  while (i < s.size()) {
    const char c = s[i];
    if (is_digit(c) || c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      ++i;
      // An exponent may carry a sign: 1e-5, 0x1p+3 (in hex, 'e' is a digit).
      const bool exponent = hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E');
      if (exponent && (at(i) == '+' || at(i) == '-') && is_digit(at(i + 1))) ++i;
    } else if (c == '.' && !seen_dot && is_digit(at(i + 1))) {
      seen_dot = true;
      ++i;
    } else {
      break;
    }
  }
  return i;
}

// One `\uXXXX` (or `\uu…uXXXX`) code unit at pos; returns its end, or pos when malformed.
std::size_t parse_utf16_unit(std::string_view s, std::size_t pos, bool many_u, std::uint32_t& unit) {
  if (pos + 1 >= s.size() || s[pos] != '\\' || s[pos + 1] != 'u') return pos;
  std::size_t digits = pos + 2;
  if (many_u) digits = scan_while(s, digits, [](char c) { return c == 'u'; });
  const std::size_t n = parse_hex(s, digits, 4, 4, unit);
  return n == 0 ? pos : digits + n;
}

}  // namespace

std::string_view clamp_source(std::string_view source) {
  constexpr std::size_t kMax = std::numeric_limits<std::uint32_t>::max();
  return source.size() > kMax ? source.substr(0, kMax) : source;
}

std::size_t skip_bom(std::string_view s) { return s.starts_with("\xEF\xBB\xBF") ? 3 : 0; }

std::size_t line_break_length(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  if (s[pos] == '\n') return 1;
  if (s[pos] != '\r') return 0;
  return pos + 1 < s.size() && s[pos + 1] == '\n' ? 2 : 1;
}

std::size_t line_end(std::string_view s, std::size_t i) {
  const std::size_t e = s.find_first_of("\r\n", i);
  return e == std::string_view::npos ? s.size() : e;
}

std::size_t run_length(std::string_view s, std::size_t pos, char c) {
  return scan_while(s, pos, [c](char x) { return x == c; }) - std::min(pos, s.size());
}

bool has_run(std::string_view s, std::size_t pos, char c, std::size_t n) {
  if (pos > s.size() || s.size() - pos < n) return false;
  for (std::size_t k = 0; k < n; ++k)
    if (s[pos + k] != c) return false;
  return true;
}

std::size_t unicode_space_length(std::string_view s, std::size_t i, bool& line_break) {
  line_break = false;
  const std::size_t len = utf8_sequence_length(s, i);
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
  if (c < 0x80)
    return (is_ascii_alnum(c) || c == '_' || extra.find(static_cast<char>(c)) != std::string_view::npos) ? 1 : 0;
  bool lb = false;
  if (unicode_space_length(s, i, lb) != 0) return 0;
  return utf8_sequence_length(s, i);  // 0 for invalid UTF-8: the caller turns that byte into a punct
}

std::size_t ident_start_length(std::string_view s, std::size_t i, std::string_view extra) {
  if (i >= s.size() || is_digit(byte_at(s, i))) return 0;
  return ident_char_length(s, i, extra);
}

std::size_t scan_ident(std::string_view s, std::size_t i, std::string_view extra) {
  while (const std::size_t k = ident_char_length(s, i, extra)) i += k;
  return i;
}

std::size_t parse_hex(std::string_view s, std::size_t pos, std::size_t min_digits, std::size_t max_digits,
                      std::uint32_t& value) {
  std::size_t n = 0;
  std::uint32_t v = 0;
  while (n < max_digits && pos + n < s.size() && is_hex_digit(s[pos + n])) {
    v = v * 16 + static_cast<std::uint32_t>(hex_value(s[pos + n]));
    ++n;
  }
  if (n < min_digits) return 0;
  value = v;
  return n;
}

std::size_t append_utf16_escape(std::string_view s, std::size_t pos, bool many_u, std::string& out) {
  std::uint32_t unit = 0;
  const std::size_t end = parse_utf16_unit(s, pos, many_u, unit);
  if (end == pos) return pos;
  if (unit >= 0xD800 && unit <= 0xDBFF) {
    std::uint32_t low = 0;
    const std::size_t end2 = parse_utf16_unit(s, end, many_u, low);
    if (end2 != end && low >= 0xDC00 && low <= 0xDFFF) {
      append_utf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
      return end2;
    }
  }
  append_utf8(out, unit);  // a lone surrogate turns into U+FFFD there
  return end;
}

std::size_t match_operator(std::string_view s, std::size_t pos, std::span<const std::string_view> ops) {
  std::size_t best = 0;
  const std::string_view rest = s.substr(std::min(pos, s.size()));
  if (rest.empty()) return 0;
  for (std::string_view op : ops)  // the first-byte test keeps this off memcmp for most ops
    if (op.size() > best && op[0] == rest[0] && rest.starts_with(op)) best = op.size();
  return best;
}

std::size_t scan_number(std::string_view s, std::size_t pos, NumberSyntax syntax) {
  switch (syntax) {
    case NumberSyntax::script:
      return scan_script_number(s, pos, false);
    case NumberSyntax::script_dot_needs_digit:
      return scan_script_number(s, pos, true);
    case NumberSyntax::c_family:
      break;
  }
  return scan_c_family_number(s, pos);
}

std::size_t skip_block_comment(std::string_view s, std::size_t pos, bool nested) {
  std::size_t depth = 1;
  std::size_t i = pos + 2;
  while (i + 1 < s.size()) {
    if (s[i] == '*' && s[i + 1] == '/') {
      i += 2;
      if (--depth == 0) return i;
    } else if (nested && s[i] == '/' && s[i + 1] == '*') {
      i += 2;
      ++depth;
    } else {
      ++i;
    }
  }
  return s.size();
}

std::size_t script_escape(std::string_view s, std::size_t i, std::string_view controls, std::string& out) {
  const char e = i + 1 < s.size() ? s[i + 1] : '\0';
  if (const char ch = control_escape(e, controls); ch != '\x7f') {
    out += ch;
    return i + 2;
  }
  std::uint32_t v = 0;
  if (e == 'u' && i + 2 < s.size() && s[i + 2] == '{') {  // \u{1F600}
    const std::size_t n = parse_hex(s, i + 3, 1, 6, v);
    if (n > 0 && i + 3 + n < s.size() && s[i + 3 + n] == '}') {
      append_utf8(out, v);
      return i + 4 + n;
    }
  }
  if ((e == 'u' && read_hex(s, i + 2, 4, v)) || (e == 'x' && read_hex(s, i + 2, 2, v))) {  // \u00e9 \xE9
    append_utf8(out, v);
    return i + (e == 'u' ? 6 : 4);
  }
  if (const std::size_t br = line_break_length(s, i + 1)) return i + 1 + br;  // a continuation
  out += e;
  return std::min(i + 2, s.size());
}

Token& TokenSink::add(TokKind kind, std::size_t begin, std::size_t end) {
  Token& t = result_.tokens.emplace_back();
  t.kind = kind;
  t.begin = static_cast<std::uint32_t>(begin);
  t.end = static_cast<std::uint32_t>(end);
  if (from_gap_) {
    // Each gap is looked at once, so this stays linear.
    const std::string_view gap = src_.substr(last_end_, begin - last_end_);
    t.newline_before = gap.find_first_of("\r\n") != std::string_view::npos;
  } else {
    t.newline_before = newline_;
  }
  newline_ = false;
  last_end_ = end;
  return t;
}

void TokenSink::add_comment(std::size_t begin, std::size_t end) {
  result_.comments.push_back(Span{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
}

void IndentedValue::begin_line(std::size_t break_len, std::size_t src_pos, std::size_t blanks) {
  lines_.push_back(Line{text_.size(), break_len, src_pos, blanks});
}

bool IndentedValue::only_blanks_before(std::size_t src_pos) const {
  return !lines_.empty() && lines_.back().src_pos + lines_.back().blanks == src_pos &&
         lines_.back().offset + lines_.back().blanks == text_.size();
}

std::string IndentedValue::finish_on_own_line() {
  if (lines_.empty()) return finish();
  const Line closing = lines_.back();
  lines_.pop_back();
  text_.resize(closing.offset - std::min(closing.break_len, closing.offset));
  const std::size_t indent = closing.blanks;
  std::string out;
  out.reserve(text_.size());
  std::size_t copied = 0;
  for (const Line& line : lines_) {
    if (line.offset < copied || line.offset > text_.size()) continue;
    out.append(text_, copied, line.offset - copied);
    copied = std::min(line.offset + std::min(indent, line.blanks), text_.size());
  }
  out.append(text_, copied, std::string::npos);
  return out;
}

}  // namespace capmig::lang::lexsupport
