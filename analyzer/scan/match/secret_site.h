#pragma once
// What the two secret detectors (auth tokens, API key secrets) share: the line a candidate
// value sits on, a literal SID right before it, and the one redacted finding per value.
#include <cstddef>
#include <string_view>

#include "analyzer/scan/match/context.h"

namespace capmig::scan {

inline constexpr std::size_t kSecretLookBehind = 120;  // bytes searched before a value

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
