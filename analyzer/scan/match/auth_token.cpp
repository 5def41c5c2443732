// Auth tokens written anywhere: a settings file (`AUTH_TOKEN = '…'`), a `.env` line, YAML or
// JSON config, a REST client built with a literal (`Client('AC…', '…')`). A Twilio auth token
// is 32 hexadecimal digits; it is reported when the same line names it (a key or variable
// whose name holds "auth token", "twilio token" or "twilio auth") or hands it over right after a literal
// account SID, directly or through the names both are assigned to. In code only string literals count, so comments and
// identifiers never match. Placeholders (periodic or spelled-out values) are not secrets. Literals a capability
// construct already reported are not reported twice.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "analyzer/scan/match/context.h"
#include "analyzer/scan/match/secret.h"
#include "analyzer/scan/match/secret_site.h"

namespace capmig::scan {
namespace json = boost::json;
namespace {

constexpr std::size_t kTokenLength = 32;

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
         (word_byte(before[b - 1]) || before[b - 1] == '-' || before[b - 1] == '.' || before[b - 1] == '$' ||
          before[b - 1] == '@' || before[b - 1] == '>' || before[b - 1] == '\'' || before[b - 1] == '"' ||
          before[b - 1] == '[' || before[b - 1] == ']' || (fallback && (before[b - 1] == '(' || before[b - 1] == ')'))))
    --b;
  const std::string name = squeezed(before.substr(b, e - b));
  // TWILIO_AUTH=… (a .env beside TWILIO_ACCOUNT=AC…): "twilio" and "auth" name it too.
  return name.find("authtoken") != std::string::npos || name.find("twiliotoken") != std::string::npos ||
         name.find("twilioauth") != std::string::npos;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> auth_token_candidates(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i + kTokenLength <= text.size();) {
    if (!hex_byte(text[i]) || (i > 0 && word_byte(text[i - 1]))) {
      // Inside a word no run starts a token: past the rest of it.
      if (word_byte(text[i]))
        while (i < text.size() && word_byte(text[i])) ++i;
      else
        ++i;
      continue;
    }
    std::size_t e = i;
    while (e < text.size() && hex_byte(text[e])) ++e;
    const std::size_t b = i;
    i = e;
    if (e - b != kTokenLength || (e < text.size() && word_byte(text[e]))) continue;
    const auto severity = secret_severity(text.substr(b, kTokenLength));
    if (!severity || *severity != Severity::high) continue;  // a placeholder, not a secret
    const std::string_view before = line_before(text, b);
    if (names_auth_token(before) || after_sid(text, b, "AC") || named_after_sid(text, b, "AC")) out.emplace_back(b, e);
  }
  return out;
}

void detect_auth_tokens(const Rule& rule, MatchContext& ctx) {
  const std::string_view text = ctx.file.text();
  for (const auto& [b, e] : auth_token_candidates(text))
    if (Finding* f = report_secret(rule, ctx, b, e, "auth token")) {
      const std::string shown = redact(text.substr(b, e - b));
      f->capability.fields["auth_token"] = Param{shown, json::value(shown)};
    }
}

}  // namespace capmig::scan
