#include "analyzer/core/token_error.h"

namespace capmig {

std::string_view to_string(TokenErrorCode code) {
  switch (code) {
    case TokenErrorCode::TooLarge:
      return "too-large";
    case TokenErrorCode::NotJwt:
      return "not-jwt";
    case TokenErrorCode::BadBase64:
      return "bad-base64";
    case TokenErrorCode::BadJson:
      return "bad-json";
    case TokenErrorCode::AlgNone:
      return "alg-none";
    case TokenErrorCode::AlgUnsupported:
      return "alg-unsupported";
    case TokenErrorCode::SignatureInvalid:
      return "signature-invalid";
    case TokenErrorCode::ClaimsInvalid:
      return "claims-invalid";
  }
  return "unknown";
}

}  // namespace capmig
