#include "analyzer/token/decode.h"

#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <tuple>

#include "analyzer/jwt/base64url.h"
#include "analyzer/jwt/hmac.h"
#include "analyzer/jwt/strict_json.h"
#include "analyzer/token/access_lint.h"
#include "analyzer/token/capability.h"

namespace capmig::token {
namespace json = boost::json;

std::string_view to_string(TokenKind kind) {
  switch (kind) {
    case TokenKind::Capability:
      return "capability";
    case TokenKind::TaskRouterCapability:
      return "taskrouter-capability";
    case TokenKind::Access:
      return "access";
    case TokenKind::UnknownJwt:
      return "unknown-jwt";
  }
  return "unknown-jwt";
}

std::string_view to_string(LintSeverity s) {
  switch (s) {
    case LintSeverity::Error:
      return "error";
    case LintSeverity::Warning:
      return "warning";
    case LintSeverity::Info:
      return "info";
  }
  return "info";
}

namespace {

DecodeResult fail(TokenErrorCode code, std::string message) {
  return DecodeResult{std::nullopt, TokenError{code, std::move(message)}};
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Whether any byte is <= ' ' (0x20), where all whitespace is: eight bytes at a time, so the
// byte-by-byte search for whitespace only runs on the rare token that has such a byte.
bool has_byte_at_most_space(std::string_view s) {
  constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if ((x - ones * 0x21) & ~x & highs) return true;  // some byte < 0x21 (exact for any bytes)
  }
  for (; i < s.size(); ++i)
    if (static_cast<unsigned char>(s[i]) <= 0x20) return true;
  return false;
}

std::string_view string_or_empty(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

std::string_view string_or_empty(const json::value* v) {
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// The payload members the pipeline reads, found in one pass over the payload instead of a
// lookup each (member names are unique: the strict parser rejects duplicates).
struct PayloadClaims {
  const json::value *scope = nullptr, *policies = nullptr, *workspace_sid = nullptr, *grants = nullptr, *iss = nullptr,
                    *sub = nullptr, *exp = nullptr, *iat = nullptr, *nbf = nullptr;

  explicit PayloadClaims(const json::object& payload) {
    for (const auto& member : payload) {
      const std::string_view k = member.key();
      const json::value* v = &member.value();
      switch (k.size()) {
        case 3:
          if (k == "iss")
            iss = v;
          else if (k == "exp")
            exp = v;
          else if (k == "iat")
            iat = v;
          else if (k == "nbf")
            nbf = v;
          else if (k == "sub")
            sub = v;
          break;
        case 5:
          if (k == "scope") scope = v;
          break;
        case 6:
          if (k == "grants") grants = v;
          break;
        case 8:
          if (k == "policies") policies = v;
          break;
        case 13:
          if (k == "workspace_sid") workspace_sid = v;
          break;
        default:
          break;
      }
    }
  }
};

// TOKENS.md §1.5 classification order.
TokenKind classify(const json::object& header, const PayloadClaims& payload) {
  if (const auto* scope = payload.scope) {
    if (!scope->is_string()) return TokenKind::Capability;  // claims check reports it
    if (scope->get_string().starts_with("scope:")) return TokenKind::Capability;
  }
  if (const auto* p = payload.policies; (p && p->is_array()) || payload.workspace_sid)
    return TokenKind::TaskRouterCapability;
  if (string_or_empty(header, "cty") == "twilio-fpa;v=1") return TokenKind::Access;
  if (const auto* g = payload.grants; g && g->is_object() && string_or_empty(payload.iss).starts_with("SK"))
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
      if (c == '.')
        ++dots;
      else if (c >= '0' && c <= '9')
        ++digits;
      else
        return std::nullopt;
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
std::optional<std::string> check_claims(TokenKind kind, const PayloadClaims& payload, Claims& claims,
                                        std::vector<LintEntry>& lint) {
  const bool twilio_kind = kind != TokenKind::UnknownJwt;
  const auto* exp = payload.exp;
  if (!exp) {
    if (twilio_kind) return "payload: exp is missing";
  } else {
    TimeForm form;
    claims.exp = read_time(*exp, form);
    if (!claims.exp) return "payload: exp " + describe(*exp) + " is not a non-negative integer";
    if (form == TimeForm::NumericString)
      lint.push_back(
          {"exp-string", LintSeverity::Warning,
           "exp is a JSON string (twilio-java 6.x and older write it so); read as " + std::to_string(*claims.exp)});
    if (form == TimeForm::Fractional)
      lint.push_back(
          {"exp-fractional", LintSeverity::Warning,
           "exp has a fraction (twilio-node 3.x+ with a non-integer ttl); floored to " + std::to_string(*claims.exp)});
  }
  for (auto [key, slot, v] :
       {std::tuple{"iat", &claims.iat, payload.iat}, std::tuple{"nbf", &claims.nbf, payload.nbf}}) {
    if (!v) continue;
    TimeForm form;
    *slot = read_time(*v, form);
    if (!*slot) return std::string("payload: ") + key + " " + describe(*v) + " is not a non-negative integer";
  }
  if (const auto* iss = payload.iss; iss && !iss->is_string())
    return "payload: iss " + describe(*iss) + " is not a string";
  if ((kind == TokenKind::Capability || kind == TokenKind::Access) && !payload.iss) return "payload: iss is missing";
  if (const auto* scope = payload.scope; kind == TokenKind::Capability && !scope->is_string())
    return "payload: scope " + describe(*scope) + " is not a string";
  if (const auto* g = payload.grants; g && !g->is_object())
    return "payload: grants " + describe(*g) + " is not an object";
  if (kind == TokenKind::Access && !payload.grants) return "payload: grants is missing";
  if (const auto* sub = payload.sub; sub && !sub->is_string())
    return "payload: sub " + describe(*sub) + " is not a string";
  return std::nullopt;
}

const std::optional<std::string>& key_for(TokenKind kind, const PayloadClaims& payload, const VerificationKeys& keys) {
  static const std::optional<std::string> none;
  switch (kind) {
    case TokenKind::Capability:
    case TokenKind::TaskRouterCapability:
      return keys.auth_token;
    case TokenKind::Access:
      return keys.api_key_secret;
    case TokenKind::UnknownJwt: {
      const auto iss = string_or_empty(payload.iss);
      if (iss.starts_with("AC")) return keys.auth_token;
      if (iss.starts_with("SK")) return keys.api_key_secret;
      return none;
    }
  }
  return none;
}

void lint_capability(const DecodedToken& t, const CapabilityToken& cap, std::int64_t now,
                     std::vector<LintEntry>& lint) {
  lint.push_back(
      {"capability-token", LintSeverity::Error,
       "capability tokens are deprecated and will reach end of life: mint an Access Token with a VoiceGrant"});
  if (!is_account_sid(cap.account_sid))
    lint.push_back(
        {"iss-invalid", LintSeverity::Warning, "iss \"" + cap.account_sid + "\" is not an Account SID (AC + 32 hex)"});
  if (cap.expires_at <= now)
    lint.push_back(
        {"expired", LintSeverity::Error, "expired " + std::to_string(now - cap.expires_at) + " s before now"});
  const auto start = cap.issued_at ? cap.issued_at : cap.not_before;
  if (start && cap.expires_at - *start > 86400)
    lint.push_back({"ttl-exceeds-max", LintSeverity::Error,
                    "lives " + std::to_string(cap.expires_at - *start) + " s, over the 24 h maximum"});
  if (!cap.unknown_scopes.empty())
    lint.push_back({"scope-unknown", LintSeverity::Warning,
                    "scope \"" + cap.unknown_scopes.front() + "\" is not one capability tokens define"});
  if (string_or_empty(t.header, "typ") != "JWT" && t.header.contains("typ"))
    lint.push_back({"typ-unexpected", LintSeverity::Info, "header typ is not \"JWT\""});
}

}  // namespace

DecodeResult decode_token(std::string_view token, const DecodeOptions& options, const json::storage_ptr& storage) {
  if (!options.table) throw std::logic_error("decode_token: no mapping table given");
  if (token.size() > kMaxTokenBytes)
    return fail(TokenErrorCode::TooLarge,
                std::to_string(token.size()) + " bytes, over the " + std::to_string(kMaxTokenBytes) + "-byte limit");
  if (token.empty()) return fail(TokenErrorCode::NotJwt, "empty input");
  if (has_byte_at_most_space(token))
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
  // Header and payload decode into one buffer; a signature that can be a MAC into another
  // on the stack (a longer one still has to be valid base64url, and then fails to verify).
  const std::size_t sizes[3] = {jwt::base64url_decoded_size(parts[0].size()),
                                jwt::base64url_decoded_size(parts[1].size()),
                                jwt::base64url_decoded_size(parts[2].size())};
  thread_local std::string json_bytes;  // only read while parsing: reused from token to token
  json_bytes.resize(sizes[0] + sizes[1]);
  char mac_bytes[jwt::kMaxMacBytes];
  std::string long_signature(sizes[2] > sizeof mac_bytes ? sizes[2] : 0, '\0');
  char* const out[3] = {json_bytes.data(), json_bytes.data() + sizes[0],
                        sizes[2] > sizeof mac_bytes ? long_signature.data() : mac_bytes};
  for (int i = 0; i < 3; ++i) {
    std::size_t where = 0;
    if (!jwt::base64url_decode_to(parts[i], out[i], &where))
      return fail(TokenErrorCode::BadBase64,
                  std::string(names[i]) + ": invalid base64url at character " + std::to_string(where));
  }
  const std::string_view bytes[3] = {std::string_view(out[0], sizes[0]), std::string_view(out[1], sizes[1]),
                                     std::string_view(out[2], sizes[2])};
  auto header = jwt::parse_strict_object(bytes[0], kMaxJsonDepth, storage);
  if (!header) return fail(TokenErrorCode::BadJson, "header: " + header.error());
  auto payload = jwt::parse_strict_object(bytes[1], kMaxJsonDepth, storage);
  if (!payload) return fail(TokenErrorCode::BadJson, "payload: " + payload.error());

  // Move-constructed, not assigned: the objects keep the caller's storage (an assignment
  // across storages would copy them to the heap).
  DecodedToken t{TokenKind::UnknownJwt, std::move(*header), std::move(*payload), {}, std::nullopt,
                 std::nullopt,          std::nullopt,       std::nullopt,        {}};
  const PayloadClaims claimed(t.payload);  // points into t.payload, which stays put from here on
  t.kind = classify(t.header, claimed);

  const auto* alg = t.header.if_contains("alg");
  if (alg && alg->is_string() && alg->get_string() == "none")
    return fail(TokenErrorCode::AlgNone, "header: alg is \"none\"; an unsigned token is never accepted");
  if (!alg || !alg->is_string()) return fail(TokenErrorCode::AlgUnsupported, "header: alg is missing or not a string");
  t.alg = std::string(alg->get_string());
  const auto hmac_alg = jwt::hmac_alg_from_name(t.alg);
  const bool hs256_only = t.kind == TokenKind::Capability || t.kind == TokenKind::TaskRouterCapability;
  if (!hmac_alg || (hs256_only && *hmac_alg != jwt::HmacAlg::HS256))
    return fail(TokenErrorCode::AlgUnsupported, "header: alg \"" + t.alg + "\" is not allowed for a " +
                                                    std::string(to_string(t.kind)) + " token" +
                                                    (hs256_only ? " (HS256 only)" : " (HS256, HS384, HS512)"));

  std::optional<TokenError> signature_error;
  if (const auto& key = key_for(t.kind, claimed, options.keys)) {
    const std::string_view signing_input = token.substr(0, d2);
    unsigned char mac[jwt::kMaxMacBytes];
    const std::size_t mac_len = jwt::hmac_to(*hmac_alg, *key, signing_input, mac);
    t.verified = jwt::constant_time_equal(std::string_view(reinterpret_cast<const char*>(mac), mac_len), bytes[2]);
    if (!*t.verified)
      signature_error = TokenError{TokenErrorCode::SignatureInvalid,
                                   "signature: " + t.alg + " MAC does not match the " +
                                       (t.kind == TokenKind::Access ? "API key secret" : "auth token") + " given"};
  }

  Claims claims;
  std::vector<LintEntry> lint;
  lint.reserve(4);  // the usual entries, without regrowing
  if (auto bad = check_claims(t.kind, claimed, claims, lint)) {
    if (signature_error) return DecodeResult{std::move(t), signature_error};
    return fail(TokenErrorCode::ClaimsInvalid, *bad);
  }
  t.lint = std::move(lint);

  switch (t.kind) {
    case TokenKind::Capability: {
      CapabilityToken cap;
      cap.account_sid = string_or_empty(claimed.iss);
      cap.expires_at = *claims.exp;
      cap.issued_at = claims.iat;
      cap.not_before = claims.nbf;
      parse_scope_claim(claimed.scope->get_string(), cap, t.lint);
      lint_capability(t, cap, options.now, t.lint);
      t.mapping = options.table->apply(capability_parameters(cap, options.now, storage));
      t.capability = std::move(cap);
      break;
    }
    case TokenKind::Access: {
      // Constructed with `storage`, not assigned: an assignment would copy the grants to the
      // heap, value by value, for every access token.
      AccessTokenInfo a{std::string(string_or_empty(claimed.sub)),
                        std::string(string_or_empty(claimed.iss)),
                        std::nullopt,
                        std::nullopt,
                        json::object(claimed.grants->get_object(), storage),
                        *claims.exp,
                        claims.iat,
                        claims.nbf};
      if (const auto* id = a.grants.if_contains("identity"); id && id->is_string())
        a.identity = std::string(id->get_string());
      if (const auto* twr = t.header.if_contains("twr"); twr && twr->is_string())
        a.region = std::string(twr->get_string());
      lint_access_token(t, a, options.now, *options.table, t.lint);
      t.access = std::move(a);
      break;
    }
    case TokenKind::TaskRouterCapability:
      t.lint.push_back({"taskrouter-capability", LintSeverity::Info,
                        "a TaskRouter capability token: not a Voice capability token, no VoiceGrant mapping"});
      if (claims.exp && *claims.exp <= options.now)
        t.lint.push_back(
            {"expired", LintSeverity::Error, "expired " + std::to_string(options.now - *claims.exp) + " s before now"});
      break;
    case TokenKind::UnknownJwt:
      t.lint.push_back(
          {"unknown-jwt", LintSeverity::Error, "a JWT that is neither a Twilio capability token nor an access token"});
      break;
  }
  return DecodeResult{std::move(t), signature_error};
}

}  // namespace capmig::token
