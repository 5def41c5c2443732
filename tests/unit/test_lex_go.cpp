// The Go lexer: a capability package's calls, comments that hide code, "…" escapes, `…` raw
// strings over lines, runes, := and friends, and garbage that must never crash it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

std::vector<std::string> render(std::string_view src) { return lextest::render(src, lex_go(src)); }

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("go: a capability built and signed", "[lex]") {
  const std::string_view src =
      "c := twilio.NewCapability(sid, tok) // one hour\n"
      "jwt, err := c.ToJWT()\n";
  CHECK(render(src) == Lines{"id c", "p :=", "id twilio", "p .", "id NewCapability", "p (", "id sid", "p ,", "id tok",
                             "p )", "id jwt", "p ,", "id err", "p :=", "id c", "p .", "id ToJWT", "p (", "p )"});
  const LexResult r = lex_go(src);
  check_invariants(src, r);
  REQUIRE(r.comments.size() == 1);
  CHECK(r.tokens[10].newline_before);
  CHECK_FALSE(r.tokens[11].newline_before);
}

TEST_CASE("go: comments, strings, runes and numbers", "[lex]") {
  CHECK(render("/* c.AllowClientIncoming(x) */ a // b()\n") == Lines{"id a"});
  CHECK(render(R"("a\tb\x41\u00e9\101\q")") == Lines{"s \"a\\tb\\x41\\u00e9\\101\\q\" => a\tbA\xC3\xA9"
                                                     "A\\q"});
  // A raw string spans lines and drops carriage returns; the token after it still follows
  // the line break inside it only when one precedes it outside.
  const LexResult r = lex_go("x := `AP\r\n12` + y");
  REQUIRE(r.tokens.size() == 5);
  CHECK(r.tokens[2].value == "AP\n12");
  CHECK_FALSE(r.tokens[4].newline_before);
  CHECK(render("'\\n' 'é'") == Lines{"s '\\n' => \n", "s 'é' => é"});
  CHECK(render("d := 30 * time.Minute &^ 0x1F_FF <- ch") ==
        Lines{"id d", "p :=", "n 30", "p *", "id time", "p .", "id Minute", "p &^", "n 0x1F_FF", "p <-", "id ch"});
  CHECK(render("\"unterminated\nx") == Lines{"s \"unterminated => unterminated", "id x"});
}

TEST_CASE("go: garbage never crashes and keeps offsets ordered", "[lex]") {
  const std::vector<std::string_view> pieces = {"\"",  "`",    "'",  "\\",   "\\x",
                                                "\\u", "\\U",  "/*", "*/",   "//",
                                                "\n",  "\r\n", " ",  ":=",   "&^",
                                                "1.5", "a",    "é",  "\x80", "\xFF",
                                                "{",   "}",    "(",  ")",    std::string_view("\0", 1)};
  const std::string real =
      "package main\nimport twilio \"example.com/twilio\"\nfunc t() {\n"
      "\tc := twilio.NewCapability(sid, `tok`)\n\tc.AllowClientOutgoing(\"AP\\x31\", map[string]string{\"a\": 'b'})\n"
      "\tjwt, _ := c.SetTTL(30 * time.Minute).ToJWT()\n}\n";
  GarbageSource g{{real}, pieces, 40, ""};
  for_each_garbage(11, 20000, {Garbage::prefix, Garbage::pieces, Garbage::bytes}, g,
                   [](const std::string& src, int) { check_invariants(src, lex_go(src)); });
}
