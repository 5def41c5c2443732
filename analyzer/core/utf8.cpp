#include "analyzer/core/utf8.h"

namespace capmig {

std::optional<char32_t> decode_utf8(std::string_view s, std::size_t& pos, Overlong overlong) {
  if (pos >= s.size()) return std::nullopt;
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  const bool strict = overlong == Overlong::reject;
  std::size_t len;
  char32_t cp;
  // The second byte's range rules out overlongs (E0, F0), surrogates (ED) and > U+10FFFF (F4).
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= (strict ? 0xC2 : 0xC0) && b0 <= 0xDF) {
    len = 2, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, cp = b0 & 0x0F;
    if (b0 == 0xE0 && strict) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, cp = b0 & 0x07;
    if (b0 == 0xF0 && strict) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return std::nullopt;
  }
  if (s.size() - pos < len) return std::nullopt;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[pos + k]);
    if (k == 1 ? (b < lo || b > hi) : !is_utf8_continuation(b)) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  pos += len;
  return cp;
}

std::size_t utf8_sequence_length(std::string_view s, std::size_t pos) {
  const std::size_t start = pos;
  return decode_utf8(s, pos) ? pos - start : 0;
}

namespace {
// Where the valid prefix of s ends.
std::size_t valid_prefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (static_cast<unsigned char>(s[i]) < 0x80)
      ++i;
    else if (!decode_utf8(s, i))
      break;
  }
  return i;
}
}  // namespace

bool is_valid_utf8(std::string_view s) { return valid_prefix(s) == s.size(); }

std::string valid_utf8(std::string_view s, bool* replaced) {
  std::size_t i = valid_prefix(s);
  std::string out(s.substr(0, i));
  if (i == s.size()) return out;
  out.reserve(s.size() + 8);
  if (replaced) *replaced = true;
  while (i < s.size()) {
    const std::size_t start = i;
    if (decode_utf8(s, i)) {
      out.append(s, start, i - start);
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
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

}  // namespace capmig
