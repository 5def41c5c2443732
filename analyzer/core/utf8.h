#pragma once
// UTF-8 in one place: decoding and validating (repository content, token claims and command
// line input may be any bytes; reports must be valid UTF-8) and encoding one code point (what
// the lexers, for escapes in string literals, and the code generator, for string literals of
// the target language, need).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace capmig {

// What decode_utf8 accepts besides well-formed UTF-8. `reject` (the default) is RFC 3629:
// no overlong forms, no UTF-16 surrogates, nothing above U+10FFFF. `accept` also takes
// overlong forms (C0/C1 leads, E0 80..9F, F0 80..8F): the byte patterns a lenient terminal
// may still show as the character they spell, which terminal_safe and the C lexer's
// Unicode-space check have always recognised.
enum class Overlong { reject, accept };

// The code point of the UTF-8 sequence at s[pos], with pos advanced past it; nullopt, pos
// unchanged, when the bytes at pos do not start a valid sequence: pos at the end, a stray
// continuation byte, a lead byte F5..FF (or C0, C1), a sequence cut short by a
// non-continuation byte or by the end of s, an overlong form, a surrogate, or > U+10FFFF.
std::optional<char32_t> decode_utf8(std::string_view s, std::size_t& pos, Overlong overlong = Overlong::reject);

// The length (1..4) of the valid sequence at s[pos], or 0 when decode_utf8 would fail there.
std::size_t utf8_sequence_length(std::string_view s, std::size_t pos);

bool is_valid_utf8(std::string_view s);

// `bytes` as valid UTF-8: each byte that does not start a valid sequence becomes one U+FFFD
// (so a bad 3-byte sequence is three), and the next sequence is tried at the byte after it.
// NUL and other C0 controls are kept (JSON escapes them): only encoding errors are replaced.
// *replaced is set when something was (and left alone otherwise).
std::string valid_utf8(std::string_view bytes, bool* replaced = nullptr);

constexpr bool is_utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Appends `cp` as UTF-8; surrogates and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, std::uint32_t cp);

// The bidi controls (U+061C, U+200E/F, U+202A..U+202E, U+2066..U+2069): invisible, they
// reorder the text after them ("Trojan Source"), so untrusted text never shows them raw.
constexpr bool is_bidi_control(std::uint32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace capmig
