#include "analyzer/report/terminal_safe.h"

#include "analyzer/core/utf8.h"

namespace capmig {
namespace {

// The UTF-8 length of a bidi control at s[i] (all are 2 or 3 bytes long), or 0.
std::size_t bidi_at(std::string_view s, std::size_t i, char32_t& cp) {
  const auto at = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned b0 = at(0), b1 = at(1), b2 = at(2);
  if ((b0 & 0xE0) == 0xC0 && (b1 & 0xC0) == 0x80) {
    cp = ((b0 & 0x1F) << 6) | (b1 & 0x3F);
    return is_bidi_control(cp) ? 2 : 0;
  }
  if ((b0 & 0xF0) == 0xE0 && (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80) {
    cp = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
    return is_bidi_control(cp) ? 3 : 0;
  }
  return 0;
}

}  // namespace

std::string terminal_safe(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    // U+0080..U+009F are C2 80..C2 9F in UTF-8.
    const bool c1 = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(s[i + 1]) <= 0x9F;
    char32_t cp = 0;
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F || c1) {
      const auto b = c1 ? static_cast<unsigned char>(s[++i]) : c;
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else if (const std::size_t n = c >= 0xD8 ? bidi_at(s, i, cp) : 0) {
      out += "\\u{";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
      out += '}';
      i += n - 1;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace capmig
