// The direct JSON writer (what streams write per token) against the document path SPEC's
// shape is defined by: byte-identical on every vector, sample token, and hostile input.
#include <catch2/catch.hpp>

#include <boost/json/serialize.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "analyzer/jwt/base64url.h"
#include "analyzer/jwt/hmac.h"
#include "analyzer/report/token_json.h"
#include "analyzer/report/token_json_writer.h"
#include "analyzer/token/decode.h"
#include "vectors.h"

using namespace capmig;
namespace json = boost::json;

namespace {

std::string signed_token(const std::string& header, const std::string& payload, const std::string& key) {
  const std::string input = jwt::base64url_encode(header) + "." + jwt::base64url_encode(payload);
  return input + "." + jwt::base64url_encode(jwt::hmac(jwt::HmacAlg::HS256, key, input));
}

void check_same(const std::string& token, const token::DecodeOptions& opt) {
  const token::DecodeResult r = token::decode_token(token, opt);
  std::string direct;
  append_decode_json(direct, r);
  INFO(token);
  CHECK(direct == boost::json::serialize(decode_result_to_json(r)));
  json::object with_input = decode_result_to_json(r);
  with_input["input"] = "stdin:12 \"quoted\"";
  std::string direct_input;
  append_decode_json(direct_input, r, "stdin:12 \"quoted\"");
  CHECK(direct_input == boost::json::serialize(with_input));
}

}  // namespace

TEST_CASE("append_decode_json writes what serialize(decode_result_to_json) writes", "[jwt][report]") {
  std::size_t n = 0;
  for (const char* set :
       {"capability_tokens.json", "access_tokens.json", "malformed_tokens.json", "tolerated_tokens.json"}) {
    for (const auto& v : test::load_vectors(set)) {
      const auto& o = v.as_object();
      for (const char* with_keys : {"yes", "no"}) {
        token::DecodeOptions opt{{}, 0, &capmig::map::MappingTable::builtin()};
        opt.now = o.contains("now") && o.at("now").is_int64() ? o.at("now").as_int64() : 1700000000;
        if (std::string(with_keys) == "yes") {
          for (const char* k : {"auth_token", "key"})
            if (const auto* s = o.if_contains(k); s && s->is_string())
              opt.keys.auth_token = std::string(s->as_string());
          if (const auto* s = o.if_contains("api_key_secret"); s && s->is_string())
            opt.keys.api_key_secret = std::string(s->as_string());
          if (!opt.keys.api_key_secret) opt.keys.api_key_secret = opt.keys.auth_token;
        }
        check_same(std::string(o.at("token").as_string()), opt);
        ++n;
      }
    }
  }
  for (const auto& f : std::filesystem::directory_iterator(std::string(CAPMIG_SOURCE_DIR) + "/samples/tokens"))
    if (f.path().extension() == ".jwt") {
      std::string t = test::read_file(f.path().string());
      while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t.pop_back();
      check_same(t, token::DecodeOptions{{}, 1700000060, &map::MappingTable::builtin()});
      ++n;
    }
  CHECK(n > 40);

  // Every escape the serializer makes, in claims and in our own fields, and a non-finite
  // number (shown as null), and an error-only result.
  std::string hostile = "q\" b\\ \x01\x07\b\t\n\x0b\f\r\x1b\x1f\x7f é \u202e";
  const std::string esc = boost::json::serialize(boost::json::value(hostile));
  const std::string cap_payload =
      R"({"scope":"scope:client:incoming?clientName=%1B%22x%5C%0A%E2%80%AE scope:client:outgoing?appSid=AP1&appParams=a%3D%2522b","iss":)" +
      esc + R"(,"exp":1900000000,"x":1e999})";
  check_same(signed_token(R"({"alg":"HS256","typ":"JWT"})", cap_payload, "k"),
             token::DecodeOptions{{"k", std::nullopt}, 1800000000, &map::MappingTable::builtin()});
  const std::string acc_payload =
      R"({"jti":"SK1-1","grants":{"identity":)" + esc +
      R"(,"voice":{"outgoing":{"application_sid":"AP1","params":{"n":-1.5e300}}}},"iss":"SK1","sub":"AC1","exp":1900000000})";
  check_same(signed_token(R"({"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1","twr":)" + esc + "}", acc_payload, "s"),
             token::DecodeOptions{{std::nullopt, "wrong"}, 1800000000, &map::MappingTable::builtin()});
  check_same("eyJhbGciOiJub25lIn0.eyJpc3MiOiJBQzEifQ.", token::DecodeOptions{{}, 0, &map::MappingTable::builtin()});
  check_same("not a token", token::DecodeOptions{{}, 0, &map::MappingTable::builtin()});
  std::string s;
  append_json_string(s, hostile);
  CHECK(s == esc);
}
