// The JWT building blocks on their own: base64url, strict JSON, JSON.stringify output, HMAC.
#include <catch2/catch.hpp>

#include <boost/json/parse.hpp>

#include <vector>

#include "analyzer/jwt/base64url.h"
#include "analyzer/jwt/hmac.h"
#include "analyzer/jwt/js_json.h"
#include "analyzer/jwt/strict_json.h"

using namespace capmig::jwt;

TEST_CASE("base64url round-trips and rejects what is not strict", "[jwt]") {
  for (const std::string& s :
       std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar", std::string("\0\xff\xfe", 3)})
    CHECK(base64url_decode(base64url_encode(s)) == s);
  CHECK(base64url_encode("\xfb\xff") == "-_8");
  std::size_t where = 99;
  CHECK_FALSE(base64url_decode("ab+c", &where));
  CHECK(where == 2);
  CHECK_FALSE(base64url_decode("abc="));   // padding
  CHECK_FALSE(base64url_decode("abcde"));  // length 1 mod 4
  CHECK_FALSE(base64url_decode("-_9"));    // non-zero padding bits: non-canonical
  CHECK(base64url_decode("-_8"));
}

TEST_CASE("strict JSON: duplicates, depth, UTF-8, trailing data", "[jwt]") {
  CHECK(parse_strict_object(R"({"a":1,"b":{"c":[1,2]}})", 32));
  auto dup = parse_strict_object(R"({"a":1,"a":2})", 32);
  REQUIRE_FALSE(dup);
  CHECK(dup.error().find("duplicate member name \"a\"") != std::string::npos);
  CHECK_FALSE(parse_strict_object(R"({"x":{"a":1,"a":1}})", 32));
  auto empty_dup = parse_strict_object(R"({"":1,"":2})", 32);  // found by fuzz_strict_json
  REQUIRE_FALSE(empty_dup);
  CHECK(empty_dup.error().find("duplicate member name \"\"") != std::string::npos);
  CHECK(parse_strict_object(R"({"x":{"a":1},"y":{"a":1}})", 32));  // same key in sibling objects is fine
  CHECK_FALSE(parse_strict_object("[1]", 32));
  CHECK_FALSE(parse_strict_object("{} x", 32));
  CHECK_FALSE(parse_strict_object("{\"a\":\"\xff\"}", 32));
  CHECK_FALSE(parse_strict_object("{\"a\":\"\xc0\xaf\"}", 32));  // overlong
  CHECK_FALSE(parse_strict_object(R"({"a":NaN})", 32));
  CHECK_FALSE(parse_strict_object(R"({"a":1,})", 32));
  std::string deep = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
  CHECK_FALSE(parse_strict_object(deep, 32));
}

TEST_CASE("js_stringify writes what JSON.stringify writes", "[jwt]") {
  auto s = [](const char* json) { return js_stringify(boost::json::parse(json)); };
  CHECK(s(R"({"b":1,"a":"x"})") == R"({"b":1,"a":"x"})");                          // insertion order kept
  CHECK(s(R"({"b":1,"10":2,"2":3,"01":4})") == R"({"2":3,"10":2,"b":1,"01":4})");  // array-index keys first
  CHECK(s(R"({"s":"a\"b\\c\n\u0001/é\u2028"})") == "{\"s\":\"a\\\"b\\\\c\\n\\u0001/é\u2028\"}");
  CHECK(s("[1.5,-0.25,1e21]") == "[1.5,-0.25,1e+21]");
}

TEST_CASE("HMAC matches RFC 4231 and compares in constant time", "[jwt]") {
  // RFC 4231 test case 2: 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
  const std::string mac = hmac(HmacAlg::HS256, "Jefe", "what do ya want for nothing?");
  CHECK(base64url_encode(mac) == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM");
  CHECK(hmac(HmacAlg::HS384, "k", "d").size() == 48);
  CHECK(hmac(HmacAlg::HS512, "", "d").size() == 64);
  CHECK(constant_time_equal("abc", "abc"));
  CHECK_FALSE(constant_time_equal("abc", "abd"));
  CHECK_FALSE(constant_time_equal("abc", "ab"));
  CHECK_FALSE(hmac_alg_from_name("hs256"));
  CHECK_FALSE(hmac_alg_from_name("none"));
}
