#include "analyzer/report/terminal_safe.h"

#include "analyzer/core/utf8.h"

namespace capmig {

std::string terminal_safe(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    // A C1 control (U+0080..U+009F, C2 80..C2 9F) or a bidi control (2 or 3 bytes long, an
    // overlong form included: a lenient terminal may still act on it).
    std::size_t end = i;
    const char32_t cp = c >= 0x80 ? decode_utf8(s, end, Overlong::accept).value_or(0) : 0;
    const bool c1 = end - i == 2 && cp >= 0x80 && cp <= 0x9F;
    const bool bidi = end - i <= 3 && is_bidi_control(cp);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F || c1) {
      const auto b = c1 ? static_cast<unsigned char>(s[++i]) : c;
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else if (bidi) {
      out += "\\u{";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
      out += '}';
      i = end - 1;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace capmig
