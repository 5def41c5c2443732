// The Swift lexer: nested comments that hide code, every string form decoded exactly
// (interpolation, multi-line with indentation removed, raw), and garbage that must never
// crash it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

std::vector<std::string> render(std::string_view src) { return lextest::render(src, lex_swift(src)); }

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("swift: the TCDevice example", "[lex]") {
  const std::string_view src =
      "let device = TCDevice(capabilityToken: token, delegate: self)   // legacy client SDK\n"
      "let s = \"Bearer \\(token)\"\n";
  CHECK(render(src) == Lines{"id let", "id device", "p =", "id TCDevice", "p (", "id capabilityToken",
                             "p :", "id token", "p ,", "id delegate", "p :", "id self", "p )", "id let", "id s",
                             "p =", "s \"Bearer \\(token)\" => Bearer {…} [i]"});
  const LexResult r = lex_swift(src);
  check_invariants(src, r);
  REQUIRE(r.tokens.size() == 17);
  CHECK(r.tokens[3].begin == 13);
  CHECK(r.tokens[3].end == 21);
  CHECK(r.tokens[13].newline_before);
  CHECK(r.tokens[16].begin == src.find("\"Bearer"));
  CHECK(r.tokens[16].end == src.size() - 1);
  REQUIRE(r.comments.size() == 1);
  CHECK(r.comments[0].begin == src.find("//"));
  CHECK(r.comments[0].end == src.find('\n'));
}

TEST_CASE("swift: comments hide code, and block comments nest", "[lex]") {
  CHECK(render("// TCDevice(capabilityToken: t)\n/* a /* TCDevice(x) */ still */ b") == Lines{"id b"});
  CHECK(render("/* /* unterminated */ TCDevice(capabilityToken: t)") == Lines{});
  const LexResult r = lex_swift("a /* x\n */ b");
  REQUIRE(r.tokens.size() == 2);
  CHECK(r.tokens[1].newline_before);
}

TEST_CASE("swift: strings, escapes and interpolation", "[lex]") {
  CHECK(render(R"("\0\\\t\n\r\"\'\u{41}\u{1F600}\q\u{zz}")") ==
        Lines{"s "
              R"("\0\\\t\n\r\"\'\u{41}\u{1F600}\q\u{zz}")"
              " => " +
              std::string(1, '\0') + "\\\t\n\r\"'A\xF0\x9F\x98\x80\\q\\u{zz}"});
  CHECK(render(R"x("a \(f("x\(y)", (1 + 2))) b" "\(")")" "\( /* ) */ c )")x") ==
        Lines{R"x(s "a \(f("x\(y)", (1 + 2))) b" => a {…} b [i])x", R"x(s "\(")")" => {…} [i])x",
              R"x(s "\( /* ) */ c )" => {…} [i])x"});
  // "…" stops at a line break.
  CHECK(render("\"abc\nx") == Lines{"s \"abc => abc", "id x"});
}

TEST_CASE("swift: multi-line strings remove the closing line's indentation", "[lex]") {
  const std::string_view src =
      "let m = \"\"\"\n"
      "    Hello \\(name)\n"
      "      \"quoted\" \"\" \\\n"
      "    joined\\n\n"
      "\n"
      "    \"\"\"\n";
  CHECK(render(src) ==
        Lines{"id let", "id m", "p =",
              "s " + std::string(src.substr(8, src.size() - 9)) + " => Hello {…}\n  \"quoted\" \"\" joined\n\n [i]"});
  CHECK(render("\"\"\"\r\n\tA\r\n\t\"\"\"") == Lines{"s \"\"\"\r\n\tA\r\n\t\"\"\" => A"});
  CHECK(render("\"\"\"\n  a\n  b\"\"\"") == Lines{"s \"\"\"\n  a\n  b\"\"\" =>   a\n  b"});
  CHECK(render("\"\"\"\n  abc") == Lines{"s \"\"\"\n  abc =>   abc"});
}

TEST_CASE("swift: raw strings", "[lex]") {
  CHECK(render(R"(#"C:\path\#(x) "quoted" \n\#n"# ##"a"#b"## #"\\"#)") ==
        Lines{R"(s #"C:\path\#(x) "quoted" \n\#n"# => C:\path{…} "quoted" \n)"
              "\n [i]",
              R"(s ##"a"#b"## => a"#b)", R"(s #"\\"# => \\)"});
  // `\#"` is an escaped quote in a #"…"# string, so this one is unterminated.
  CHECK(render(R"(#"\#"# x)") == Lines{R"(s #"\#"# x => "# x)"});
  CHECK(render("#\"\"\"\n  a \\(b) \"\"\"\n  \"\"\"#") ==
        Lines{"s #\"\"\"\n  a \\(b) \"\"\"\n  \"\"\"# => a \\(b) \"\"\""});
  CHECK(render("\"\\(#\"#(\"#)\"") == Lines{"s \"\\(#\"#(\"#)\" => {…} [i]"});
}

TEST_CASE("swift: names, numbers, operators", "[lex]") {
  CHECK(render("`default` $0 $wrapped @objc #selector(f) #if DEBUG ##x") ==
        Lines{"id `default`", "id $0", "id $wrapped", "p @", "id objc", "p #", "id selector", "p (", "id f", "p )",
              "p #", "id if", "id DEBUG", "p #", "p #", "id x"});
  CHECK(render("a ?? b?.c -> d ... e ..< f === g !== h >> i") ==
        Lines{"id a", "p ??", "id b", "p ?.", "id c", "p ->", "id d", "p ...", "id e", "p ..<", "id f", "p ===", "id g",
              "p !==", "id h", "p >", "p >", "id i"});
  CHECK(render("1_000 0x1F 0o17 0b101 1.5e-3 0x1p3 t.0 .5") ==
        Lines{"n 1_000", "n 0x1F", "n 0o17", "n 0b101", "n 1.5e-3", "n 0x1p3", "id t", "p .", "n 0", "p .", "n 5"});
  CHECK(render(std::string_view("let π = \0\xFF", 11)) ==
        Lines{"id let", "id π", "p =", "p " + std::string(1, '\0'), "id \xFF"});
}

TEST_CASE("swift: deep nesting and long lines stay linear and off the stack", "[lex]") {
  std::string nested;
  for (int i = 0; i < 200000; ++i) nested += "\"\\(";
  LexResult r = lex_swift(nested);
  REQUIRE(r.tokens.size() == 1);
  CHECK(r.tokens[0].end == nested.size());

  std::string raw;
  for (int i = 0; i < 200000; ++i) raw += "#\"\"\"\\#(";
  r = lex_swift(raw);
  REQUIRE(r.tokens.size() == 1);

  std::string parens = "\"\\(";
  parens.append(3000000, '(');
  r = lex_swift(parens);
  REQUIRE(r.tokens.size() == 1);

  const std::string hashes(300000, '#');
  r = lex_swift(hashes);
  CHECK(r.tokens.size() == hashes.size());
  r = lex_swift("\"\\(" + hashes);
  CHECK(r.tokens.size() == 1);
}

TEST_CASE("swift: garbage never crashes and keeps offsets ordered", "[lex]") {
  const std::vector<std::string_view> pieces = {
      "\"", "\"\"\"", "#",  "##", "\\(", "\\#(", "(", ")",  "\\",  "\\u{", "}",    "\n",   "\r\n",
      " ",  "/*",     "*/", "//", "`",   "$",    "a", "0x", "1.5", ".",    "\x80", "\xFF", std::string_view("\0", 1)};
  const std::string real =
      "let device = TCDevice(capabilityToken: token, delegate: self) // x\n"
      "let s = \"Bearer \\(token) \\u{41}\" + #\"raw \\#(x)\"# /* /* */ */\n"
      "let m = \"\"\"\n    a \\(f(\"b\\(c)\")) \\\n    \"\"\"";
  GarbageSource g{{real}, pieces, 40, ""};
  for_each_garbage(7, 20000, {Garbage::prefix, Garbage::pieces, Garbage::bytes}, g,
                   [](const std::string& src, int) { check_invariants(src, lex_swift(src)); });
}
