// The Python lexer: exact tokens, every string prefix and escape, f-strings, comments hiding
// code, newline_before, and robustness on garbage.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

// "i:cap", "s:'x'", "p:(" ... one entry per token.
std::vector<std::string> texts(std::string_view src) { return lextest::texts(src, lex_python(src)); }

std::vector<Token> toks(std::string_view src) { return lex_python(src).tokens; }

// The first string token's decoded value.
std::string str(std::string_view src) {
  for (const Token& t : toks(src))
    if (t.kind == TokKind::string) return t.value;
  return "<no string>";
}

using V = std::vector<std::string>;
const std::string kI = "{\xE2\x80\xA6}";

}  // namespace

TEST_CASE("py: Twilio ClientCapabilityToken code tokenizes exactly", "[lex]") {
  const std::string_view src =
      "from twilio.jwt.client import ClientCapabilityToken\n"
      "cap = ClientCapabilityToken(account_sid, auth_token, ttl=600,\n"
      "    allow_client_outgoing={'application_sid': 'AP\xE2\x80\xA6', 'foo': 'bar'})\n"
      "cap.allow_client_incoming(f\"user_{user.id}\")\n"
      "\"\"\"capability.allow_client_incoming('nope')\"\"\"   # a string, not code\n";
  const auto r = lex_python(src);
  CHECK(texts(src) == V{"i:from",
                        "i:twilio",
                        "p:.",
                        "i:jwt",
                        "p:.",
                        "i:client",
                        "i:import",
                        "i:ClientCapabilityToken",
                        "i:cap",
                        "p:=",
                        "i:ClientCapabilityToken",
                        "p:(",
                        "i:account_sid",
                        "p:,",
                        "i:auth_token",
                        "p:,",
                        "i:ttl",
                        "p:=",
                        "n:600",
                        "p:,",
                        "i:allow_client_outgoing",
                        "p:=",
                        "p:{",
                        "s:'application_sid'",
                        "p::",
                        "s:'AP\xE2\x80\xA6'",
                        "p:,",
                        "s:'foo'",
                        "p::",
                        "s:'bar'",
                        "p:}",
                        "p:)",
                        "i:cap",
                        "p:.",
                        "i:allow_client_incoming",
                        "p:(",
                        "s:f\"user_{user.id}\"",
                        "p:)",
                        "s:\"\"\"capability.allow_client_incoming('nope')\"\"\""});
  REQUIRE(r.tokens.size() == 39);
  CHECK(r.tokens[8].newline_before);
  CHECK(r.tokens[20].newline_before);  // inside brackets too: the consumer decides
  CHECK_FALSE(r.tokens[21].newline_before);
  const Token& f = r.tokens[36];
  CHECK(f.value == "user_" + kI);
  CHECK(f.interpolated);
  CHECK(r.tokens[38].value == "capability.allow_client_incoming('nope')");
  CHECK_FALSE(r.tokens[38].interpolated);
  REQUIRE(r.comments.size() == 1);
  CHECK(src.substr(r.comments[0].begin, r.comments[0].end - r.comments[0].begin) == "# a string, not code");
  // Exact offsets of `ttl=600`.
  CHECK(r.tokens[16].begin == 105);
  CHECK(r.tokens[18].begin == 109);
  CHECK(r.tokens[18].end == 112);
}

TEST_CASE("py: comments hide code", "[lex]") {
  const std::string_view src = "a = 1  # cap.allow_client_incoming('x') \"\"\"\nb = '#not a comment'\n# c()\nd";
  const auto r = lex_python(src);
  CHECK(texts(src) == V{"i:a", "p:=", "n:1", "i:b", "p:=", "s:'#not a comment'", "i:d"});
  REQUIRE(r.comments.size() == 2);
  CHECK(r.comments[0].begin == 7);
  CHECK(r.tokens[3].newline_before);
  CHECK(r.tokens[6].newline_before);
}

TEST_CASE("py: string prefixes", "[lex]") {
  CHECK(texts("r'a' b'b' u'c' f'd' rb'e' br'f' fr'g' rf'h' R'i' BR'j' Rb'k' fR'l' U'm' ur'n' t'o'") ==
        V{"s:r'a'", "s:b'b'", "s:u'c'", "s:f'd'", "s:rb'e'", "s:br'f'", "s:fr'g'", "s:rf'h'", "s:R'i'", "s:BR'j'",
          "s:Rb'k'", "s:fR'l'", "s:U'm'", "s:ur'n'", "s:t'o'"});
  // Not prefixes: a name followed by a string.
  CHECK(texts("print'x' bf'y' rr'z'") == V{"i:print", "s:'x'", "i:bf", "s:'y'", "i:rr", "s:'z'"});
}

TEST_CASE("py: escapes, raw strings and bytes decode exactly", "[lex]") {
  CHECK(str(R"('a\nb\tc\\d\'e\"f\a\b\f\v\r')") == "a\nb\tc\\d'e\"f\a\b\f\v\r");
  CHECK(str(R"('\x41\xe9\u20ac\U0001F600')") == "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  CHECK(str(R"('\101\0\351')") == std::string("A\0\xC3\xA9", 4));
  CHECK(str(R"('\N{EM DASH}!')") == "\\N{EM DASH}!");
  CHECK(str(R"('\d\x4')") == "\\d\\x4");         // unknown escapes keep their backslash
  CHECK(str("'ab\\\ncd'") == "abcd");            // continuation inside a string
  CHECK(str(R"(r'\d+\'x')") == R"(\d+\'x)");     // raw: \' does not end it
  CHECK(str(R"(r"C:\new\")") == R"(C:\new\")");  // unterminated raw string ending in \"
  CHECK(str(R"(rb'\x41\'')") == R"(\x41\')");
  CHECK(str(R"(b'\x41\xe9\351\u1234')") == "A\xE9\xE9\\u1234");  // bytes: raw bytes, no \u
  CHECK(str("b'caf\xC3\xA9'") == "caf\xC3\xA9");
  CHECK(str(R"('\ud800')") == "\xEF\xBF\xBD");
}

TEST_CASE("py: triple-quoted strings span lines", "[lex]") {
  const std::string_view src = "x = '''a\r\n'b'\n\"\"\"c''' + \"\"\"d\"\"\"\ny";
  const auto r = lex_python(src);
  CHECK(texts(src) == V{"i:x", "p:=", "s:'''a\r\n'b'\n\"\"\"c'''", "p:+", "s:\"\"\"d\"\"\"", "i:y"});
  CHECK(r.tokens[2].value == "a\n'b'\n\"\"\"c");
  CHECK_FALSE(r.tokens[3].newline_before);
  CHECK(r.tokens[5].newline_before);
  CHECK(str("'''a\"\"\"'''") == "a\"\"\"");
  CHECK(str("''''a'''") == "'a");
  CHECK(str("''''''") == "");
  CHECK(texts("''") == V{"s:''"});
  // Unterminated: triple runs to the end, single stops at its line.
  const std::string_view u = "x = '''abc\ndef";
  const auto ut = toks(u);
  REQUIRE(ut.size() == 3);
  CHECK(ut[2].end == u.size());
  CHECK(ut[2].value == "abc\ndef");
  CHECK(texts("x = 'abc\ny") == V{"i:x", "p:=", "s:'abc", "i:y"});
}

TEST_CASE("py: f-strings", "[lex]") {
  CHECK(str("f'{{literal}}'") == "{literal}");
  CHECK_FALSE(toks("f'{{literal}}'")[0].interpolated);
  CHECK_FALSE(toks("f'plain'")[0].interpolated);
  // Fields with strings, dicts, format specs and nested f-strings (3.12 quote reuse).
  const std::string_view src = "f\"a{d['}']}b{ {'k': 1}['k'] }c{x:>{w}}d{f\"{y!r}\"}e{z=}\" + q";
  CHECK(texts(src) == V{"s:f\"a{d['}']}b{ {'k': 1}['k'] }c{x:>{w}}d{f\"{y!r}\"}e{z=}\"", "p:+", "i:q"});
  CHECK(str(src) == "a" + kI + "b" + kI + "c" + kI + "d" + kI + "e" + kI);
  CHECK(str(R"(f'\t{x}\n')") == "\t" + kI + "\n");
  CHECK(str(R"(rf'\d{x}\{y}')") == "\\d" + kI + "\\" + kI);
  // Triple-quoted f-string with a multi-line field.
  const std::string_view tri = "f'''a{\n  x +\n  1}b'''\nz";
  const auto tt = toks(tri);
  REQUIRE(tt.size() == 2);
  CHECK(tt[0].value == "a" + kI + "b");
  CHECK(tt[1].newline_before);
  // An unclosed field in a single-quoted f-string ends with its line.
  CHECK(texts("x = f'{a\ny = 1") == V{"i:x", "p:=", "s:f'{a", "i:y", "p:=", "n:1"});
  CHECK(texts("x = f'{a:\ny") == V{"i:x", "p:=", "s:f'{a:", "i:y"});
  CHECK(texts("x = f'{a:x'\ny") == V{"i:x", "p:=", "s:f'{a:x'", "i:y"});
}

TEST_CASE("py: numbers, operators, names, continuations", "[lex]") {
  CHECK(texts("600 3_600 0x1F 1e3 .5 1.5e-3 0o17 0b1 1j 10L 1. 1.e5") == V{"n:600", "n:3_600", "n:0x1F", "n:1e3",
                                                                           "n:.5", "n:1.5e-3", "n:0o17", "n:0b1",
                                                                           "n:1j", "n:10L", "n:1.", "n:1.e5"});
  CHECK(texts("** // -> := ... == != <= >= << >> **= //= >>= @= <> @") ==
        V{"p:**", "p://", "p:->", "p::=", "p:...", "p:==", "p:!=", "p:<=", "p:>=", "p:<<", "p:>>",
          "p:**=", "p://=", "p:>>=", "p:@=", "p:<>", "p:@"});
  CHECK(texts("caf\xC3\xA9 = \xCF\x80") == V{"i:caf\xC3\xA9", "p:=", "i:\xCF\x80"});
  // `\` continuation joins lines: no newline_before.
  const auto t = toks("x = 1 + \\\n    2\ny");
  REQUIRE(t.size() == 6);
  CHECK_FALSE(t[4].newline_before);
  CHECK(t[5].newline_before);
  CHECK(texts("a \\ b") == V{"i:a", "p:\\", "i:b"});
  const std::string garbage("a\0\xFF$?", 5);
  CHECK(texts(garbage) == V{"i:a", std::string("p:\0", 3), "p:\xFF", "p:$", "p:?"});
}

TEST_CASE("py: deep nesting stays linear", "[lex]") {
  std::string deep;
  for (int k = 0; k < 200000; ++k) deep += "f'''{";
  const auto start = std::chrono::steady_clock::now();
  auto r = lex_python(deep);
  REQUIRE(r.tokens.size() == 1);
  CHECK(r.tokens[0].end == deep.size());
  r = lex_python("f'{" + std::string(400000, '(') + "'");
  CHECK(r.tokens.size() == 1);
  std::string many = "'";  // one unterminated string full of unclosed \N{
  for (int k = 0; k < 100000; ++k) many += "\\N{ABC ";
  r = lex_python(many);
  CHECK(r.tokens.size() == 1);
  const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(secs < 10.0);
}

TEST_CASE("py: random and truncated input never breaks the token invariants", "[lex]") {
  const std::string snippets[] = {
      "from twilio.jwt.client import ClientCapabilityToken\ncap = ClientCapabilityToken(account_sid, "
      "auth_token, ttl=600, allow_client_outgoing={'application_sid': 'AP1', 'foo': 'bar'})",
      "cap.allow_client_incoming(f\"user_{user.id}\")\n\"\"\"capability.allow_client_incoming('nope')\"\"\"  # c",
      "x = rb'\\x41' + br\"\\'\" + f'''{a:>{w}}{f\"{b!r}\"}''' + '\\N{EM DASH}\\U0001F600\\101'\\\n  + 1",
      "def f(a, *args, **kw) -> int:\n    return a @ b if a else [x for x in y]  # done",
  };
  const std::string alphabet = "'\"{}fFrRbB\\\n\r#:!()[]ab01 .=u\xC3\xA9\xFF";
  GarbageSource g{{std::begin(snippets), std::end(snippets)}, one_char_pieces(alphabet), 64, ""};
  for_each_garbage(4242, 20000, {Garbage::pieces, Garbage::bytes, Garbage::prefix, Garbage::mutated}, g,
                   [](const std::string& buf, int) { check_well_formed(buf, lex_python(buf)); });
}
