#pragma once
// What a decoded token is: value types shared by the decoder, the reporters and mint.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzer/core/capability_params.h"
#include "analyzer/core/token_error.h"

namespace capmig::token {

enum class TokenKind { Capability, TaskRouterCapability, Access, UnknownJwt };
std::string_view to_string(TokenKind kind);

// Ordered string map with unique keys: a repeated key keeps its first position and takes
// the last value, like the libraries' form decoders and JavaScript objects.
using OrderedParams = std::vector<std::pair<std::string, std::string>>;

enum class LintSeverity { Error, Warning, Info };
std::string_view to_string(LintSeverity s);

struct LintEntry {
  std::string code;
  LintSeverity severity;
  std::string message;
};

struct CapabilityToken {
  struct Incoming {
    std::string client_name;
  };
  struct Outgoing {
    std::string application_sid;
    std::optional<std::string> client_name;
    OrderedParams params;
  };
  struct EventStream {
    std::string path;
    OrderedParams params;
  };
  std::string account_sid;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> issued_at, not_before;
  std::optional<Incoming> incoming;
  std::vector<std::string> more_incoming_names;  // several incoming scopes (node 3+ allows it)
  std::optional<Outgoing> outgoing;
  std::optional<EventStream> event_stream;
  std::vector<std::string> unknown_scopes;
  std::vector<std::string> diagnostics;  // mapping diagnostics found while parsing (param-repeated)
};

struct AccessTokenInfo {
  std::string account_sid;  // sub
  std::string api_key_sid;  // iss
  std::optional<std::string> identity;
  std::optional<std::string> region;  // twr header
  boost::json::object grants;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> issued_at, not_before;
};

struct DecodedToken {
  TokenKind kind = TokenKind::UnknownJwt;
  boost::json::object header, payload;
  std::string alg;
  std::optional<bool> verified;  // null: no key for this kind of token
  std::optional<CapabilityToken> capability;
  std::optional<AccessTokenInfo> access;
  std::optional<AccessTokenMapping> mapping;  // capability tokens only
  std::vector<LintEntry> lint;
};

// A decode either fails (error only), or yields a token; a token whose signature did not
// verify carries both, since SPEC prints it with "verified": false.
struct DecodeResult {
  std::optional<DecodedToken> token;
  std::optional<TokenError> error;
  bool ok() const { return token && !error; }
};

struct VerificationKeys {
  std::optional<std::string> auth_token;      // capability and TaskRouter tokens
  std::optional<std::string> api_key_secret;  // access tokens
};

}  // namespace capmig::token
