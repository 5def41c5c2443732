// The CoffeeScript lexer: a paren-less capability mint, comments that hide code (`#`, `###`),
// strings decoded (interpolation, block strings), regex told from division, embedded
// JavaScript, `@name`, and garbage that must never crash it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

std::vector<std::string> render(std::string_view src) { return lextest::render(src, lex_coffeescript(src)); }

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("coffeescript: a paren-less capability mint", "[lex]") {
  const std::string_view src =
      "token = (user) ->  # for the browser\n"
      "  cap = new Twilio.Capability @sid, cfg.tok\n"
      "  cap.allowClientIncoming user.name\n";
  CHECK(render(src) == Lines{"id token", "p =",           "p (",     "id user", "p )",
                             "p ->",     "id cap",        "p =",     "id new",  "id Twilio",
                             "p .",      "id Capability", "id @sid", "p ,",     "id cfg",
                             "p .",      "id tok",        "id cap",  "p .",     "id allowClientIncoming",
                             "id user",  "p .",           "id name"});
  const LexResult r = lex_coffeescript(src);
  check_invariants(src, r);
  REQUIRE(r.comments.size() == 1);
  CHECK(r.tokens[6].newline_before);    // cap
  CHECK(!r.tokens[12].newline_before);  // @sid
  CHECK(r.tokens[17].newline_before);
}

TEST_CASE("coffeescript: comments hide code", "[lex]") {
  CHECK(render("# cap.allowClientIncoming 'x'\nx") == Lines{"id x"});
  CHECK(render("###\ncap = new Twilio.Capability a, b\n###\ny") == Lines{"id y"});
  CHECK(render("#### a line of hashes\nz") == Lines{"id z"});
  CHECK(render("### unterminated\nnew Twilio.Capability a, b") == Lines{});
  const LexResult r = lex_coffeescript("a ###\n### b");
  REQUIRE(r.tokens.size() == 2);
  CHECK(r.tokens[1].newline_before);
}

TEST_CASE("coffeescript: strings, block strings and interpolation", "[lex]") {
  CHECK(render(R"('a\'b' "c\n\u0041")") == Lines{"s 'a\\'b' => a'b", "s \"c\\n\\u0041\" => c\nA"});
  CHECK(render(R"x("client:#{name}" 'no #{x}')x") ==
        Lines{"s \"client:#{name}\" => client:{…} [i]", "s 'no #{x}' => no #{x}"});
  // A '}' in a string inside the interpolation does not end it.
  CHECK(render(R"x("a #{f("}")} b")x") == Lines{"s \"a #{f(\"}\")} b\" => a {…} b [i]"});
  CHECK(render("'''\nAC1\n''' x") == Lines{"s '''\nAC1\n''' => \nAC1\n", "id x"});
  CHECK(render("\"\"\"\n#{a}\n\"\"\"") == Lines{"s \"\"\"\n#{a}\n\"\"\" => \n{…}\n [i]"});
  CHECK(render("'open") == Lines{"s 'open => open"});
}

TEST_CASE("coffeescript: regex or division", "[lex]") {
  const auto kinds = [](std::string_view src) {
    std::string out;
    for (const Token& t : lex_coffeescript(src).tokens) out += kind_letter(t.kind);
    return out;
  };
  CHECK(kinds("a / b / c") == "ipipi");
  CHECK(kinds("x = /ab+c/gi") == "ipr");
  CHECK(kinds("s.split /,/") == "ipir");  // an implicit call's argument
  CHECK(kinds("a /= 2") == "ipn");
  CHECK(kinds("return /x/") == "ir");
  CHECK(kinds("f(a)/2") == "ipippn");
  CHECK(kinds("r = ///\n  ^ AC [0-9a-f]{32} # a sid\n///i") == "ipr");
  CHECK(kinds("/[/]/.test s") == "rpii");
}

TEST_CASE("coffeescript: embedded JavaScript, @ and operators", "[lex]") {
  CHECK(render("`var cap = new twilio.Capability(a, b)` x") ==
        Lines{"s `var cap = new twilio.Capability(a, b)` =>  [i]", "id x"});
  CHECK(render("@ @cap?.generate() a ?= b") ==
        Lines{"id @", "id @cap", "p ?.", "id generate", "p (", "p )", "id a", "p ?=", "id b"});
  CHECK(render("f = => a::b") == Lines{"id f", "p =", "p =>", "id a", "p ::", "id b"});
  CHECK(render("$el = 1.5") == Lines{"id $el", "p =", "n 1.5"});
}

TEST_CASE("coffeescript: garbage never crashes and keeps offsets ordered", "[lex]") {
  const std::vector<std::string_view> pieces = {"\"", "\"\"\"", "'",   "'''", "#",   "###", "#{", "}",
                                                "{",  "/",      "///", "`",   "```", "\\",  "@",  "->",
                                                "\n", " ",      "a",   "1",   "[",   "]",   "(",  ")"};
  const std::string real =
      "Twilio = require 'twilio'\n"
      "module.exports = (req, res) ->\n"
      "  cap = new Twilio.Capability process.env.SID, \"#{process.env.TOK}\"\n"
      "  cap.allowClientOutgoing ///AP#{x}///, foo: 'bar' # app\n"
      "  res.send cap.generate()\n";
  GarbageSource g{{real}, pieces, 40, ""};
  for_each_garbage(11, 20000, {Garbage::prefix, Garbage::pieces, Garbage::bytes}, g,
                   [](const std::string& src, int) { check_invariants(src, lex_coffeescript(src)); });
}
