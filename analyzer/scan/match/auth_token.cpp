// Auth tokens written anywhere: a settings file (`AUTH_TOKEN = '…'`), a `.env` line, YAML or
// JSON config, a REST client built with a literal (`Client('AC…', '…')`). A Twilio auth token
// is 32 hexadecimal digits; it is reported when the same line names it (a key or variable
// whose name holds "auth token", "twilio token" or "twilio auth") or hands it over right after a literal
// account SID. In code only string literals count, so comments and identifiers never match.
// Placeholders (periodic or spelled-out values) are not secrets. Literals a capability
// construct already reported are not reported twice.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "analyzer/scan/match/context.h"
#include "analyzer/scan/match/secret.h"

namespace capmig::scan {
namespace json = boost::json;
namespace {

constexpr std::size_t kTokenLength = 32;
constexpr std::size_t kLookBehind = 120;  // bytes of the line searched for the key's name

// Byte classes by table: the candidate search runs over every byte of most files.
enum : unsigned char { kHex = 1, kWord = 2 };
constexpr auto kClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool digit = c >= '0' && c <= '9', lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
    t[static_cast<std::size_t>(c)] =
        static_cast<unsigned char>(((digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) ? kHex : 0) |
                                   ((digit || lower || upper || c == '_') ? kWord : 0));
  }
  return t;
}();
bool hex(char c) { return (kClass[static_cast<unsigned char>(c)] & kHex) != 0; }
bool word(char c) { return (kClass[static_cast<unsigned char>(c)] & kWord) != 0; }

// "TWILIO_AUTH_TOKEN", "authToken", "auth-token", "twilio.token" -> "twilioauthtoken"…
std::string squeezed(std::string_view s) {
  std::string out;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The text before the value on its line, from the start of its key or variable name.
std::string_view line_before(std::string_view text, std::size_t at) {
  std::size_t b = at;
  while (b > 0 && text[b - 1] != '\n' && at - b < kLookBehind) --b;
  return text.substr(b, at - b);
}

bool names_auth_token(std::string_view before) {
  // Only the last key or name counts: `token: x, auth_token_env: 'TWILIO_AUTH_TOKEN'` does not
  // make the next hex value an auth token. Walk back over the separators to the name.
  std::size_t e = before.size();
  auto skip_separators = [&] {
    while (e > 0 && std::string_view(" \t\"'`:=>,([{").find(before[e - 1]) != std::string_view::npos) --e;
  };
  skip_separators();
  // A fallback after a lookup names it too: `process.env.TWILIO_AUTH_TOKEN || '…'`, `?? '…'`,
  // PHP's `?: '…'`, Python's `or '…'`.
  const std::string_view head = before.substr(0, e);
  bool fallback = false;  // then the name may be a call: os.environ.get("TWILIO_AUTH_TOKEN") or '…'
  for (std::string_view op : {"||", "??", "?", " or"})
    if (head.size() > op.size() && head.substr(head.size() - op.size()) == op) {
      e -= op.size();
      while (e > 0 && (before[e - 1] == ' ' || before[e - 1] == '\t')) --e;
      fallback = true;
      break;
    }
  if (e == 0) return false;
  std::size_t b = e;
  while (b > 0 &&
         (word(before[b - 1]) || before[b - 1] == '-' || before[b - 1] == '.' || before[b - 1] == '$' ||
          before[b - 1] == '@' || before[b - 1] == '>' || before[b - 1] == '\'' || before[b - 1] == '"' ||
          before[b - 1] == '[' || before[b - 1] == ']' || (fallback && (before[b - 1] == '(' || before[b - 1] == ')'))))
    --b;
  const std::string name = squeezed(before.substr(b, e - b));
  // TWILIO_AUTH=… (a .env beside TWILIO_ACCOUNT=AC…): "twilio" and "auth" name it too.
  return name.find("authtoken") != std::string::npos || name.find("twiliotoken") != std::string::npos ||
         name.find("twilioauth") != std::string::npos;
}

// `Client('AC…', '<token>')`, `new Twilio("AC…", "<token>")`: a literal account SID right before,
// on this line or the one above (arguments one per line).
bool after_account_sid(std::string_view text, std::size_t at) {
  const std::string_view before = text.substr(at > kLookBehind ? at - kLookBehind : 0, std::min(at, kLookBehind));
  std::size_t e = before.size();
  while (e > 0 && std::string_view(" \t\r\n\"'`,").find(before[e - 1]) != std::string_view::npos) --e;
  if (e < 34) return false;
  const std::string_view sid = before.substr(e - 34, 34);
  if (sid[0] != 'A' || sid[1] != 'C') return false;
  return std::all_of(sid.begin() + 2, sid.end(), hex) && (e == 34 || !word(before[e - 35]));
}

// Whether bytes [b, e) lie inside one string-literal token (code) or anywhere (text files).
bool in_string_literal(const MatchContext& ctx, std::size_t b, std::size_t e) {
  return ctx.file.language() == Language::text ||
         ctx.syntax.in_string(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
}

bool already_reported(const MatchContext& ctx, std::size_t b) {
  return std::any_of(ctx.out.begin(), ctx.out.end(), [&](const Finding& f) {
    return f.category == Category::hardcoded_secret && f.location.begin_offset <= b && b < f.location.end_offset;
  });
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> auth_token_candidates(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i + kTokenLength <= text.size();) {
    if (!hex(text[i]) || (i > 0 && word(text[i - 1]))) {
      // Inside a word no run starts a token: past the rest of it.
      if (word(text[i]))
        while (i < text.size() && word(text[i])) ++i;
      else
        ++i;
      continue;
    }
    std::size_t e = i;
    while (e < text.size() && hex(text[e])) ++e;
    const std::size_t b = i;
    i = e;
    if (e - b != kTokenLength || (e < text.size() && word(text[e]))) continue;
    const auto severity = secret_severity(text.substr(b, kTokenLength));
    if (!severity || *severity != Severity::high) continue;  // a placeholder, not a secret
    const std::string_view before = line_before(text, b);
    if (names_auth_token(before) || after_account_sid(text, b)) out.emplace_back(b, e);
  }
  return out;
}

void detect_auth_tokens(const Rule& rule, MatchContext& ctx) {
  const std::string_view text = ctx.file.text();
  for (const auto& [b, e] : auth_token_candidates(text)) {
    if (!in_string_literal(ctx, b, e) || already_reported(ctx, b)) continue;
    const std::string_view value = text.substr(b, e - b);
    Finding f = make_finding(rule, ctx, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
    f.message = "Hard-coded Twilio auth token (" + redact(value) + ")";
    f.snippet = redact_in(f.snippet, value);
    f.capability.fields["auth_token"] = Param{redact(value), json::value(redact(value))};
    ctx.out.push_back(std::move(f));
  }
}

}  // namespace capmig::scan
