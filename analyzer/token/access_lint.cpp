#include "analyzer/token/access_lint.h"

#include <algorithm>
#include <array>

namespace capmig::token {
namespace {

// Grant keys the helper libraries emit (TOKENS.md §2.3); the deprecated ones still decode.
constexpr std::array<std::string_view, 9> kKnownGrants = {"identity",  "voice",       "video",  "chat", "ip_messaging",
                                                          "data_sync", "task_router", "player", "rtc"};
constexpr std::array<std::string_view, 2> kDeprecatedGrants = {"ip_messaging", "rtc"};
// Twilio's Regions (edge locations' home regions) that a twr header names.
constexpr std::array<std::string_view, 8> kRegions = {"us1", "us2", "ie1", "de1", "au1", "jp1", "sg1", "br1"};

template <class A>
bool contains(const A& a, std::string_view s) {
  return std::find(a.begin(), a.end(), s) != a.end();
}

bool jti_well_formed(std::string_view jti, std::string_view iss) {
  if (!jti.starts_with(iss) || jti.size() <= iss.size() + 1 || jti[iss.size()] != '-') return false;
  const auto tail = jti.substr(iss.size() + 1);
  return std::all_of(tail.begin(), tail.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void lint_access_token(const DecodedToken& t, const AccessTokenInfo& a, std::int64_t now,
                       const map::MappingTable& table, std::vector<LintEntry>& lint) {
  auto add = [&](const char* code, LintSeverity s, std::string msg) { lint.push_back({code, s, std::move(msg)}); };
  const auto* cty = t.header.if_contains("cty");
  if (!cty || !cty->is_string() || cty->get_string() != "twilio-fpa;v=1")
    add("cty-invalid", LintSeverity::Error, "header cty must be \"twilio-fpa;v=1\"");
  if (t.alg != "HS256")
    add("alg-not-hs256", LintSeverity::Warning,
        t.alg + " is accepted by twilio-node and php only; every other library signs HS256");
  if (const auto* twr = t.header.if_contains("twr")) {
    if (!twr->is_string())
      add("region-invalid", LintSeverity::Error, "header twr (region) is not a string");
    else if (!contains(kRegions, std::string_view(twr->get_string())))
      add("region-unknown", LintSeverity::Warning,
          "header twr \"" + std::string(twr->get_string()) + "\" is not a known Twilio region");
  }
  if (!is_api_key_sid(a.api_key_sid))
    add("iss-invalid", LintSeverity::Error, "iss \"" + a.api_key_sid + "\" is not an API key SID (SK + 32 hex)");
  if (!is_account_sid(a.account_sid))
    add("sub-invalid", LintSeverity::Error, "sub \"" + a.account_sid + "\" is not an Account SID (AC + 32 hex)");
  const auto* jti = t.payload.if_contains("jti");
  if (!jti || !jti->is_string())
    add("jti-missing", LintSeverity::Warning, "no jti claim (\"<API key SID>-<issued at>\")");
  else if (!jti_well_formed(jti->get_string(), a.api_key_sid))
    add("jti-invalid", LintSeverity::Warning,
        "jti \"" + std::string(jti->get_string()) + "\" is not \"<iss>-<seconds>\"");

  const auto start = a.issued_at ? a.issued_at : a.not_before;
  if (start && a.expires_at - *start > 86400)
    add("ttl-exceeds-max", LintSeverity::Error,
        "lives " + std::to_string(a.expires_at - *start) + " s; access tokens live at most 24 h (86400 s)");
  if (a.expires_at <= now)
    add("expired", LintSeverity::Error, "expired " + std::to_string(now - a.expires_at) + " s before now");
  if (a.not_before && *a.not_before > now)
    add("not-yet-valid", LintSeverity::Info, "nbf is " + std::to_string(*a.not_before - now) + " s after now");

  const bool voice = a.grants.contains("voice");
  const auto* identity = a.grants.if_contains("identity");
  if (!identity || (identity->is_string() && identity->get_string().empty()))
    add("identity-missing", LintSeverity::Error, "grants.identity is missing: the SDKs need an identity");
  else if (!identity->is_string())
    add("identity-invalid", LintSeverity::Error, "grants.identity is not a string");
  else if (voice && !table.identity_chars_valid(identity->get_string()))
    add("identity-invalid-chars", LintSeverity::Error,
        "identity \"" + std::string(identity->get_string()) +
            "\" has characters outside [A-Za-z0-9_], which Voice rejects");

  for (const auto& [key, value] : a.grants) {
    if (!contains(kKnownGrants, std::string_view(key)))
      add("grant-unknown", LintSeverity::Warning,
          "grant \"" + std::string(key) + "\" is not one the helper libraries emit");
    else if (contains(kDeprecatedGrants, std::string_view(key)))
      add("grant-deprecated", LintSeverity::Info, "grant \"" + std::string(key) + "\" is deprecated");
  }
  if (voice) {
    const auto& v = a.grants.at("voice");
    if (!v.is_object()) {
      add("voice-grant-invalid", LintSeverity::Error, "grants.voice is not an object");
    } else if (const auto* out = v.get_object().if_contains("outgoing")) {
      const auto* app = out->is_object() ? out->get_object().if_contains("application_sid") : nullptr;
      if (!app || !app->is_string() || !is_application_sid(app->get_string()))
        add("voice-outgoing-app-invalid", LintSeverity::Error,
            "grants.voice.outgoing.application_sid is not a TwiML App SID (AP…)");
    }
  }
}

}  // namespace capmig::token
