// API key secrets written into code or config: the secret of a Twilio API key (SK…), which
// signs Access Tokens as the auth token signed capability tokens. It is 32 letters and digits;
// it is reported when the same line names it (a key or variable whose name holds "api secret",
// "api key secret", "twilio secret") or hands it over right after a literal API key SID
// (`new AccessToken('AC…', 'SK…', '<secret>')`). The rule asks for "twilio" in the file, since
// other services' 32-character secrets carry the same names. In code only string literals
// count; placeholders are not secrets; an auth token already reported is not reported again.
#include <algorithm>
#include <cctype>
#include <string>

#include "analyzer/scan/match/context.h"
#include "analyzer/scan/match/secret.h"
#include "analyzer/scan/match/secret_site.h"

namespace capmig::scan {
namespace json = boost::json;
namespace {

constexpr std::size_t kSecretLength = 32;

// The last name before the value (past quotes, ':', '=', '=>', '(' and ','), as written:
// `TWILIO_API_SECRET`, `config.apiSecret`, `settings['api_key_secret']`.
std::string_view last_name(std::string_view before) {
  std::size_t e = before.size();
  while (e > 0 && std::string_view(" \t\"'`:=>,([{").find(before[e - 1]) != std::string_view::npos) --e;
  std::size_t b = e;
  while (b > 0 &&
         (word_byte(before[b - 1]) || std::string_view("-.$@>'\"[]").find(before[b - 1]) != std::string_view::npos))
    --b;
  return before.substr(b, e - b);
}

// TWILIO_API_SECRET, twilio.secret, or a bare apiSecret / api_key_secret / keySecret as the
// last segment (`config.apiSecret`); another vendor's prefix (STRIPE_API_SECRET) is theirs.
bool names_api_secret(std::string_view before) {
  const std::string_view name = last_name(before);
  const std::size_t cut = name.find_last_of(".>[$@'\"");
  const std::string whole = squeezed(name),
                    last = squeezed(cut == std::string_view::npos ? name : name.substr(cut + 1));
  if (whole.find("twilio") != std::string::npos) return last.find("secret") != std::string::npos;
  return last == "apisecret" || last == "apikeysecret" || last == "keysecret";
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> api_key_secret_candidates(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i + kSecretLength <= text.size();) {
    if (!word_byte(text[i])) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < text.size() && word_byte(text[e])) ++e;
    const std::size_t b = i;
    i = e;
    if (e - b != kSecretLength || !std::all_of(text.begin() + static_cast<std::ptrdiff_t>(b),
                                               text.begin() + static_cast<std::ptrdiff_t>(e), alnum_byte))
      continue;
    const std::string_view value = text.substr(b, kSecretLength);
    // Letters and digits both: a word of 32 letters is a name, 32 digits a number.
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (std::all_of(value.begin(), value.end(), digit) || std::none_of(value.begin(), value.end(), digit)) continue;
    const auto severity = secret_severity(value);
    if (!severity || *severity != Severity::high) continue;  // a placeholder, not a secret
    const std::string_view before = line_before(text, b);
    if (names_api_secret(before) || after_sid(text, b, "SK") || named_after_sid(text, b, "SK")) out.emplace_back(b, e);
  }
  return out;
}

void detect_api_key_secrets(const Rule& rule, MatchContext& ctx) {
  for (const auto& [b, e] : api_key_secret_candidates(ctx.file.text()))
    report_secret(rule, ctx, b, e, "API key secret");
}

}  // namespace capmig::scan
