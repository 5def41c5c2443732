// capmig trace's matcher on constructs the real scanner finds in small sources and tokens the
// real decoder reads: a literal mismatch rules a construct out, a variable fits any value, the
// most literal evidence wins, a tie is ambiguous, and the tally merges in input order.
#include <catch2/catch.hpp>

#include "analyzer/jwt/base64url.h"
#include "analyzer/jwt/hmac.h"
#include "analyzer/map/table.h"
#include "analyzer/report/trace.h"
#include "analyzer/report/trace_match.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"
#include "analyzer/token/decode.h"

using namespace capmig;
using namespace capmig::report;

namespace {

constexpr const char* kAccount = "AC0123456789abcdef0123456789abcdef";
constexpr const char* kApp = "APa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";

std::vector<TraceConstruct> constructs(std::string_view path, std::string_view src) {
  static const auto rules = scan::load_rules({});
  REQUIRE(rules.ok());
  scan::MatchOptions o;
  o.table = &map::MappingTable::builtin();
  o.now = 1700000000;
  std::vector<TraceConstruct> out;
  for (const auto& f : scan::scan_source(path, src, *rules, o))
    if (f.category == scan::Category::capability_mint) out.push_back(trace_construct(f));
  return out;
}

// A capability token as twilio-python 7 signs it (scope, iss, exp, nbf), decoded for real.
std::string signed_token(std::string_view scope, std::string_view account = kAccount, std::int64_t ttl = 600) {
  const std::string payload = std::string(R"({"scope":")") + std::string(scope) + R"(","iss":")" +
                              std::string(account) + R"(","exp":)" + std::to_string(1700000000 + ttl) +
                              R"(,"nbf":1700000000})";
  const std::string si =
      capmig::jwt::base64url_encode(R"({"alg":"HS256","typ":"JWT"})") + "." + capmig::jwt::base64url_encode(payload);
  return si + "." + capmig::jwt::base64url_encode(capmig::jwt::hmac(capmig::jwt::HmacAlg::HS256, "secret", si));
}

token::DecodeResult decode(const std::string& t) {
  return token::decode_token(t, token::DecodeOptions{{}, 1700000000, &map::MappingTable::builtin()});
}

TokenEvidence evidence(const std::string& t) {
  const auto r = decode(t);
  REQUIRE(r.token);
  REQUIRE(r.token->capability);
  return token_evidence(*r.token->capability);
}

std::string incoming(std::string_view name) { return "scope:client:incoming?clientName=" + std::string(name); }
std::string outgoing(std::string_view app, std::string_view params = "") {
  std::string s = "scope:client:outgoing?appSid=" + std::string(app);
  if (!params.empty()) s += "&appParams=" + std::string(params);
  return s;
}

constexpr const char* kLiteral = R"(from twilio.jwt.client import ClientCapabilityToken
def kiosk():
    t = ClientCapabilityToken('AC0123456789abcdef0123456789abcdef', 'x' * 32, ttl=600)
    t.allow_client_incoming('kiosk')
    t.allow_client_outgoing('APa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1', mode='lobby')
    return t.to_jwt()
)";

constexpr const char* kVariable = R"(import os
from twilio.jwt.client import ClientCapabilityToken
def token_for(user, app):
    t = ClientCapabilityToken(os.environ['SID'], os.environ['TOKEN'], ttl=600)
    t.allow_client_incoming(user)
    t.allow_client_outgoing(app, mode='lobby')
    return t.to_jwt()
)";

}  // namespace

TEST_CASE("trace: every literal of a construct must equal the token", "[trace]") {
  const auto c = constructs("kiosk.py", kLiteral);
  REQUIRE(c.size() == 1);
  CHECK(c[0].location.line == 3);
  const auto fits = evidence(signed_token(incoming("kiosk") + " " + outgoing(kApp, "mode%3Dlobby")));
  REQUIRE(trace_score(c[0], fits));
  CHECK(*trace_score(c[0], fits) == 5);  // account, client, app, params, ttl
  CHECK_FALSE(trace_score(c[0], evidence(signed_token(incoming("kiosk2") + " " + outgoing(kApp, "mode%3Dlobby")))));
  CHECK_FALSE(trace_score(c[0], evidence(signed_token(incoming("kiosk") + " " + outgoing(kApp, "mode%3Dlobby"),
                                                      "ACffffffffffffffffffffffffffffffff"))));
  CHECK_FALSE(trace_score(
      c[0], evidence(signed_token(incoming("kiosk") + " " + outgoing(kApp, "mode%3Dlobby"), kAccount, 900))));
  CHECK_FALSE(trace_score(c[0], evidence(signed_token(incoming("kiosk") + " " + outgoing(kApp, "floor%3D2")))));
  CHECK_FALSE(
      trace_score(c[0], evidence(signed_token(incoming("kiosk") + " " +
                                              outgoing("APb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2", "mode%3Dlobby")))));
  // The outgoing scope may be added under a condition: a token without it still fits.
  CHECK(trace_score(c[0], evidence(signed_token(incoming("kiosk")))));
}

TEST_CASE("trace: a variable fits any value, a scope the code never adds does not", "[trace]") {
  const auto c = constructs("views.py", kVariable);
  REQUIRE(c.size() == 1);
  const auto t =
      evidence(signed_token(incoming("anyone") + " " + outgoing("APb2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2", "mode%3Dx"),
                            "ACffffffffffffffffffffffffffffffff"));
  REQUIRE(trace_score(c[0], t));
  CHECK(*trace_score(c[0], t) == 2);  // params keys and ttl: the rest is run-time
  const auto only_out = constructs("out.py", R"(from twilio.jwt.client import ClientCapabilityToken
def f(app):
    t = ClientCapabilityToken('AC0123456789abcdef0123456789abcdef', 'x' * 32)
    t.allow_client_outgoing(app)
    return t.to_jwt()
)");
  REQUIRE(only_out.size() == 1);
  CHECK_FALSE(trace_score(only_out[0], evidence(signed_token(incoming("a") + " " + outgoing(kApp), kAccount, 3600))));
  CHECK(trace_score(only_out[0], evidence(signed_token(outgoing(kApp), kAccount, 3600))));  // ttl: the library default
  CHECK_FALSE(trace_score(only_out[0], evidence(signed_token(outgoing(kApp), kAccount, 600))));
}

TEST_CASE("trace: the most literal evidence wins, a tie is ambiguous and names every candidate", "[trace]") {
  auto c = constructs("kiosk.py", kLiteral);
  const auto v = constructs("views.py", kVariable);
  c.insert(c.end(), v.begin(), v.end());
  const auto kiosk = evidence(signed_token(incoming("kiosk") + " " + outgoing(kApp, "mode%3Dlobby")));
  auto m = trace_match(c, kiosk);
  REQUIRE(m.candidates == std::vector<std::size_t>{0});
  CHECK_FALSE(m.ambiguous());
  m = trace_match(c, evidence(signed_token(incoming("bob") + " " + outgoing(kApp, "mode%3Dlobby"))));
  CHECK(m.candidates == std::vector<std::size_t>{1});
  // The same code in two services: both fit equally.
  c.push_back(c[1]);
  c.back().path = "other/views.py";
  m = trace_match(c, evidence(signed_token(incoming("bob") + " " + outgoing(kApp, "mode%3Dlobby"))));
  CHECK(m.ambiguous());
  CHECK(m.candidates == std::vector<std::size_t>{1, 2});
  CHECK(trace_match(c, evidence(signed_token(incoming("bob"), kAccount, 60))).candidates.empty());
}

TEST_CASE("trace: the tally groups tokens and merges in input order", "[trace]") {
  auto c = constructs("kiosk.py", kLiteral);
  const std::string kiosk = signed_token(incoming("kiosk") + " " + outgoing(kApp, "mode%3Dlobby"));
  const std::string stranger = signed_token(incoming("zed"), "ACffffffffffffffffffffffffffffffff");
  TokenTrace a, b;
  a.add(decode(kiosk), kiosk, "app.log:1", c);
  a.add(decode(stranger), stranger, "app.log:2", c);
  b.add(decode(kiosk), kiosk, "app.log:9", c);
  b.add(decode("not.a.jwt"), "not.a.jwt", "app.log:10", c);
  a.merge(b);
  CHECK(a.capability == 3);
  CHECK(a.malformed == 1);
  REQUIRE(a.live.count(0));
  CHECK(a.live[0].tokens == 2);
  CHECK(a.live[0].first == "app.log:1");
  CHECK(a.live[0].last == "app.log:9");
  CHECK(a.live[0].last_expires == 1700000600);
  CHECK(a.live[0].last_fingerprint == token_fingerprint(kiosk));
  CHECK(a.live[0].last_fingerprint.size() == 16);
  CHECK(kiosk.find(a.live[0].last_fingerprint.substr(4)) == std::string::npos);
  REQUIRE(a.unexplained.size() == 1);
  CHECK(a.unexplained.begin()->first == TraceGroupKey{"ACffffffffffffffffffffffffffffffff", "", "zed"});
}
