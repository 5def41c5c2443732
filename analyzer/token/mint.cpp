#include "analyzer/token/mint.h"

#include "analyzer/jwt/base64url.h"
#include "analyzer/jwt/js_json.h"

namespace capmig::token {
namespace json = boost::json;

std::string mint_access_token(const AccessTokenSpec& spec, std::string_view secret, std::int64_t now) {
  json::object header{{"alg", jwt::to_string(spec.alg)}, {"typ", "JWT"}, {"cty", "twilio-fpa;v=1"}};
  if (spec.region && !spec.region->empty()) header["twr"] = *spec.region;

  json::object grants{{"identity", spec.identity}};
  for (const auto& [k, v] : spec.grants)
    if (k != "identity") grants[k] = v;

  json::object payload;
  payload["jti"] = spec.api_key_sid + "-" + std::to_string(now);
  payload["grants"] = std::move(grants);
  if (spec.nbf) payload["nbf"] = *spec.nbf;
  payload["iat"] = now;
  payload["exp"] = now + spec.ttl;
  payload["iss"] = spec.api_key_sid;
  payload["sub"] = spec.account_sid;

  std::string input = jwt::base64url_encode(jwt::js_stringify(header));
  input += '.';
  input += jwt::base64url_encode(jwt::js_stringify(payload));
  const std::string mac = jwt::hmac(spec.alg, secret, input);
  input += '.';
  input += jwt::base64url_encode(mac);
  return input;
}

}  // namespace capmig::token
