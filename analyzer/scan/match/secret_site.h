#pragma once
// What the two secret detectors (auth tokens, API key secrets) share: the line a candidate
// value sits on, a literal SID right before it, and the one redacted finding per value.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "analyzer/scan/match/context.h"

namespace capmig::scan {

inline constexpr std::size_t kSecretLookBehind = 120;  // bytes searched before a value

// Byte classes by table: the candidate searches run over every byte of most files, and libc's
// isxdigit/isalnum cost a call each.
enum : unsigned char { kHexByte = 1, kAlnumByte = 2, kWordByte = 4 };
inline constexpr auto kSecretByteClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool digit = c >= '0' && c <= '9', lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
    const bool hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    t[static_cast<std::size_t>(c)] =
        static_cast<unsigned char>((hex ? kHexByte : 0) | ((digit || lower || upper) ? kAlnumByte : 0) |
                                   ((digit || lower || upper || c == '_') ? kWordByte : 0));
  }
  return t;
}();
inline bool hex_byte(char c) { return (kSecretByteClass[static_cast<unsigned char>(c)] & kHexByte) != 0; }
inline bool alnum_byte(char c) { return (kSecretByteClass[static_cast<unsigned char>(c)] & kAlnumByte) != 0; }
inline bool word_byte(char c) { return (kSecretByteClass[static_cast<unsigned char>(c)] & kWordByte) != 0; }

// A name with only its letters and digits, lower case: "TWILIO_AUTH_TOKEN", "authToken",
// "auth-token" all give "…authtoken".
std::string squeezed(std::string_view s);

// The text before the value on its line, at most kSecretLookBehind bytes.
std::string_view line_before(std::string_view text, std::size_t at);

// A literal SID with this two-letter prefix and 32 hex digits right before the value, past
// quotes, commas and blanks, on its line or the one above (arguments one per line):
// `Client('AC…', '<token>')`, `new AccessToken('AC…', 'SK…', '<secret>')`.
bool after_sid(std::string_view text, std::size_t at, std::string_view prefix);

// The same through names: the value is assigned to a name on its line (`var token = '…'`), and
// that name is passed right after another that the file binds to a literal SID with this
// prefix: `var account = 'AC…'; … new TwilioRestClient(account, token)`.
bool named_after_sid(std::string_view text, std::size_t at, std::string_view prefix);

// Reports bytes [b, e) as a hard-coded secret of `what` ("auth token", "API key secret"),
// shown redacted, unless it is outside a string literal (code) or already reported. Returns
// the finding it added, or nullptr.
Finding* report_secret(const Rule& rule, MatchContext& ctx, std::size_t b, std::size_t e, std::string_view what);

}  // namespace capmig::scan
