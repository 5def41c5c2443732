#pragma once
// Minting an Access Token byte for byte as twilio-node 6.2.0's AccessToken.toJwt() does
// (TOKENS.md §2.4).
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "analyzer/jwt/hmac.h"

namespace capmig::token {

struct AccessTokenSpec {
  std::string account_sid;
  std::string api_key_sid;
  std::string identity;  // node >= 4 refuses to mint without one
  std::int64_t ttl = 3600;
  std::optional<std::string> region;  // twr header when non-empty
  std::optional<std::int64_t> nbf;
  boost::json::object grants;  // grant key -> payload, in addGrant order (no identity)
  jwt::HmacAlg alg = jwt::HmacAlg::HS256;
};

std::string mint_access_token(const AccessTokenSpec& spec, std::string_view api_key_secret, std::int64_t now);

}  // namespace capmig::token
