// The Rust lexer: macro names that read as calls, every string form decoded (cooked, raw,
// byte, C), char literals told apart from lifetimes, nested comments, and garbage that must
// never crash it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

std::vector<std::string> render(std::string_view src) { return lextest::render(src, lex_rust(src)); }

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("rust: a hand-rolled scope built with format!", "[lex]") {
  const std::string_view src =
      "let scope = format!(\"scope:client:incoming?clientName={}\", me); // one scope\n"
      "if a != b { println!(\"{:?}\", !x); }\n";
  CHECK(
      render(src) ==
      Lines{
          "id let",      "id scope", "p =",
          "id format!",  "p (",      "s \"scope:client:incoming?clientName={}\" => scope:client:incoming?clientName={}",
          "p ,",         "id me",    "p )",
          "p ;",         "id if",    "id a",
          "p !=",        "id b",     "p {",
          "id println!", "p (",      "s \"{:?}\" => {:?}",
          "p ,",         "p !",      "id x",
          "p )",         "p ;",      "p }"});
  const LexResult r = lex_rust(src);
  check_invariants(src, r);
  REQUIRE(r.comments.size() == 1);
  CHECK(r.comments[0].begin == src.find("//"));
}

TEST_CASE("rust: strings, raw strings, byte and C strings", "[lex]") {
  CHECK(render("\"a\\n\\u{41}\\x42\\\\\"") == Lines{"s \"a\\n\\u{41}\\x42\\\\\" => a\nAB\\"});
  CHECK(render("\"two\nlines\"") == Lines{"s \"two\nlines\" => two\nlines"});
  CHECK(render("\"cont\\\n      inued\"") == Lines{"s \"cont\\\n      inued\" => continued"});
  CHECK(render("r\"C:\\dir\"") == Lines{"s r\"C:\\dir\" => C:\\dir"});
  CHECK(render("r#\"say \"hi\"\"#") == Lines{"s r#\"say \"hi\"\"# => say \"hi\""});
  CHECK(render("b\"bytes\" br\"raw\" c\"cstr\"") ==
        Lines{"s b\"bytes\" => bytes", "s br\"raw\" => raw", "s c\"cstr\" => cstr"});
  CHECK(render("r#type") == Lines{"id r#type"});
  CHECK(render("\"open") == Lines{"s \"open => open"});
}

TEST_CASE("rust: char literals and lifetimes", "[lex]") {
  CHECK(render("'a' '\\n' b'x' '\\u{e9}'") == Lines{"s 'a' => a", "s '\\n' => \n", "s b'x' => x", "s '\\u{e9}' => é"});
  CHECK(render("fn f<'a>(x: &'a str) -> &'static str") == Lines{"id fn", "id f", "p <", "id 'a", "p >", "p (", "id x",
                                                                "p :", "p &", "id 'a", "id str", "p )", "p ->", "p &",
                                                                "id 'static", "id str"});
  CHECK(render("'outer: loop { break 'outer; }") ==
        Lines{"id 'outer", "p :", "id loop", "p {", "id break", "id 'outer", "p ;", "p }"});
  CHECK(render("'é'") == Lines{"s 'é' => é"});
}

TEST_CASE("rust: comments nest, numbers take suffixes, ranges split", "[lex]") {
  CHECK(render("/* a /* b */ c */ x") == Lines{"id x"});
  CHECK(render("1_000u64 0xff 1.5e3 0..10 a::b") ==
        Lines{"n 1_000u64", "n 0xff", "n 1.5e3", "n 0", "p ..", "n 10", "id a", "p ::", "id b"});
}

TEST_CASE("rust: garbage never crashes and keeps offsets ordered", "[lex]") {
  const std::vector<std::string_view> pieces = {
      "\"", "r#\"", "\"#", "#",  "'", "b'", "\\", "\\u{", "}", "\n",   "\r\n", " ",    "/*",
      "*/", "//",   "!",   "!(", "a", "r",  "0x", "1.5",  ".", "\x80", "\xFF", "\xC3", std::string_view("\0", 1)};
  const std::string real =
      "let s = format!(\"scope:client:outgoing?appSid={}\", app); // x\n"
      "let r = r#\"raw \"q\"\"#; let c = '\\u{41}'; fn f<'a>(x: &'a str) {} /* /* */ */\n"
      "let m = \"a \\\n  b\";";
  GarbageSource g{{real}, pieces, 40, ""};
  for_each_garbage(11, 20000, {Garbage::prefix, Garbage::pieces, Garbage::bytes}, g,
                   [](const std::string& src, int) { check_invariants(src, lex_rust(src)); });
}
