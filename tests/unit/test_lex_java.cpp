// The Java/Kotlin lexer: comments that hide code, every string form decoded exactly (text
// blocks as javac strips them, Kotlin templates and raw strings), and garbage that must never
// crash it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

std::vector<std::string> render(std::string_view src, bool kotlin) {
  return lextest::render(src, lex_java(src, kotlin));
}
std::vector<std::string> java(std::string_view src) { return render(src, false); }
std::vector<std::string> kotlin(std::string_view src) { return render(src, true); }

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("java: the ClientCapability builder example", "[lex]") {
  const std::string_view src =
      "ClientCapability capability = new ClientCapability.Builder(ACCOUNT_SID, AUTH_TOKEN)\n"
      "    .scopes(Lists.newArrayList(new IncomingClientScope(\"alice\"),\n"
      "            new OutgoingClientScope.Builder(APP_SID).clientName(\"alice\").params(params).build()))\n"
      "    .ttl(600).build();\n"
      "String jwt = capability.toJwt();\n";
  CHECK(java(src) == Lines{"id ClientCapability",
                           "id capability",
                           "p =",
                           "id new",
                           "id ClientCapability",
                           "p .",
                           "id Builder",
                           "p (",
                           "id ACCOUNT_SID",
                           "p ,",
                           "id AUTH_TOKEN",
                           "p )",
                           "p .",
                           "id scopes",
                           "p (",
                           "id Lists",
                           "p .",
                           "id newArrayList",
                           "p (",
                           "id new",
                           "id IncomingClientScope",
                           "p (",
                           "s \"alice\" => alice",
                           "p )",
                           "p ,",
                           "id new",
                           "id OutgoingClientScope",
                           "p .",
                           "id Builder",
                           "p (",
                           "id APP_SID",
                           "p )",
                           "p .",
                           "id clientName",
                           "p (",
                           "s \"alice\" => alice",
                           "p )",
                           "p .",
                           "id params",
                           "p (",
                           "id params",
                           "p )",
                           "p .",
                           "id build",
                           "p (",
                           "p )",
                           "p )",
                           "p )",
                           "p .",
                           "id ttl",
                           "p (",
                           "n 600",
                           "p )",
                           "p .",
                           "id build",
                           "p (",
                           "p )",
                           "p ;",
                           "id String",
                           "id jwt",
                           "p =",
                           "id capability",
                           "p .",
                           "id toJwt",
                           "p (",
                           "p )",
                           "p ;"});
  const LexResult r = lex_java(src, false);
  check_invariants(src, r);
  REQUIRE(r.tokens.size() == 67);
  CHECK(r.tokens[12].begin == src.find(".scopes"));
  CHECK(r.tokens[12].newline_before);
  CHECK_FALSE(r.tokens[13].newline_before);
  CHECK(r.tokens[22].begin == src.find("\"alice\""));
  CHECK(r.tokens[22].end == src.find("\"alice\"") + 7);
  CHECK(r.tokens[51].begin == src.find("600"));
}

TEST_CASE("java: comments hide code", "[lex]") {
  CHECK(java("// new ClientCapability.Builder(\"x\")\n/* IncomingClientScope(\"y\")\n */ a") == Lines{"id a"});
  CHECK(java("/** @deprecated */ b /* unterminated \"c\"") == Lines{"id b"});
  // Java block comments do not nest; Kotlin ones do.
  CHECK(java("/* /* */ x */") == Lines{"id x", "p *", "p /"});
  CHECK(kotlin("/* a /* b */ c */ x") == Lines{"id x"});
  CHECK(kotlin("/* /* unterminated */ x") == Lines{});
  const LexResult r = lex_java("a /* one\ntwo */ b // c\nd", false);
  REQUIRE(r.tokens.size() == 3);
  CHECK(r.tokens[1].newline_before);
  CHECK(r.tokens[2].newline_before);
  REQUIRE(r.comments.size() == 2);
  CHECK(r.comments[0].begin == 2);
  CHECK(r.comments[0].end == 15);
  CHECK(r.comments[1].begin == 18);
  CHECK(r.comments[1].end == 22);
}

TEST_CASE("java: strings and chars decode exactly", "[lex]") {
  CHECK(java(R"("a\n\t\b\f\r\s\"\'\\\101\0\377\u0041\uuu00e9\uD83D\uDE00\q\uD800x")") ==
        Lines{"s "
              R"("a\n\t\b\f\r\s\"\'\\\101\0\377\u0041\uuu00e9\uD83D\uDE00\q\uD800x")"
              " => a\n\t\b\f\r \"'\\A" +
              std::string(1, '\0') +
              "\xC3\xBF"
              "A\xC3\xA9\xF0\x9F\x98\x80\\q\xEF\xBF\xBDx"});
  CHECK(java(R"('a' '\n' '\'' '\u0041' '"')") ==
        Lines{"s 'a' => a", "s '\\n' => \n", "s '\\'' => '", "s '\\u0041' => A", "s '\"' => \""});
  // Spring's @Value("${…}") is a constant in Java.
  CHECK(java(R"(@Value("${twilio.sid}") String sid;)") ==
        Lines{"p @", "id Value", "p (", "s \"${twilio.sid}\" => ${twilio.sid}", "p )", "id String", "id sid", "p ;"});
  // "…" cannot span lines: unterminated, it stops at the line break.
  const std::string_view src = "\"abc\nx";
  const LexResult r = lex_java(src, false);
  REQUIRE(r.tokens.size() == 2);
  CHECK(r.tokens[0].end == 4);
  CHECK(r.tokens[0].value == "abc");
  CHECK(r.tokens[1].newline_before);
}

TEST_CASE("java: text blocks strip incidental indentation like javac", "[lex]") {
  const std::string_view src =
      "String s = \"\"\"\n"
      "    Hello,\n"
      "      World!   \n"
      "\n"
      "    \\\"\"\"quoted\\\"\"\" \\\n"
      "    joined\\s\n"
      "    \"\"\";";
  const LexResult r = lex_java(src, false);
  REQUIRE(r.tokens.size() == 5);
  CHECK(r.tokens[3].kind == TokKind::string);
  CHECK(r.tokens[3].text(src) == src.substr(11, src.size() - 12));
  CHECK(r.tokens[3].value == "Hello,\n  World!\n\n\"\"\"quoted\"\"\" joined \n");
  CHECK(java("\"\"\"\n  a\n    b\"\"\"") == Lines{"s \"\"\"\n  a\n    b\"\"\" => a\n  b"});
  CHECK(java("\"\"\"\r\n\t\tx\r\n\t\t\"\"\"") == Lines{"s \"\"\"\r\n\t\tx\r\n\t\t\"\"\" => x\n"});
  CHECK(java("\"\"\"\n    a\n  \"\"\"") == Lines{"s \"\"\"\n    a\n  \"\"\" =>   a\n"});
  // Groovy: a triple-quoted string on one line, and ''' strings.
  CHECK(java("\"\"\"one\"\"\" '''two\n2''' 'three'") ==
        Lines{"s \"\"\"one\"\"\" => one", "s '''two\n2''' => two\n2", "s 'three' => three"});
  // Unterminated: to the end of the file.
  CHECK(java("\"\"\"\n  abc") == Lines{"s \"\"\"\n  abc => abc"});
}

TEST_CASE("java: annotations, numbers, operators, names", "[lex]") {
  CHECK(java("@Override @interface") == Lines{"p @", "id Override", "p @", "id interface"});
  CHECK(java("600L 0x1F 1_000 1.5e-3 .5f 0b1010 1e10d 0x1.8p3 1.f") == Lines{"n 600L", "n 0x1F", "n 1_000", "n 1.5e-3",
                                                                             "n .5f", "n 0b1010", "n 1e10d",
                                                                             "n 0x1.8p3", "n 1", "p .", "id f"});
  CHECK(java("a -> b :: c >>= d >>> e != f ... g") == Lines{"id a", "p ->", "id b", "p ::", "id c", "p >",
                                                            "p >=", "id d", "p >", "p >", "p >", "id e", "p !=", "id f",
                                                            "p ...", "id g"});
  CHECK(java("Map<String, List<String>> m = new HashMap<>();") ==
        Lines{"id Map", "p <", "id String", "p ,", "id List", "p <", "id String", "p >", "p >", "id m", "p =", "id new",
              "id HashMap", "p <", "p >", "p (", "p )", "p ;"});
  CHECK(java("foo$bar $x café") == Lines{"id foo$bar", "id $x", "id café"});
  CHECK(java(std::string_view("\xEF\xBB\xBFpackage a;\0#", 15)) ==
        Lines{"id package", "id a", "p ;", "p " + std::string(1, '\0'), "p #"});
}

TEST_CASE("kotlin: the ClientCapability builder and string templates", "[lex]") {
  const std::string_view src =
      "val capability = ClientCapability.Builder(accountSid, authToken)\n"
      "    .scopes(listOf(IncomingClientScope(\"$user\")))\n"
      "    .build()  // .ttl(600)\n"
      "val jwt = capability?.toJwt()!!";
  CHECK(kotlin(src) == Lines{"id val",
                             "id capability",
                             "p =",
                             "id ClientCapability",
                             "p .",
                             "id Builder",
                             "p (",
                             "id accountSid",
                             "p ,",
                             "id authToken",
                             "p )",
                             "p .",
                             "id scopes",
                             "p (",
                             "id listOf",
                             "p (",
                             "id IncomingClientScope",
                             "p (",
                             "s \"$user\" => {…} [i]",
                             "p )",
                             "p )",
                             "p )",
                             "p .",
                             "id build",
                             "p (",
                             "p )",
                             "id val",
                             "id jwt",
                             "p =",
                             "id capability",
                             "p ?.",
                             "id toJwt",
                             "p (",
                             "p )",
                             "p !!"});
  CHECK(kotlin(R"("Hi $name, ${user.id} $ 5 \$x ${"nested ${"deep"}"} $1")") ==
        Lines{R"(s "Hi $name, ${user.id} $ 5 \$x ${"nested ${"deep"}"} $1" => Hi {…}, {…} $ 5 $x {…} $1 [i])"});
  CHECK(kotlin(R"("${list.map { "<$it>" }.joinToString { '}'.toString() }}!" x)") ==
        Lines{R"(s "${list.map { "<$it>" }.joinToString { '}'.toString() }}!" => {…}! [i])", "id x"});
  CHECK(kotlin(R"("a\tb\u0041\$\q" '$' '\u00e9')") == Lines{"s "
                                                            R"("a\tb\u0041\$\q")"
                                                            " => a\tbA$\\q",
                                                            "s '$' => $", "s '\\u00e9' => é"});
  // Kotlin has no octal or \s escapes.
  CHECK(kotlin(R"("\101\s")") == Lines{R"(s "\101\s" => \101\s)"});
}

TEST_CASE("kotlin: raw strings, backticks, operators", "[lex]") {
  CHECK(kotlin("\"\"\"C:\\path\n  $x ${y}\"\"\"\"") ==
        Lines{"s \"\"\"C:\\path\n  $x ${y}\"\"\"\" => C:\\path\n  {…} {…}\" [i]"});
  CHECK(kotlin("\"\"\"${'$'}9.99\"\"\"") == Lines{"s \"\"\"${'$'}9.99\"\"\" => {…}9.99 [i]"});
  CHECK(kotlin("fun `my test`() = `is`") == Lines{"id fun", "id `my test`", "p (", "p )", "p =", "id `is`"});
  CHECK(kotlin("a?.b ?: c!!.d..e::f -> g ..< h === i !== j 1..10 $k") ==
        Lines{"id a", "p ?.",  "id b", "p ?:",  "id c", "p !!",  "p .",  "id d", "p ..", "id e", "p ::", "id f", "p ->",
              "id g", "p ..<", "id h", "p ===", "id i", "p !==", "id j", "n 1",  "p ..", "n 10", "p $",  "id k"});
  CHECK(kotlin("600L 0xFFu 1_000UL 1.0f") == Lines{"n 600L", "n 0xFFu", "n 1_000UL", "n 1.0f"});
}

TEST_CASE("java/kotlin: deep nesting and long lines stay linear and off the stack", "[lex]") {
  std::string nested;
  for (int i = 0; i < 200000; ++i) nested += "\"${";
  LexResult r = lex_java(nested, true);
  REQUIRE(r.tokens.size() == 1);
  CHECK(r.tokens[0].end == nested.size());

  std::string raw;
  for (int i = 0; i < 200000; ++i) raw += "\"\"\"${";
  r = lex_java(raw, true);
  REQUIRE(r.tokens.size() == 1);

  std::string braces = "\"";
  for (int i = 0; i < 1000000; ++i) braces += "${";
  r = lex_java(braces, true);
  REQUIRE(r.tokens.size() == 1);
  r = lex_java(braces, false);
  check_invariants(braces, r);

  std::string comments;
  for (int i = 0; i < 1000000; ++i) comments += "/*";
  r = lex_java(comments, true);
  CHECK(r.tokens.empty());
}

TEST_CASE("java/kotlin: garbage never crashes and keeps offsets ordered", "[lex]") {
  const std::vector<std::string_view> pieces = {
      "\"", "\"\"\"", "'",   "'''", "${",      "$x",   "$",
      "}",  "{",      "\\",  "\\u", "\\uD83D", "\n",   "\r\n",
      " ",  "/*",     "*/",  "//",  "`",       "@",    "->",
      "a",  "0x",     "1.5", ".",   "\x80",    "\xFF", std::string_view("\0", 1)};
  const std::string real =
      "ClientCapability capability = new ClientCapability.Builder(ACCOUNT_SID, AUTH_TOKEN)\n"
      "    .scopes(Lists.newArrayList(new IncomingClientScope(\"alice\"), // x\n"
      "    \"\"\"\n      a ${b} \\\"\"\" \\\n    \"\"\" + \"${c(\"d\")}\\u0041\" + '\\n'\n"
      "/* /* */ */ `x y` \"\"\"$z\"\"\"\"";
  GarbageSource g{{real}, pieces, 40, ""};
  for_each_garbage(4321, 20000, {Garbage::prefix, Garbage::pieces, Garbage::bytes}, g,
                   [](const std::string& src, int iter) {
                     const bool kt = (iter / 3) % 2 == 0;
                     check_invariants(src, lex_java(src, kt));
                   });
}
