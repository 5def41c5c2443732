// The C# lexer: comments and preprocessor lines that hide code, every string form decoded
// exactly (verbatim, interpolated, raw), and garbage that must never crash it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

std::vector<std::string> render(std::string_view src) { return lextest::render(src, lex_csharp(src)); }

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("csharp: the ClientCapability and TwilioCapability examples", "[lex]") {
  const std::string_view src =
      "var scopes = new HashSet<IScope> { new IncomingClientScope(\"joey\"), new "
      "OutgoingClientScope(appSid, parameters: new Dictionary<string,string>{{\"a\", "
      "$\"b{c}\"}}) };\n"
      "var capability = new ClientCapability(accountSid, authToken, scopes: scopes, "
      "expiration: DateTime.UtcNow.AddSeconds(600));\n"
      "var cap2 = new TwilioCapability(@\"AC\\x\", \"tok\"); cap2.AllowClientOutgoing(appSid, "
      "new { foo = \"bar\" });\n";
  CHECK(render(src) == Lines{"id var",
                             "id scopes",
                             "p =",
                             "id new",
                             "id HashSet",
                             "p <",
                             "id IScope",
                             "p >",
                             "p {",
                             "id new",
                             "id IncomingClientScope",
                             "p (",
                             "s \"joey\" => joey",
                             "p )",
                             "p ,",
                             "id new",
                             "id OutgoingClientScope",
                             "p (",
                             "id appSid",
                             "p ,",
                             "id parameters",
                             "p :",
                             "id new",
                             "id Dictionary",
                             "p <",
                             "id string",
                             "p ,",
                             "id string",
                             "p >",
                             "p {",
                             "p {",
                             "s \"a\" => a",
                             "p ,",
                             "s $\"b{c}\" => b{…} [i]",
                             "p }",
                             "p }",
                             "p )",
                             "p }",
                             "p ;",
                             "id var",
                             "id capability",
                             "p =",
                             "id new",
                             "id ClientCapability",
                             "p (",
                             "id accountSid",
                             "p ,",
                             "id authToken",
                             "p ,",
                             "id scopes",
                             "p :",
                             "id scopes",
                             "p ,",
                             "id expiration",
                             "p :",
                             "id DateTime",
                             "p .",
                             "id UtcNow",
                             "p .",
                             "id AddSeconds",
                             "p (",
                             "n 600",
                             "p )",
                             "p )",
                             "p ;",
                             "id var",
                             "id cap2",
                             "p =",
                             "id new",
                             "id TwilioCapability",
                             "p (",
                             "s @\"AC\\x\" => AC\\x",
                             "p ,",
                             "s \"tok\" => tok",
                             "p )",
                             "p ;",
                             "id cap2",
                             "p .",
                             "id AllowClientOutgoing",
                             "p (",
                             "id appSid",
                             "p ,",
                             "id new",
                             "p {",
                             "id foo",
                             "p =",
                             "s \"bar\" => bar",
                             "p }",
                             "p )",
                             "p ;"});
  const LexResult r = lex_csharp(src);
  check_invariants(src, r);
  REQUIRE(r.tokens.size() == 90);
  CHECK(r.tokens[33].begin == src.find("$\"b{c}\""));
  CHECK(r.tokens[33].end == src.find("$\"b{c}\"") + 7);
  CHECK(r.tokens[39].newline_before);
  CHECK_FALSE(r.tokens[40].newline_before);
  CHECK(r.tokens[71].begin == src.find("@\"AC"));
}

TEST_CASE("csharp: comments and preprocessor lines hide code", "[lex]") {
  const std::string_view src =
      "#region Twilio\n"
      "  #if DEBUG // new TwilioCapability(\"a\")\n"
      "var a = 1; // new TwilioCapability(\"x\")\n"
      "/* cap.AllowClientIncoming(\"y\");\n */\n"
      "#endregion\n"
      "x # y /* unterminated \"z\"";
  CHECK(render(src) == Lines{"id var", "id a", "p =", "n 1", "p ;", "id x", "p #", "id y"});
  const LexResult r = lex_csharp(src);
  check_invariants(src, r);
  REQUIRE(r.comments.size() == 6);
  CHECK(r.comments[0].begin == 0);
  CHECK(r.comments[0].end == 14);
  CHECK(r.comments[1].begin == 17);  // the directive after its indentation, with its comment
  CHECK(r.tokens[5].newline_before);
  // A '#' after a comment on the same line is not a directive.
  CHECK(render("/* */ #if X") == Lines{"p #", "id if", "id X"});
  CHECK(render(std::string_view("\xEF\xBB\xBF#if X\ny", 10)) == Lines{"id y"});
}

TEST_CASE("csharp: regular, verbatim and char literals decode exactly", "[lex]") {
  CHECK(render(R"("\'\"\\\0\a\b\f\n\r\t\v\e\x41\x00e9\u0041\U0001F600\uD83D\uDE00\q")") ==
        Lines{"s "
              R"("\'\"\\\0\a\b\f\n\r\t\v\e\x41\x00e9\u0041\U0001F600\uD83D\uDE00\q")"
              " => '\"\\" +
              std::string(1, '\0') +
              "\a\b\f\n\r\t\v\x1B"
              "A\xC3\xA9"
              "A\xF0\x9F\x98\x80\xF0\x9F\x98\x80\\q"});
  CHECK(render("@\"C:\\p\\\"\"q\"\"\" @\"a\nb\" \"\"") ==
        Lines{"s @\"C:\\p\\\"\"q\"\"\" => C:\\p\\\"q\"", "s @\"a\nb\" => a\nb", "s \"\" => "});
  CHECK(render(R"('a' '\'' '\u0041' '\\' '"')") ==
        Lines{"s 'a' => a", "s '\\'' => '", "s '\\u0041' => A", "s '\\\\' => \\", "s '\"' => \""});
  // "…" stops at a line break; a verbatim string runs to the end of the file.
  CHECK(render("\"abc\nx") == Lines{"s \"abc => abc", "id x"});
  CHECK(render("@\"abc\nx") == Lines{"s @\"abc\nx => abc\nx"});
}

TEST_CASE("csharp: interpolated strings", "[lex]") {
  CHECK(
      render(R"($"Hello {name}, {{literal}} {count,5:N2} {(a ? "x" : "y")} {d:yyyy-MM-dd} {global::X.Y}")") ==
      Lines{
          R"(s $"Hello {name}, {{literal}} {count,5:N2} {(a ? "x" : "y")} {d:yyyy-MM-dd} {global::X.Y}" => Hello {…}, {literal} {…} {…} {…} {…} [i])"});
  CHECK(render(R"($"{dict["}"]}!" $"{'}'}{/* } */ x}")") ==
        Lines{R"(s $"{dict["}"]}!" => {…}! [i])", R"(s $"{'}'}{/* } */ x}" => {…}{…} [i])"});
  CHECK(render(R"($@"C:\{dir}\""x""" @$"{a}" $"{$"{b}"}")") ==
        Lines{R"(s $@"C:\{dir}\""x""" => C:\{…}\"x" [i])", R"(s @$"{a}" => {…} [i])", R"(s $"{$"{b}"}" => {…} [i])"});
  CHECK(render(R"($"no holes {{ \u0041 }}")") == Lines{R"(s $"no holes {{ \u0041 }}" => no holes { A })"});
}

TEST_CASE("csharp: raw string literals", "[lex]") {
  const std::string_view src =
      "var r = \"\"\"\n"
      "    {\"a\": \"b\"}\n"
      "      indented \\n\n"
      "\n"
      "    \"\"\";";
  CHECK(render(src) ==
        Lines{"id var", "id r", "p =",
              std::string("s ") + std::string(src.substr(8, src.size() - 9)) + " => {\"a\": \"b\"}\n  indented \\n\n",
              "p ;"});
  CHECK(render(R"("""He said "hi" """ """"a"""b"""")") ==
        Lines{R"(s """He said "hi" """ => He said "hi" )", R"(s """"a"""b"""" => a"""b)"});
  CHECK(render(R"($$"""{"name": {{name}}}""" $"""x{y}z""")") ==
        Lines{R"(s $$"""{"name": {{name}}}""" => {"name": {…}} [i])", R"(s $"""x{y}z""" => x{…}z [i])"});
  CHECK(render("$\"\"\"\n  {a}\n   b\n  \"\"\"") == Lines{"s $\"\"\"\n  {a}\n   b\n  \"\"\" => {…}\n b [i]"});
  // A single-line raw string cannot hold a line break; a multi-line one runs to the end.
  CHECK(render("\"\"\"abc\nx") == Lines{"s \"\"\"abc => abc", "id x"});
  CHECK(render("\"\"\"\n  abc") == Lines{"s \"\"\"\n  abc =>   abc"});
}

TEST_CASE("csharp: names, numbers, operators", "[lex]") {
  CHECK(render("@class @\"s\" @ 1") == Lines{"id @class", "s @\"s\" => s", "p @", "n 1"});
  CHECK(render("a ?\?= b ?? c?.d => e :: f -> g .. h << i >> j >>= k") ==
        Lines{"id a", "p ?\?=", "id b", "p ??", "id c", "p ?.", "id d", "p =>", "id e", "p ::", "id f", "p ->",
              "id g", "p ..",   "id h", "p <<", "id i", "p >",  "p >",  "id j", "p >",  "p >=", "id k"});
  CHECK(render("a ? .5 : 1 ?.5") == Lines{"id a", "p ?", "n .5", "p :", "n 1", "p ?", "n .5"});
  CHECK(render("1_000 0x1F 600L 1.5m 1e3f 0b1010UL 1e-3") ==
        Lines{"n 1_000", "n 0x1F", "n 600L", "n 1.5m", "n 1e3f", "n 0b1010UL", "n 1e-3"});
  CHECK(render("$ $$\"x\" Ünïcode") == Lines{"p $", "p $", "s $\"x\" => x", "id Ünïcode"});
}

TEST_CASE("csharp: deep nesting and long lines stay linear and off the stack", "[lex]") {
  std::string nested;
  for (int i = 0; i < 200000; ++i) nested += "$\"{";
  LexResult r = lex_csharp(nested);
  REQUIRE(r.tokens.size() == 1);
  CHECK(r.tokens[0].end == nested.size());

  std::string raw;
  for (int i = 0; i < 200000; ++i) raw += "$$\"\"\"{{";
  r = lex_csharp(raw);
  REQUIRE(r.tokens.size() == 1);

  std::string braces = "$\"";
  braces.append(3000000, '{');
  r = lex_csharp(braces);
  REQUIRE(r.tokens.size() == 1);

  std::string hashes(2000000, ' ');
  for (std::size_t i = 0; i < hashes.size(); i += 2) hashes[i] = '#';
  hashes[0] = 'x';  // so no '#' is a directive
  r = lex_csharp(hashes);
  CHECK(r.tokens.size() == 1000000);
  CHECK(r.comments.empty());
}

TEST_CASE("csharp: garbage never crashes and keeps offsets ordered", "[lex]") {
  const std::vector<std::string_view> pieces = {"\"",
                                                "\"\"\"",
                                                "'",
                                                "@",
                                                "$",
                                                "$$",
                                                "{",
                                                "{{",
                                                "}",
                                                "}}",
                                                ":",
                                                "::",
                                                "(",
                                                ")",
                                                "\\",
                                                "\\u",
                                                "\\x",
                                                "\n",
                                                "\r\n",
                                                " ",
                                                "/*",
                                                "*/",
                                                "//",
                                                "#",
                                                "a",
                                                "0x",
                                                "1.5",
                                                ".",
                                                "\x80",
                                                "\xFF",
                                                std::string_view("\0", 1)};
  const std::string real =
      "var scopes = new HashSet<IScope> { new IncomingClientScope(\"joey\"), new "
      "OutgoingClientScope(appSid, parameters: new Dictionary<string,string>{{\"a\", "
      "$\"b{c:N}\"}}) };\n#if X\nvar cap2 = new TwilioCapability(@\"AC\\x\"\"\", \"tok\");\n"
      "var r = $$\"\"\"\n  {\"a\": {{x}}}\n  \"\"\"; var s = $@\"{y}\\\"\"\" + '\\u0041';";
  GarbageSource g{{real}, pieces, 40, ""};
  for_each_garbage(99, 20000, {Garbage::prefix, Garbage::pieces, Garbage::bytes}, g,
                   [](const std::string& src, int) { check_invariants(src, lex_csharp(src)); });
}
