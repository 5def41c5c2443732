// The JavaScript / TypeScript lexer: exact tokens, decoded strings, offsets, comments hiding
// code, templates, regex-versus-division, and robustness on garbage.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

// "i:const", "s:'twilio'", "p:(" ... one entry per token.
std::vector<std::string> texts(std::string_view src, bool ts = false) {
  return lextest::texts(src, lex_javascript(src, ts));
}

std::vector<Token> toks(std::string_view src, bool ts = false) { return lex_javascript(src, ts).tokens; }

// The first string token's decoded value.
std::string str(std::string_view src) {
  for (const Token& t : toks(src))
    if (t.kind == TokKind::string) return t.value;
  return "<no string>";
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("js: Twilio ClientCapability code tokenizes exactly", "[lex]") {
  const std::string_view src =
      "const ClientCapability = require('twilio').jwt.ClientCapability;\n"
      "const capability = new ClientCapability({ accountSid: process.env.TWILIO_ACCOUNT_SID, "
      "authToken: `${authToken}`, ttl: 600 });\n";
  const auto r = lex_javascript(src, false);
  CHECK(texts(src) == V{"i:const",
                        "i:ClientCapability",
                        "p:=",
                        "i:require",
                        "p:(",
                        "s:'twilio'",
                        "p:)",
                        "p:.",
                        "i:jwt",
                        "p:.",
                        "i:ClientCapability",
                        "p:;",
                        "i:const",
                        "i:capability",
                        "p:=",
                        "i:new",
                        "i:ClientCapability",
                        "p:(",
                        "p:{",
                        "i:accountSid",
                        "p::",
                        "i:process",
                        "p:.",
                        "i:env",
                        "p:.",
                        "i:TWILIO_ACCOUNT_SID",
                        "p:,",
                        "i:authToken",
                        "p::",
                        "s:`${authToken}`",
                        "p:,",
                        "i:ttl",
                        "p::",
                        "n:600",
                        "p:}",
                        "p:)",
                        "p:;"});
  REQUIRE(r.tokens.size() == 37);
  // Offsets are exact byte positions, quotes included.
  CHECK(r.tokens[5].begin == 33);
  CHECK(r.tokens[5].end == 41);
  CHECK(r.tokens[5].value == "twilio");
  CHECK_FALSE(r.tokens[5].interpolated);
  const Token& tpl = r.tokens[29];
  CHECK(tpl.value == "{\xE2\x80\xA6}");
  CHECK(tpl.interpolated);
  // newline_before only on the first token of the second line.
  CHECK_FALSE(r.tokens[0].newline_before);
  CHECK(r.tokens[12].newline_before);
  CHECK_FALSE(r.tokens[13].newline_before);
  CHECK(r.comments.empty());
}

TEST_CASE("js: scopes, chained legacy Capability and comments that hide code", "[lex]") {
  const std::string_view src =
      "capability.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: 'AP123', "
      "clientName: 'alice', params: { foo: 'bar' } }));\n"
      "// capability.addScope(new ClientCapability.IncomingClientScope('bob'));\n"
      "const token = twilio.Capability(sid, tok).allowClientIncoming(name).generate(600);\n";
  const auto r = lex_javascript(src, false);
  for (const Token& t : r.tokens) {
    CHECK(t.text(src) != "IncomingClientScope");
    CHECK(t.value != "bob");
  }
  REQUIRE(r.comments.size() == 1);
  CHECK(src.substr(r.comments[0].begin, r.comments[0].end - r.comments[0].begin) ==
        "// capability.addScope(new ClientCapability.IncomingClientScope('bob'));");
  // The token after the comment line starts a line.
  std::size_t k = 0;
  while (r.tokens[k].text(src) != "token") ++k;
  CHECK(r.tokens[k - 1].text(src) == "const");
  CHECK(r.tokens[k - 1].newline_before);
  const V all = texts(src);
  REQUIRE(all.size() >= 22);
  CHECK(V(all.end() - 22, all.end()) == V{"i:const",
                                          "i:token",
                                          "p:=",
                                          "i:twilio",
                                          "p:.",
                                          "i:Capability",
                                          "p:(",
                                          "i:sid",
                                          "p:,",
                                          "i:tok",
                                          "p:)",
                                          "p:.",
                                          "i:allowClientIncoming",
                                          "p:(",
                                          "i:name",
                                          "p:)",
                                          "p:.",
                                          "i:generate",
                                          "p:(",
                                          "n:600",
                                          "p:)",
                                          "p:;"});
}

TEST_CASE("js: block comments hide code and carry line breaks", "[lex]") {
  const std::string_view src = "a /* b('c') \n d */ e /* f */ g\n/* h */ i";
  const auto r = lex_javascript(src, false);
  CHECK(texts(src) == V{"i:a", "i:e", "i:g", "i:i"});
  CHECK(r.tokens[1].newline_before);  // the comment holds a line break
  CHECK_FALSE(r.tokens[2].newline_before);
  CHECK(r.tokens[3].newline_before);
  REQUIRE(r.comments.size() == 3);
  CHECK(r.comments[0].begin == 2);
  CHECK(r.comments[0].end == 18);
  // A comment opener inside a string is text; a quote inside a comment is nothing.
  CHECK(texts("x = '/* not */'; // it's\ny") == V{"i:x", "p:=", "s:'/* not */'", "p:;", "i:y"});
  // Unterminated block comment: everything after it is comment.
  const auto u = lex_javascript("a /* b c", false);
  CHECK(u.tokens.size() == 1);
  REQUIRE(u.comments.size() == 1);
  CHECK(u.comments[0].end == 8);
  // Hashbang line is a comment only at the start.
  CHECK(texts("#!/usr/bin/env node\nfoo()") == V{"i:foo", "p:(", "p:)"});
}

TEST_CASE("js: string escapes decode exactly", "[lex]") {
  CHECK(str(R"('a\nb\tc\rd\be\ff\vg')") == "a\nb\tc\rd\be\ff\vg");
  CHECK(str(R"("\0")") == std::string(1, '\0'));
  CHECK(str(R"('\x41\x7a\xe9')") == "Az\xC3\xA9");
  CHECK(str(R"('\u0041\u00e9\u20AC')") == "A\xC3\xA9\xE2\x82\xAC");
  CHECK(str(R"('\u{1F600}\u{41}')") ==
        "\xF0\x9F\x98\x80"
        "A");
  CHECK(str(R"('\uD83D\uDE00')") == "\xF0\x9F\x98\x80");  // surrogate pair
  CHECK(str(R"('\uD83D!')") == "\xEF\xBF\xBD!");          // lone surrogate
  CHECK(str(R"('\'\"\\\`\$')") == "'\"\\`$");
  CHECK(str("'ab\\\ncd'") == "abcd");  // line continuation
  CHECK(str("'ab\\\r\ncd'") == "abcd");
  CHECK(str(R"('\101\60\7')") == "A0\x07");    // legacy octal
  CHECK(str(R"('\q\xZZ\u12')") == "qxZZu12");  // unknown and malformed escapes
  CHECK(str("'caf\xC3\xA9'") == "caf\xC3\xA9");
  // Offsets and the token kind of both quote styles.
  const auto t = toks(R"(x("a'b", 'c"d'))");
  REQUIRE(t.size() == 6);
  CHECK(t[2].begin == 2);
  CHECK(t[2].end == 7);
  CHECK(t[2].value == "a'b");
  CHECK(t[4].value == "c\"d");
}

TEST_CASE("js: an unterminated quote ends at its line", "[lex]") {
  CHECK(texts("x = 'abc\ny = 2") == V{"i:x", "p:=", "s:'abc", "i:y", "p:=", "n:2"});
  CHECK(texts("x = \"abc") == V{"i:x", "p:=", "s:\"abc"});
  CHECK(str("'ab\\") == "ab\\");
}

TEST_CASE("js: template literals", "[lex]") {
  CHECK(str("`plain\\n${'`'}`") == "plain\n{\xE2\x80\xA6}");
  const auto constant = toks("`no interpolation $ {x}`");
  REQUIRE(constant.size() == 1);
  CHECK(constant[0].value == "no interpolation $ {x}");
  CHECK_FALSE(constant[0].interpolated);
  // Nested templates, strings, braces and comments inside `${}` do not end the template.
  const std::string_view src = "t = `a${ `b${c}` + '}' + {d: 1}.d /* } ` */ }e${ x => { return `}` } }f` + g";
  CHECK(texts(src) ==
        V{"i:t", "p:=", "s:`a${ `b${c}` + '}' + {d: 1}.d /* } ` */ }e${ x => { return `}` } }f`", "p:+", "i:g"});
  const auto t = toks(src);
  CHECK(t[2].value == "a{\xE2\x80\xA6}e{\xE2\x80\xA6}f");
  CHECK(t[2].interpolated);
  // Regex inside an interpolation may hold a backtick or brace.
  CHECK(texts("`${ /[`}]/.test(s) }` + 1") == V{"s:`${ /[`}]/.test(s) }`", "p:+", "n:1"});
  // Line breaks are normalised and do not mark the next token.
  const auto m = toks("`a\r\nb\rc`\nz");
  REQUIRE(m.size() == 2);
  CHECK(m[0].value == "a\nb\nc");
  CHECK(m[1].newline_before);
  const auto inner_nl = toks("`${\n a\n}` z");
  REQUIRE(inner_nl.size() == 2);
  CHECK_FALSE(inner_nl[1].newline_before);
  // Unterminated template runs to the end of the file.
  const std::string_view u = "a = `x${ y `z";
  const auto ut = toks(u);
  REQUIRE(ut.size() == 3);
  CHECK(ut[2].end == u.size());
  CHECK(ut[2].value == "x{\xE2\x80\xA6}");
  // Tagged template.
  CHECK(texts("html`<b>${x}</b>`") == V{"i:html", "s:`<b>${x}</b>`"});
}

TEST_CASE("js: the splicing pass puts an interpolation's code in place of its template", "[lex]") {
  auto spliced = [](std::string_view src) {
    const auto r = lex_javascript_interpolations(src, false);
    check_invariants(src, r);
    return texts(src, r);
  };
  CHECK(spliced("f(`<b>${ new C(a, b).g() }</b>`, 1)") == V{"i:f", "p:(", "i:new", "i:C", "p:(", "i:a", "p:,", "i:b",
                                                            "p:)", "p:.", "i:g", "p:(", "p:)", "p:,", "n:1", "p:)"});
  // Braces inside the code are its own; a template with no `${` stays a string; a nested
  // template's code is not spliced (only the outermost level is read).
  CHECK(spliced("`${ {a: 1}.a }` + `k` + `${ `x${y}` }`") ==
        V{"p:{", "i:a", "p::", "n:1", "p:}", "p:.", "i:a", "p:+", "s:`k`", "p:+"});
  // Unterminated: the code read so far, never a token past the end.
  CHECK(spliced("x = `a${ cap.g(") == V{"i:x", "p:=", "i:cap", "p:.", "i:g", "p:("});
}

TEST_CASE("js: regex literals versus division", "[lex]") {
  CHECK(texts("a / b / c") == V{"i:a", "p:/", "i:b", "p:/", "i:c"});
  CHECK(texts("x = /ab+c/gi.test(s)") == V{"i:x", "p:=", "r:/ab+c/gi", "p:.", "i:test", "p:(", "i:s", "p:)"});
  CHECK(texts("return /x/") == V{"i:return", "r:/x/"});
  CHECK(texts("typeof /x/") == V{"i:typeof", "r:/x/"});
  CHECK(texts("f(a) / 2 / 3") == V{"i:f", "p:(", "i:a", "p:)", "p:/", "n:2", "p:/", "n:3"});
  CHECK(texts("a[0] /2/ 3") == V{"i:a", "p:[", "n:0", "p:]", "p:/", "n:2", "p:/", "n:3"});
  CHECK(texts("} /a/ b") == V{"p:}", "p:/", "i:a", "p:/", "i:b"});
  CHECK(texts("600 / 60") == V{"n:600", "p:/", "n:60"});
  CHECK(texts("i++ / 2") == V{"i:i", "p:++", "p:/", "n:2"});
  CHECK(texts("x = [/[/]/, /\\//]") == V{"i:x", "p:=", "p:[", "r:/[/]/", "p:,", "r:/\\//", "p:]"});
  CHECK(texts("s.replace(/'/g, \"\")") == V{"i:s", "p:.", "i:replace", "p:(", "r:/'/g", "p:,", "s:\"\"", "p:)"});
  // A keyword used as a property name divides.
  CHECK(texts("o.return / 2 / 1") == V{"i:o", "p:.", "i:return", "p:/", "n:2", "p:/", "n:1"});
  CHECK(texts("a /= 2") == V{"i:a", "p:/=", "n:2"});
  // A slash that cannot be a regex (nothing closes it on its line) is a punct.
  CHECK(texts("x = / 2\ny") == V{"i:x", "p:=", "p:/", "n:2", "i:y"});
  // A quote inside a regex is not a string.
  CHECK(texts("if (/\"/.test(s)) y = 1") ==
        V{"i:if", "p:(", "r:/\"/", "p:.", "i:test", "p:(", "i:s", "p:)", "p:)", "i:y", "p:=", "n:1"});
}

TEST_CASE("js: numbers, operators, identifiers", "[lex]") {
  CHECK(texts("600 3_600 0x1F 1e3 600n .5 1.5e-3 0b101 0o17 1.") ==
        V{"n:600", "n:3_600", "n:0x1F", "n:1e3", "n:600n", "n:.5", "n:1.5e-3", "n:0b101", "n:0o17", "n:1."});
  CHECK(texts("1..toString() 1.e5") == V{"n:1.", "p:.", "i:toString", "p:(", "p:)", "n:1.e5"});
  CHECK(texts("=> ... ?. ?? === !== == != <= >= && || << >> >>> += **= ?\?= >>>=") ==
        V{"p:=>", "p:...", "p:?.", "p:??", "p:===", "p:!==", "p:==", "p:!=", "p:<=", "p:>=", "p:&&", "p:||", "p:<<",
          "p:>>", "p:>>>", "p:+=", "p:**=", "p:?\?=", "p:>>>="});
  CHECK(texts("a?.5:1") == V{"i:a", "p:?", "n:.5", "p::", "n:1"});
  CHECK(texts("$el _x #priv caf\xC3\xA9 \xE5\x90\x8D\xE5\x89\x8D") ==
        V{"i:$el", "i:_x", "i:#priv", "i:caf\xC3\xA9", "i:\xE5\x90\x8D\xE5\x89\x8D"});
  // Non-breaking space and U+2028 are white space; the latter is a line break.
  const auto t = toks(
      "a\xC2\xA0"
      "b\xE2\x80\xA8"
      "c");
  REQUIRE(t.size() == 3);
  CHECK_FALSE(t[1].newline_before);
  CHECK(t[2].newline_before);
}

TEST_CASE("js: invalid bytes and NULs become puncts", "[lex]") {
  const std::string src(
      "a\xFF"
      "b\0c\xC3",
      6);
  CHECK(texts(src) == V{"i:a", "p:\xFF", "i:b", std::string("p:\0", 3), "i:c", "p:\xC3"});
  CHECK(texts("\xEF\xBB\xBFx") == V{"i:x"});  // byte order mark
}

TEST_CASE("js: TypeScript and JSX", "[lex]") {
  CHECK(texts("const m: Map<string, Array<number>> = new Map();", true) ==
        V{"i:const", "i:m", "p::", "i:Map", "p:<", "i:string", "p:,", "i:Array", "p:<", "i:number", "p:>>",
          "p:=", "i:new", "i:Map", "p:(", "p:)", "p:;"});
  CHECK(texts("x! / 2 / 1", true) == V{"i:x", "p:!", "p:/", "n:2", "p:/", "n:1"});
  // JSX: loose but bounded.
  const std::string_view jsx = "const el = <div className=\"a\">Don't {name}</div>;\nconst y = 1;";
  const auto r = lex_javascript(jsx, false);
  check_well_formed(jsx, r);
  CHECK(texts(jsx).back() == "p:;");
  CHECK(r.tokens.back().begin == jsx.size() - 1);
}

TEST_CASE("js: deep nesting and long lines stay linear", "[lex]") {
  std::string deep;
  for (int k = 0; k < 200000; ++k) deep += "`${";
  const auto start = std::chrono::steady_clock::now();
  auto r = lex_javascript(deep, false);
  REQUIRE(r.tokens.size() == 1);
  CHECK(r.tokens[0].end == deep.size());
  std::string slashes;
  for (int k = 0; k < 200000; ++k) slashes += "(/[";
  r = lex_javascript(slashes, false);
  CHECK(r.tokens.size() == 3 * 200000);
  std::string braces(400000, '{');
  r = lex_javascript("`${" + braces, false);
  CHECK(r.tokens.size() == 1);
  const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(secs < 10.0);
}

TEST_CASE("js: random and truncated input never breaks the token invariants", "[lex]") {
  const std::string snippets[] = {
      "const ClientCapability = require('twilio').jwt.ClientCapability;\nconst c = new "
      "ClientCapability({ accountSid: sid, authToken: `${a}`, ttl: 600 });",
      "capability.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: 'AP123', params: { "
      "foo: 'bar' } })); // x\n/* y */ const t = twilio.Capability(s, t).generate(600);",
      "x = `a${ `b${c}` + '}' /* } */ }` / 2; y = /[/]\\//g; z = '\\u{1F600}\\uD83D\\uDE00\\x41'",
      "#!/usr/bin/env node\nlet a = b\n/re/g.test(c) ? 1e3 : .5 ?? 600n",
      "const el = <A b=\"c\">{`${d}`}</A>; class K { #p = 1; get() { return this.#p / 2 } }",
  };
  const std::string alphabet = "`${}/'\"\\*\n\r[]()abc01 .#?!<>=u\xC3\xA9\xFF";
  GarbageSource g{{std::begin(snippets), std::end(snippets)}, one_char_pieces(alphabet), 64, ""};
  for_each_garbage(12345, 20000, {Garbage::pieces, Garbage::bytes, Garbage::prefix, Garbage::mutated}, g,
                   [](const std::string& buf, int iter) {
                     const bool ts = (iter & 1) != 0;
                     check_well_formed(buf, lex_javascript(buf, ts));
                     if (iter % 4 == 0) check_well_formed(buf, lex_javascript_interpolations(buf, ts));
                   });
}
