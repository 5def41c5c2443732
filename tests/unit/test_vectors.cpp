// Every vector in ../shared/vectors: decoded fields, mapping, diagnostics, error codes, mint.
#include <catch2/catch.hpp>

#include "analyzer/jwt/strict_json.h"
#include "analyzer/report/token_json.h"
#include "analyzer/token/decode.h"
#include "analyzer/token/mint.h"
#include "tests/unit/vectors.h"

using namespace capmig;
namespace json = boost::json;

namespace {

std::int64_t num(const json::value& v) { return v.to_number<std::int64_t>(); }

// The vectors' mapping.grants equals the mapping; diagnostics are compared sorted.
void check_capability_vector(const json::value& v) {
  token::DecodeOptions opt{{}, 0, &capmig::map::MappingTable::builtin()};
  opt.keys.auth_token = test::str(v, "auth_token");
  opt.now = num(v.at("mapping").at("now"));
  auto r = token::decode_token(test::str(v, "token"), opt);
  INFO(v.at("name").as_string());
  INFO((r.error ? r.error->message : std::string("no error")));
  REQUIRE(r.ok());
  CHECK(r.token->kind == token::TokenKind::Capability);
  CHECK(r.token->verified == std::optional<bool>(true));
  auto out = decode_result_to_json(r);
  CHECK(json::serialize(out.at("header")) == json::serialize(v.at("header")));
  CHECK(json::serialize(out.at("payload")) == json::serialize(v.at("payload")));
  CHECK(json::serialize(out.at("capability")) == json::serialize(v.at("capability")));
  json::object expected = v.at("mapping").as_object();
  expected.erase("now");
  CHECK(json::serialize(out.at("mapping")) == json::serialize(expected));
}

}  // namespace

TEST_CASE("capability vectors decode, verify and map as the libraries mean them", "[vectors]") {
  for (const auto& v : test::load_vectors("capability_tokens.json")) check_capability_vector(v);
}

TEST_CASE("capability vectors: mint reproduces twilio-node 6.2.0 access tokens byte for byte", "[vectors][mint]") {
  int reproduced = 0;
  for (const auto& v : test::load_vectors("capability_tokens.json")) {
    const auto& at = v.at("access_token");
    if (at.is_null()) continue;
    if (!std::string_view(at.at("minted_by").as_string()).starts_with("twilio-node 6.2.0")) continue;
    token::DecodeOptions opt{{}, 0, &capmig::map::MappingTable::builtin()};
    opt.now = num(v.at("mapping").at("now"));
    auto r = token::decode_token(test::str(v, "token"), opt);
    REQUIRE(r.token);
    token::AccessTokenSpec spec;
    spec.account_sid = r.token->capability->account_sid;
    spec.api_key_sid = test::str(at, "api_key_sid");
    spec.identity = *r.token->mapping->identity_value();
    spec.ttl = *r.token->mapping->ttl_value();
    spec.grants = r.token->mapping->grants();
    INFO(v.at("name").as_string());
    CHECK(token::mint_access_token(spec, test::str(at, "api_key_secret"), num(at.at("now"))) == test::str(at, "token"));
    ++reproduced;
  }
  CHECK(reproduced >= 10);
}

TEST_CASE("access token vectors decode and lint", "[vectors]") {
  for (const auto& v : test::load_vectors("access_tokens.json")) {
    INFO(v.at("name").as_string());
    token::DecodeOptions opt{{}, 0, &capmig::map::MappingTable::builtin()};
    opt.keys.api_key_secret = test::str(v, "api_key_secret");
    opt.now = num(v.at("now"));
    auto r = token::decode_token(test::str(v, "token"), opt);
    INFO((r.error ? r.error->message : std::string("no error")));
    REQUIRE(r.ok());
    CHECK(r.token->kind == token::TokenKind::Access);
    CHECK(r.token->verified == std::optional<bool>(true));
    const auto& in = v.at("inputs");
    CHECK(r.token->access->account_sid == test::str(in, "account_sid"));
    CHECK(r.token->access->api_key_sid == test::str(in, "api_key_sid"));
    CHECK(r.token->access->identity == std::optional<std::string>(test::str(in, "identity")));
    CHECK(json::serialize(r.token->payload) == json::serialize(v.at("payload")));
    auto has_lint = [&](std::string_view code) {
      for (const auto& l : r.token->lint)
        if (l.code == code) return true;
      return false;
    };
    const bool over = !in.at("ttl").is_null() && num(in.at("ttl")) > 86400;
    CHECK(has_lint("ttl-exceeds-max") == over);
    CHECK(has_lint("alg-not-hs256") == (test::str(in, "algorithm") != "HS256"));
    CHECK(!has_lint("cty-invalid"));
    CHECK(!has_lint("expired"));
  }
}

TEST_CASE("access token vectors marked byte-exact are reproduced by mint", "[vectors][mint]") {
  int n = 0;
  for (const auto& v : test::load_vectors("access_tokens.json")) {
    if (!v.at("byte_exact_reproducible").as_bool()) continue;
    INFO(v.at("name").as_string());
    const auto& in = v.at("inputs");
    token::AccessTokenSpec spec;
    spec.account_sid = test::str(in, "account_sid");
    spec.api_key_sid = test::str(in, "api_key_sid");
    spec.identity = test::str(in, "identity");
    if (!in.at("ttl").is_null()) spec.ttl = num(in.at("ttl"));
    if (!in.at("region").is_null()) spec.region = test::str(in, "region");
    if (!in.at("nbf").is_null()) spec.nbf = num(in.at("nbf"));
    spec.grants = v.at("payload").at("grants").as_object();
    CHECK(token::mint_access_token(spec, test::str(v, "api_key_secret"), num(v.at("now"))) == test::str(v, "token"));
    ++n;
  }
  CHECK(n >= 5);
}

TEST_CASE("malformed vectors fail with their one error code", "[vectors][malformed]") {
  for (const auto& v : test::load_vectors("malformed_tokens.json")) {
    INFO(v.at("name").as_string());
    token::DecodeOptions opt{{}, 0, &capmig::map::MappingTable::builtin()};
    opt.now = 1700000000;
    if (!v.at("key").is_null()) {
      opt.keys.auth_token = test::str(v, "key");
      opt.keys.api_key_secret = test::str(v, "key");
    }
    auto r = token::decode_token(test::str(v, "token"), opt);
    REQUIRE(r.error);
    INFO(r.error->message);
    CHECK(to_string(r.error->code) == test::str(v, "expect"));
    CHECK(!r.error->message.empty());
    if (r.error->code == TokenErrorCode::SignatureInvalid) {
      REQUIRE(r.token);
      CHECK(r.token->verified == std::optional<bool>(false));
    }
  }
}

TEST_CASE("tolerated vectors decode with exp floored and a lint entry", "[vectors]") {
  for (const auto& v : test::load_vectors("tolerated_tokens.json")) {
    INFO(v.at("name").as_string());
    token::DecodeOptions opt{{}, 0, &capmig::map::MappingTable::builtin()};
    opt.keys.auth_token = test::str(v, "key");
    opt.now = 1700000000;
    auto r = token::decode_token(test::str(v, "token"), opt);
    REQUIRE(r.ok());
    CHECK(r.token->capability->expires_at == 1700503600);
    bool linted = false;
    for (const auto& l : r.token->lint) linted |= l.code == "exp-string" || l.code == "exp-fractional";
    CHECK(linted);
  }
}
