#pragma once
// Encoding one code point as UTF-8: what the lexers (escapes in string literals) and the code
// generator (string literals of the target language) both need.
#include <cstdint>
#include <string>

namespace capmig {

// Appends `cp` as UTF-8; surrogates and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace capmig
