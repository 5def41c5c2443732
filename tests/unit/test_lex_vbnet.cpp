// The VB.NET lexer: a Web Forms page's TwilioCapability, comments (' and REM) that hide code,
// "" inside strings, interpolation, the ` _` continuation, and garbage that must never crash it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

std::vector<std::string> render(std::string_view src) { return lextest::render(src, lex_vbnet(src)); }

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("vbnet: a TwilioCapability in a property getter", "[lex]") {
  const std::string_view src =
      "Dim cap As New TwilioCapability(sid, secret) ' REM: one hour\n"
      "cap.AllowClientIncoming(\"desk\")\n";
  CHECK(render(src) == Lines{"id Dim", "id cap", "id As", "id New", "id TwilioCapability", "p (", "id sid", "p ,",
                             "id secret", "p )", "id cap", "p .", "id AllowClientIncoming", "p (", "s \"desk\" => desk",
                             "p )"});
  const LexResult r = lex_vbnet(src);
  check_invariants(src, r);
  REQUIRE(r.comments.size() == 1);
  CHECK(r.tokens[10].newline_before);
}

TEST_CASE("vbnet: comments, continuation, strings and numbers", "[lex]") {
  CHECK(render("REM cap.GenerateToken()\nrem x\nRemark = 1") == Lines{"id Remark", "p =", "n 1"});
  // ` _` joins the lines: the next token does not follow a line break; `x_` is a name.
  const LexResult r = lex_vbnet("a = f(b, _\n  c) ' x\nd_ = 1");
  REQUIRE(r.tokens.size() == 11);
  CHECK_FALSE(r.tokens[6].newline_before);  // c
  CHECK(r.tokens[8].newline_before);        // d_
  CHECK(render("\"say \"\"hi\"\"\" & \"x\"c") == Lines{"s \"say \"\"hi\"\"\" => say \"hi\"", "p &", "s \"x\"c => x"});
  CHECK(render("$\"AP{sid}-{{x}}\"") == Lines{"s $\"AP{sid}-{{x}}\" => AP{…}-{x} [i]"});
  CHECK(render("x := &HFF + 600L <> 1.5D") == Lines{"id x", "p :=", "n &HFF", "p +", "n 600L", "p <>", "n 1.5D"});
  CHECK(render("\"unterminated") == Lines{"s \"unterminated => unterminated"});
}

TEST_CASE("vbnet: garbage never crashes and keeps offsets ordered", "[lex]") {
  const std::vector<std::string_view> pieces = {
      "\"", "\"\"", "$\"", "{",   "}", "'",   "REM ", " _\n", "_", "\n", "\r\n", " ",
      ":=", "&H",   "&",   "1.5", "a", "New", "\x80", "\xFF", "c", "(",  ")",    std::string_view("\0", 1)};
  const std::string real =
      "Dim cap = New TwilioCapability(accountSid, _\n  authToken) ' x\n"
      "cap.AllowClientOutgoing($\"AP{sid}\", New With {.q = \"a\"\"b\"})\nReturn cap.GenerateToken(600)";
  GarbageSource g{{real}, pieces, 40, ""};
  for_each_garbage(7, 20000, {Garbage::prefix, Garbage::pieces, Garbage::bytes}, g,
                   [](const std::string& src, int) { check_invariants(src, lex_vbnet(src)); });
}
