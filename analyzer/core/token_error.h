#pragma once
// SPEC's token error codes. The checks run in this order; a token reports the first defect.
#include <string>
#include <string_view>

namespace capmig {

enum class TokenErrorCode {
  TooLarge,          // over 16384 bytes
  NotJwt,            // empty, not three dot-separated parts, any whitespace
  BadBase64,         // outside [A-Za-z0-9_-], impossible length, non-canonical tail
  BadJson,           // not strict UTF-8 JSON object, duplicates, too deep
  AlgNone,           // "alg":"none"
  AlgUnsupported,    // anything else the token kind does not allow
  SignatureInvalid,  // HMAC mismatch (decode still prints the token; exit 1)
  ClaimsInvalid,     // exp/iss/scope/grants of the wrong type
};

struct TokenError {
  TokenErrorCode code;
  std::string message;  // says what is wrong and where ("payload: exp is a string…")
};

std::string_view to_string(TokenErrorCode code);

// SPEC exit codes: signature-invalid is a finding (1); every other defect is unusable input (2).
inline int exit_code_for(TokenErrorCode code) { return code == TokenErrorCode::SignatureInvalid ? 1 : 2; }

inline constexpr std::size_t kMaxTokenBytes = 16384;
inline constexpr unsigned kMaxJsonDepth = 32;

}  // namespace capmig
