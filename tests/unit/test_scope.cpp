// The scope grammar with every library's escaping (TOKENS.md §1.3 real strings), and the
// mapping edge rules of §5.
#include <catch2/catch.hpp>

#include "analyzer/map/table.h"
#include "analyzer/token/capability.h"
#include "analyzer/token/extract.h"
#include "analyzer/token/form_decode.h"

using namespace capmig;

namespace {
token::CapabilityToken parse(const char* scope) {
  token::CapabilityToken cap;
  std::vector<token::LintEntry> lint;
  token::parse_scope_claim(scope, cap, lint);
  return cap;
}
const token::OrderedParams kFooBarBaz = {{"foo", "bar baz"}};
}  // namespace

TEST_CASE("every library's real scope string decodes to the same meaning", "[scope]") {
  const char* scopes[] = {
      // node 6.2.0, node 2.11.1, python, ruby 7, php 8, java 12, java 6, C# 5
      "scope:client:incoming?clientName=alice "
      "scope:client:outgoing?appSid=AP123&clientName=alice&appParams=foo%3Dbar%2520baz "
      "scope:stream:subscribe?path=/2010-04-01/Events&appParams=k%3Dv%252Fw",
      "scope:client:incoming?clientName=alice scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params= "
      "scope:client:outgoing?appSid=AP123&appParams=foo%3Dbar%2520baz&clientName=alice",
      "scope:client:incoming?clientName=alice "
      "scope:client:outgoing?appParams=foo%3Dbar%2Bbaz&appSid=AP123&clientName=alice "
      "scope:stream:subscribe?params=k%3Dv%252Fw&path=%2F2010-04-01%2FEvents",
      "scope:client:incoming?clientName=alice "
      "scope:client:outgoing?appSid=AP123&clientName=alice&appParams=foo%3Dbar+baz "
      "scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=k%3Dv%2Fw",
      "scope:client:incoming?clientName=alice "
      "scope:client:outgoing?appSid=AP123&appParams=foo%3Dbar%2Bbaz&clientName=alice "
      "scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=k%3Dv%252Fw",
      "scope:client:incoming?clientName=alice "
      "scope:client:outgoing?appSid=AP123&clientName=alice&appParams=foo%3Dbar%2Bbaz "
      "scope:stream:subscribe?path=/2010-04-01/Events&appParams=k%3Dv%252Fw",
      "scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=k%3Dv%252Fw scope:client:incoming?clientName=alice "
      "scope:client:outgoing?clientName=alice&appSid=AP123&appParams=foo%3Dbar%2Bbaz",
      "scope:client:incoming?clientName=alice "
      "scope:client:outgoing?appSid=AP123&clientName=alice&appParams=foo%3Dbar%2Bbaz "
      "scope:stream:subscribe?path=/2010-04-01/Events&appParams=k%3Dv%252Fw",
  };
  for (const char* s : scopes) {
    INFO(s);
    auto cap = parse(s);
    REQUIRE(cap.incoming);
    CHECK(cap.incoming->client_name == "alice");
    REQUIRE(cap.outgoing);
    CHECK(cap.outgoing->application_sid == "AP123");
    CHECK(cap.outgoing->client_name == std::optional<std::string>("alice"));
    CHECK(cap.outgoing->params == kFooBarBaz);
    REQUIRE(cap.event_stream);
    CHECK(cap.event_stream->path == "/2010-04-01/Events");
    CHECK(cap.unknown_scopes.empty());
  }
}

TEST_CASE("lossy library encodings: ruby 5.0-5.6.3 raw '&', ruby 4 Hash filters, C# Twilio.Client", "[scope]") {
  auto ruby5 = parse(
      "scope:client:outgoing?appSid=AP1&appParams=a%3Dx%2By&b%3D1 "
      "scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=k%3Dv&m%3Dn");
  REQUIRE(ruby5.outgoing);
  CHECK(ruby5.outgoing->params == token::OrderedParams{{"a", "x y"}, {"b", "1"}});  // '+' is lost, as documented
  CHECK(ruby5.event_stream->params == token::OrderedParams{{"k", "v"}, {"m", "n"}});

  token::CapabilityToken ruby4;
  std::vector<token::LintEntry> lint;
  token::parse_scope_claim("scope:stream:subscribe?path=%2F2010-04-01%2FEvents&params=%7B%22k%22%3D%3E%22v%2Fw%22%7D",
                           ruby4, lint);
  CHECK(ruby4.event_stream->params.empty());
  REQUIRE(lint.size() == 1);
  CHECK(lint[0].code == "params-ruby-hash");

  auto cs = parse(
      "scope:client:incoming?clientName=alice "
      "scope:client:outgoing?appSid=AP123&appParams=foo%3dbar+baz&clientName=alice");
  CHECK(cs.outgoing->params == kFooBarBaz);
}

TEST_CASE("unknown scopes, repeated params, several incoming scopes", "[scope]") {
  auto cap = parse(
      "scope:client:incoming?clientName=a scope:client:incoming?clientName=b scope:video:join?room=x garbage "
      "scope:client:outgoing?appSid=AP1&appParams=tag%3Dred%26tag%3Dblue%26mode%3Dx");
  CHECK(cap.incoming->client_name == "a");
  CHECK(cap.more_incoming_names == std::vector<std::string>{"b"});
  CHECK(cap.unknown_scopes == std::vector<std::string>{"scope:video:join?room=x", "garbage"});
  CHECK(cap.outgoing->params == token::OrderedParams{{"tag", "blue"}, {"mode", "x"}});
  CHECK(cap.diagnostics == std::vector<std::string>{"param-repeated"});

  cap.account_sid = "AC1";
  cap.expires_at = 100;
  cap.issued_at = 0;
  auto m = map::MappingTable::builtin().apply(token::capability_parameters(cap, 50));
  CHECK(m.identity_value() == std::optional<std::string>("a"));
  CHECK(m.diagnostics == std::vector<std::string>{"identity-conflict", "param-repeated", "scope-unknown"});
}

TEST_CASE("form decoding keeps malformed escapes and replaces invalid UTF-8", "[scope]") {
  bool lossy = false;
  CHECK(token::form_unescape("a%2", &lossy) == "a%2");
  CHECK(token::form_unescape("%zz+%41") == "%zz A");
  CHECK(token::form_unescape("%FF", &lossy) == "\xEF\xBF\xBD");
  CHECK(lossy);
  bool repeated = false;
  CHECK(token::parse_form("a=1&&b&a=2", &repeated) == token::OrderedParams{{"a", "2"}, {"b", ""}});
  CHECK(repeated);
}

TEST_CASE("token::find_jwts pulls tokens out of logs and JSON", "[extract]") {
  const std::string text =
      "x token=eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJBQyJ9.c2ln&y=1 \"eyJa.eyJb.\" aeyJx.eyJy.z eyJonly.notjwt.x";
  auto found = token::find_jwts(text);
  REQUIRE(found.size() == 2);
  CHECK(found[0].text == "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJBQyJ9.c2ln");
  CHECK(found[1].text == "eyJa.eyJb.");
}
