#pragma once
// Encoding one code point as UTF-8: what the lexers (escapes in string literals) and the code
// generator (string literals of the target language) both need.
#include <cstdint>
#include <string>

namespace capmig {

// Appends `cp` as UTF-8; surrogates and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

// The bidi controls (U+061C, U+200E/F, U+202A..U+202E, U+2066..U+2069): invisible, they
// reorder the text after them ("Trojan Source"), so untrusted text never shows them raw.
constexpr bool is_bidi_control(std::uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace capmig
