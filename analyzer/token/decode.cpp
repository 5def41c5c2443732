#include "analyzer/token/decode.h"

#include <boost/json/serialize.hpp>

#include <cmath>
#include <limits>

#include "analyzer/jwt/base64url.h"
#include "analyzer/jwt/hmac.h"
#include "analyzer/jwt/strict_json.h"
#include "analyzer/token/access_lint.h"
#include "analyzer/token/capability.h"

namespace capmig {
namespace json = boost::json;

std::string_view to_string(TokenKind kind) {
  switch (kind) {
    case TokenKind::Capability: return "capability";
    case TokenKind::TaskRouterCapability: return "taskrouter-capability";
    case TokenKind::Access: return "access";
    case TokenKind::UnknownJwt: return "unknown-jwt";
  }
  return "unknown-jwt";
}

std::string_view to_string(LintSeverity s) {
  switch (s) {
    case LintSeverity::Error: return "error";
    case LintSeverity::Warning: return "warning";
    case LintSeverity::Info: return "info";
  }
  return "info";
}

namespace {

DecodeResult fail(TokenErrorCode code, std::string message) {
  return DecodeResult{std::nullopt, TokenError{code, std::move(message)}};
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view string_or_empty(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// TOKENS.md §1.5 classification order.
TokenKind classify(const json::object& header, const json::object& payload) {
  if (const auto* scope = payload.if_contains("scope")) {
    if (!scope->is_string()) return TokenKind::Capability;  // claims check reports it
    if (scope->get_string().starts_with("scope:")) return TokenKind::Capability;
  }
  if (const auto* p = payload.if_contains("policies"); (p && p->is_array()) || payload.contains("workspace_sid"))
    return TokenKind::TaskRouterCapability;
  if (string_or_empty(header, "cty") == "twilio-fpa;v=1") return TokenKind::Access;
  if (const auto* g = payload.if_contains("grants"); g && g->is_object() && string_or_empty(payload, "iss").starts_with("SK"))
    return TokenKind::Access;
  return TokenKind::UnknownJwt;
}

enum class TimeForm { Integer, Fractional, NumericString };

// exp/iat/nbf: a non-negative integer in int64 range. Tolerated: a fractional number
// (node 3.x+ with a non-integer ttl) and a numeric string (java ≤ 6), both floored.
std::optional<std::int64_t> read_time(const json::value& v, TimeForm& form) {
  form = TimeForm::Integer;
  if (v.is_int64()) return v.get_int64() >= 0 ? std::optional(v.get_int64()) : std::nullopt;
  if (v.is_uint64()) {
    if (v.get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(v.get_uint64());
  }
  auto from_double = [&](double d) -> std::optional<std::int64_t> {
    if (!std::isfinite(d) || d < 0 || d >= 9.2233720368547758e18) return std::nullopt;
    if (d != std::floor(d)) form = TimeForm::Fractional;
    return static_cast<std::int64_t>(std::floor(d));
  };
  if (v.is_double()) return from_double(v.get_double());
  if (v.is_string()) {
    std::string_view s = v.get_string();
    // digits, optionally one '.' and more digits; nothing else (no sign, space or exponent)
    std::size_t dots = 0, digits = 0;
    for (char c : s) {
      if (c == '.') ++dots;
      else if (c >= '0' && c <= '9') ++digits;
      else return std::nullopt;
    }
    if (digits == 0 || dots > 1 || s.front() == '.' || s.back() == '.') return std::nullopt;
    const std::string_view whole = s.substr(0, s.find('.'));
    if (whole.size() > 18) return std::nullopt;
    std::int64_t n = 0;
    for (char c : whole) n = n * 10 + (c - '0');
    form = TimeForm::NumericString;
    return n;
  }
  return std::nullopt;
}

std::string describe(const json::value& v) {
  std::string s = json::serialize(v);
  if (s.size() > 40) s = s.substr(0, 37) + "...";
  return s;
}

struct Claims {
  std::optional<std::int64_t> exp, iat, nbf;
};

// SPEC's claims check. Returns an error message, or fills `claims` and adds lint.
std::optional<std::string> check_claims(TokenKind kind, const json::object& payload, Claims& claims,
                                        std::vector<LintEntry>& lint) {
  const bool twilio_kind = kind != TokenKind::UnknownJwt;
  const auto* exp = payload.if_contains("exp");
  if (!exp) {
    if (twilio_kind) return "payload: exp is missing";
  } else {
    TimeForm form;
    claims.exp = read_time(*exp, form);
    if (!claims.exp) return "payload: exp " + describe(*exp) + " is not a non-negative integer";
    if (form == TimeForm::NumericString)
      lint.push_back({"exp-string", LintSeverity::Warning,
                      "exp is a JSON string (twilio-java 6.x and older write it so); read as " + std::to_string(*claims.exp)});
    if (form == TimeForm::Fractional)
      lint.push_back({"exp-fractional", LintSeverity::Warning,
                      "exp has a fraction (twilio-node 3.x+ with a non-integer ttl); floored to " + std::to_string(*claims.exp)});
  }
  for (auto [key, slot] : {std::pair{"iat", &claims.iat}, std::pair{"nbf", &claims.nbf}}) {
    const auto* v = payload.if_contains(key);
    if (!v) continue;
    TimeForm form;
    *slot = read_time(*v, form);
    if (!*slot) return std::string("payload: ") + key + " " + describe(*v) + " is not a non-negative integer";
  }
  if (const auto* iss = payload.if_contains("iss"); iss && !iss->is_string())
    return "payload: iss " + describe(*iss) + " is not a string";
  if ((kind == TokenKind::Capability || kind == TokenKind::Access) && !payload.contains("iss"))
    return "payload: iss is missing";
  if (const auto* scope = payload.if_contains("scope"); kind == TokenKind::Capability && !scope->is_string())
    return "payload: scope " + describe(*scope) + " is not a string";
  if (const auto* g = payload.if_contains("grants"); g && !g->is_object())
    return "payload: grants " + describe(*g) + " is not an object";
  if (kind == TokenKind::Access && !payload.contains("grants")) return "payload: grants is missing";
  if (const auto* sub = payload.if_contains("sub"); sub && !sub->is_string())
    return "payload: sub " + describe(*sub) + " is not a string";
  return std::nullopt;
}

const std::optional<std::string>& key_for(TokenKind kind, const json::object& payload, const VerificationKeys& keys) {
  static const std::optional<std::string> none;
  switch (kind) {
    case TokenKind::Capability:
    case TokenKind::TaskRouterCapability: return keys.auth_token;
    case TokenKind::Access: return keys.api_key_secret;
    case TokenKind::UnknownJwt: {
      const auto iss = string_or_empty(payload, "iss");
      if (iss.starts_with("AC")) return keys.auth_token;
      if (iss.starts_with("SK")) return keys.api_key_secret;
      return none;
    }
  }
  return none;
}

void lint_capability(const DecodedToken& t, const CapabilityToken& cap, std::int64_t now, std::vector<LintEntry>& lint) {
  lint.push_back({"capability-token", LintSeverity::Error,
                  "capability tokens are deprecated and will reach end of life: mint an Access Token with a VoiceGrant"});
  if (!is_account_sid(cap.account_sid))
    lint.push_back({"iss-invalid", LintSeverity::Warning, "iss \"" + cap.account_sid + "\" is not an Account SID (AC + 32 hex)"});
  if (cap.expires_at <= now)
    lint.push_back({"expired", LintSeverity::Error, "expired " + std::to_string(now - cap.expires_at) + " s before now"});
  const auto start = cap.issued_at ? cap.issued_at : cap.not_before;
  if (start && cap.expires_at - *start > 86400)
    lint.push_back({"ttl-exceeds-max", LintSeverity::Error,
                    "lives " + std::to_string(cap.expires_at - *start) + " s, over the 24 h maximum"});
  if (!cap.unknown_scopes.empty())
    lint.push_back({"scope-unknown", LintSeverity::Warning, "scope \"" + cap.unknown_scopes.front() + "\" is not one capability tokens define"});
  if (string_or_empty(t.header, "typ") != "JWT" && t.header.contains("typ"))
    lint.push_back({"typ-unexpected", LintSeverity::Info, "header typ is not \"JWT\""});
}

}  // namespace

DecodeResult decode_token(std::string_view token, const DecodeOptions& options) {
  if (token.size() > kMaxTokenBytes)
    return fail(TokenErrorCode::TooLarge, std::to_string(token.size()) + " bytes, over the " +
                                              std::to_string(kMaxTokenBytes) + "-byte limit");
  if (token.empty()) return fail(TokenErrorCode::NotJwt, "empty input");
  for (std::size_t i = 0; i < token.size(); ++i)
    if (is_space(token[i])) return fail(TokenErrorCode::NotJwt, "whitespace at byte " + std::to_string(i));
  const std::size_t d1 = token.find('.');
  const std::size_t d2 = d1 == std::string_view::npos ? d1 : token.find('.', d1 + 1);
  if (d2 == std::string_view::npos || token.find('.', d2 + 1) != std::string_view::npos) {
    std::size_t parts = 1;
    for (char c : token) parts += c == '.';
    return fail(TokenErrorCode::NotJwt, std::to_string(parts) + " dot-separated part(s), a JWS has 3");
  }
  const std::string_view parts[3] = {token.substr(0, d1), token.substr(d1 + 1, d2 - d1 - 1), token.substr(d2 + 1)};
  static constexpr const char* names[3] = {"header", "payload", "signature"};
  std::string bytes[3];
  for (int i = 0; i < 3; ++i) {
    std::size_t where = 0;
    auto b = jwt::base64url_decode(parts[i], &where);
    if (!b) return fail(TokenErrorCode::BadBase64, std::string(names[i]) + ": invalid base64url at character " + std::to_string(where));
    bytes[i] = std::move(*b);
  }
  auto header = jwt::parse_strict_object(bytes[0], kMaxJsonDepth);
  if (!header) return fail(TokenErrorCode::BadJson, "header: " + header.error());
  auto payload = jwt::parse_strict_object(bytes[1], kMaxJsonDepth);
  if (!payload) return fail(TokenErrorCode::BadJson, "payload: " + payload.error());

  DecodedToken t;
  t.header = std::move(*header);
  t.payload = std::move(*payload);
  t.kind = classify(t.header, t.payload);

  const auto* alg = t.header.if_contains("alg");
  if (alg && alg->is_string() && alg->get_string() == "none")
    return fail(TokenErrorCode::AlgNone, "header: alg is \"none\"; an unsigned token is never accepted");
  if (!alg || !alg->is_string())
    return fail(TokenErrorCode::AlgUnsupported, "header: alg is missing or not a string");
  t.alg = std::string(alg->get_string());
  const auto hmac_alg = jwt::hmac_alg_from_name(t.alg);
  const bool hs256_only = t.kind == TokenKind::Capability || t.kind == TokenKind::TaskRouterCapability;
  if (!hmac_alg || (hs256_only && *hmac_alg != jwt::HmacAlg::HS256))
    return fail(TokenErrorCode::AlgUnsupported,
                "header: alg \"" + t.alg + "\" is not allowed for a " + std::string(to_string(t.kind)) + " token" +
                    (hs256_only ? " (HS256 only)" : " (HS256, HS384, HS512)"));

  std::optional<TokenError> signature_error;
  if (const auto& key = key_for(t.kind, t.payload, options.keys)) {
    const std::string_view signing_input = token.substr(0, d2);
    t.verified = jwt::constant_time_equal(jwt::hmac(*hmac_alg, *key, signing_input), bytes[2]);
    if (!*t.verified)
      signature_error = TokenError{TokenErrorCode::SignatureInvalid,
                                   "signature: " + t.alg + " MAC does not match the " +
                                       (t.kind == TokenKind::Access ? "API key secret" : "auth token") + " given"};
  }

  Claims claims;
  std::vector<LintEntry> lint;
  if (auto bad = check_claims(t.kind, t.payload, claims, lint)) {
    if (signature_error) return DecodeResult{std::move(t), signature_error};
    return fail(TokenErrorCode::ClaimsInvalid, *bad);
  }
  t.lint = std::move(lint);

  switch (t.kind) {
    case TokenKind::Capability: {
      CapabilityToken cap;
      cap.account_sid = string_or_empty(t.payload, "iss");
      cap.expires_at = *claims.exp;
      cap.issued_at = claims.iat;
      cap.not_before = claims.nbf;
      parse_scope_claim(t.payload.at("scope").get_string(), cap, t.lint);
      lint_capability(t, cap, options.now, t.lint);
      t.mapping = MappingTable::builtin().apply(capability_parameters(cap, options.now));
      t.capability = std::move(cap);
      break;
    }
    case TokenKind::Access: {
      AccessTokenInfo a;
      a.account_sid = string_or_empty(t.payload, "sub");
      a.api_key_sid = string_or_empty(t.payload, "iss");
      a.grants = t.payload.at("grants").get_object();
      if (const auto* id = a.grants.if_contains("identity"); id && id->is_string()) a.identity = std::string(id->get_string());
      if (const auto* twr = t.header.if_contains("twr"); twr && twr->is_string()) a.region = std::string(twr->get_string());
      a.expires_at = *claims.exp;
      a.issued_at = claims.iat;
      a.not_before = claims.nbf;
      lint_access_token(t, a, options.now, t.lint);
      t.access = std::move(a);
      break;
    }
    case TokenKind::TaskRouterCapability:
      t.lint.push_back({"taskrouter-capability", LintSeverity::Info,
                        "a TaskRouter capability token: not a Voice capability token, no VoiceGrant mapping"});
      if (claims.exp && *claims.exp <= options.now)
        t.lint.push_back({"expired", LintSeverity::Error, "expired " + std::to_string(options.now - *claims.exp) + " s before now"});
      break;
    case TokenKind::UnknownJwt:
      t.lint.push_back({"unknown-jwt", LintSeverity::Error, "a JWT that is neither a Twilio capability token nor an access token"});
      break;
  }
  return DecodeResult{std::move(t), signature_error};
}

}  // namespace capmig
