// The C / C++ / Objective-C front end (libclang's lexer): exact offsets, decoded strings,
// comments and `#if 0` blocks that yield no tokens, and survival on garbage.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "analyzer/lang/token.h"

using namespace capmig::lang;
using namespace std::string_literals;
using namespace std::string_view_literals;

namespace capmig::lang::detail {
LexResult lex_clang_fallback(std::string_view source, Language language);  // lex_clang.cpp
}

namespace {

std::vector<std::string_view> texts(const LexResult& r, std::string_view src) {
  std::vector<std::string_view> out;
  for (const Token& t : r.tokens) out.push_back(t.text(src));
  return out;
}

// The nth token spelled `text`, or nullptr.
const Token* find(const LexResult& r, std::string_view src, std::string_view text, int nth = 0) {
  for (const Token& t : r.tokens)
    if (t.text(src) == text && nth-- == 0) return &t;
  return nullptr;
}

std::vector<std::string> strings(const LexResult& r) {
  std::vector<std::string> out;
  for (const Token& t : r.tokens)
    if (t.kind == TokKind::string) out.push_back(t.value);
  return out;
}

std::uint32_t offset(std::string_view src, std::string_view needle) {
  auto at = src.find(needle);
  REQUIRE(at != std::string_view::npos);
  return static_cast<std::uint32_t>(at);
}

// Tokens and comments lie inside the source, in order, without overlapping.
void check_invariants(const LexResult& r, std::string_view src) {
  std::uint32_t last = 0;
  for (const Token& t : r.tokens) {
    INFO("token at " << t.begin << ".." << t.end << " of " << src.size());
    if (t.begin < last || t.begin >= t.end || t.end > src.size()) FAIL("token out of order");
    last = t.end;
  }
  last = 0;
  for (const Span& c : r.comments) {
    INFO("comment at " << c.begin << ".." << c.end << " of " << src.size());
    if (c.begin < last || c.begin > c.end || c.end > src.size()) FAIL("comment out of order");
    last = c.end;
  }
}

bool same(const LexResult& a, const LexResult& b) {
  if (a.tokens.size() != b.tokens.size() || a.comments.size() != b.comments.size()) return false;
  for (std::size_t i = 0; i < a.tokens.size(); ++i) {
    const Token &x = a.tokens[i], &y = b.tokens[i];
    if (x.kind != y.kind || x.begin != y.begin || x.end != y.end || x.newline_before != y.newline_before ||
        x.value != y.value)
      return false;
  }
  for (std::size_t i = 0; i < a.comments.size(); ++i)
    if (a.comments[i].begin != b.comments[i].begin || a.comments[i].end != b.comments[i].end) return false;
  return true;
}

const std::string kObjc = R"objc(#import "TCDevice.h"
@interface PhoneController : NSObject <TCDeviceDelegate>
@end
@implementation PhoneController
- (void)start:(NSString *)token {
    // [[TCDevice alloc] initWithCapabilityToken:@"commented" delegate:self];
    self.device = [[TCDevice alloc] initWithCapabilityToken:token delegate:self];
    [self.device updateCapabilityToken:newToken];
    NSString *scope = @"scope:client:incoming?clientName=alice";
#if 0
    [device updateCapabilityToken:dead];
#endif
    /* [device updateCapabilityToken:@"block"]; */
}
@end
)objc";

const std::string kCpp =
    "#include <string>\n"
    "std::string jwt = \"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.abc\"; auto s = "
    "R\"(scope:client:outgoing?appSid=AP1)\";\n"
    "auto d = R\"tw(a)\"b)tw\"; auto w = L\"wide\\u00e9\"; auto u = u8\"\\xC3\\xA9\"s;\n"
    "if (p->q <<= 2 && x <=> y) return a::b...;\n";

const std::string kC =
    "#define CAPABILITY \"scope:client:\" \\\n"
    "    \"outgoing\"\n"
    "static const char *k = \"ab\\\n"
    "cd\\tq\\\\\\\"\\x41\\101\\u00e9\\?\";\n"
    "int lo\\\n"
    "ng_name = 'x' + L'y' + 0x10 + 1.5e+3f;\n";

}  // namespace

TEST_CASE("objective-c: messages, @-strings, comments and #if 0", "[lex]") {
  const std::string& src = kObjc;
  LexResult r = lex_clang(src, Language::objc);
  check_invariants(r, src);

  // The commented-out call, the #if 0 call and the block comment produce nothing.
  CHECK(find(r, src, "dead") == nullptr);
  CHECK(find(r, src, "\"commented\"") == nullptr);
  CHECK(find(r, src, "@\"block\"") == nullptr);
  CHECK(strings(r) == std::vector<std::string>{"TCDevice.h", "scope:client:incoming?clientName=alice"});

  // Only the live calls remain.
  const Token* init = find(r, src, "initWithCapabilityToken");
  REQUIRE(init);
  CHECK(init->kind == TokKind::identifier);
  CHECK(init->begin == offset(src, "initWithCapabilityToken:token"));
  CHECK(find(r, src, "initWithCapabilityToken", 1) == nullptr);
  REQUIRE(find(r, src, "updateCapabilityToken"));
  CHECK(find(r, src, "updateCapabilityToken", 1) == nullptr);

  // The @-string is one token that covers the '@'.
  const Token* scope = find(r, src, "@\"scope:client:incoming?clientName=alice\"");
  REQUIRE(scope);
  CHECK(scope->kind == TokKind::string);
  CHECK(scope->begin == offset(src, "@\"scope"));
  CHECK(scope->value == "scope:client:incoming?clientName=alice");
  CHECK_FALSE(scope->newline_before);

  // ObjC keywords keep their '@'; a message send is brackets, names and colons.
  for (const char* kw : {"@interface", "@end", "@implementation"}) {
    const Token* t = find(r, src, kw);
    REQUIRE(t);
    CHECK(t->kind == TokKind::identifier);
    CHECK(t->newline_before);
  }
  const Token* self = find(r, src, "self");
  REQUIRE(self);
  CHECK(self->newline_before);  // the comment line ends before it
  std::vector<std::string_view> call(texts(r, src));
  auto at = std::find(call.begin(), call.end(), "updateCapabilityToken");
  REQUIRE(at - call.begin() >= 4);
  CHECK(std::vector<std::string_view>(at - 4, at + 5) ==
        std::vector<std::string_view>{"[", "self", ".", "device", "updateCapabilityToken", ":", "newToken", "]", ";"});

  // The comments, and the dead block as one span; the directive lines stay as tokens.
  REQUIRE(r.comments.size() == 3);
  CHECK(src.substr(r.comments[0].begin, r.comments[0].end - r.comments[0].begin) ==
        "// [[TCDevice alloc] initWithCapabilityToken:@\"commented\" delegate:self];");
  CHECK(src.substr(r.comments[1].begin, r.comments[1].end - r.comments[1].begin) ==
        "[device updateCapabilityToken:dead];");
  CHECK(src.substr(r.comments[2].begin, r.comments[2].end - r.comments[2].begin) ==
        "/* [device updateCapabilityToken:@\"block\"]; */");
  const Token* endif = find(r, src, "endif");
  REQUIRE(endif);
  CHECK(endif->begin == offset(src, "endif"));
  REQUIRE(find(r, src, "0"));
  CHECK(find(r, src, "0")->kind == TokKind::number);
}

TEST_CASE("objective-c: @ joins only the word or string right after it", "[lex]") {
  std::string src = "SEL s = @selector(updateCapabilityToken:); t = @\"a\" @\"b\"; n = @42; @ \"x\";";
  LexResult r = lex_clang(src, Language::objc);
  CHECK(texts(r, src) ==
        std::vector<std::string_view>{"SEL",    "s", "=",     "@selector", "(", "updateCapabilityToken",
                                      ":",      ")", ";",     "t",         "=", "@\"a\"",
                                      "@\"b\"", ";", "n",     "=",         "@", "42",
                                      ";",      "@", "\"x\"", ";"});
  CHECK(strings(r) == std::vector<std::string>{"a", "b", "x"});
}

TEST_CASE("c++: JWT and raw strings, prefixes, operators", "[lex]") {
  const std::string& src = kCpp;
  LexResult r = lex_clang(src, Language::cpp);
  check_invariants(r, src);

  const Token* jwt = find(r, src, "\"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.abc\"");
  REQUIRE(jwt);
  CHECK(jwt->kind == TokKind::string);
  CHECK(jwt->begin == 36);
  CHECK(jwt->end == 36 + 46);
  CHECK(jwt->value == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.abc");

  const Token* raw = find(r, src, "R\"(scope:client:outgoing?appSid=AP1)\"");
  REQUIRE(raw);
  CHECK(raw->kind == TokKind::string);
  CHECK(raw->begin == offset(src, "R\"(scope"));
  CHECK(raw->value == "scope:client:outgoing?appSid=AP1");

  CHECK(strings(r) == std::vector<std::string>{"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.abc",
                                               "scope:client:outgoing?appSid=AP1", "a)\"b", "wide\xC3\xA9",
                                               "\xC3\xA9"});
  CHECK(find(r, src, "u8\"\\xC3\\xA9\"s"));  // the ud-suffix belongs to the token

  // `<string>` is not a header-name token: the lexer does not know it follows #include.
  std::vector<std::string_view> words = texts(r, src);
  words.resize(9);
  CHECK(words == std::vector<std::string_view>{"#", "include", "<", "string", ">", "std", "::", "string", "jwt"});
  for (const char* op : {"->", "<<=", "&&", "<=>", "::", "..."}) {
    const Token* t = find(r, src, op, std::string_view(op) == "::" ? 1 : 0);
    INFO(op);
    REQUIRE(t);
    CHECK(t->kind == TokKind::punct);
  }
  CHECK(find(r, src, "2")->kind == TokKind::number);
  CHECK(find(r, src, "std")->newline_before);
  CHECK_FALSE(find(r, src, "auto")->newline_before);
}

TEST_CASE("c: line continuations and escapes", "[lex]") {
  const std::string& src = kC;
  LexResult r = lex_clang(src, Language::c);
  check_invariants(r, src);

  // Adjacent literals stay two tokens; a splice is not a line break.
  const Token* outgoing = find(r, src, "\"outgoing\"");
  REQUIRE(outgoing);
  CHECK_FALSE(outgoing->newline_before);
  CHECK(find(r, src, "\"scope:client:\"")->value == "scope:client:");

  // A string spliced over two lines; every escape form.
  std::uint32_t k = offset(src, "\"ab\\");
  const Token* s = nullptr;
  for (const Token& t : r.tokens)
    if (t.begin == k) s = &t;
  REQUIRE(s);
  CHECK(s->kind == TokKind::string);
  CHECK(s->end == offset(src, ";\nint"));
  CHECK(s->value == "abcd\tq\\\"AA\xC3\xA9?");

  // An identifier spliced over two lines is one token, as written.
  const Token* name = find(r, src, "lo\\\nng_name");
  REQUIRE(name);
  CHECK(name->kind == TokKind::identifier);
  CHECK_FALSE(name->newline_before);
  CHECK(find(r, src, "int")->newline_before);
  const Token* eq = find(r, src, "=", 1);
  REQUIRE(eq);
  CHECK_FALSE(eq->newline_before);

  // A token right behind a splice starts at its first character.
  std::string spliced = "x\\\n::y";
  LexResult sr = lex_clang(spliced, Language::cpp);
  CHECK(texts(sr, spliced) == std::vector<std::string_view>{"x", "::", "y"});
  CHECK_FALSE(sr.tokens[1].newline_before);

  // Character literals are numbers, like the integer constants they are.
  CHECK(find(r, src, "'x'")->kind == TokKind::number);
  CHECK(find(r, src, "L'y'")->kind == TokKind::number);
  CHECK(find(r, src, "0x10")->kind == TokKind::number);
  CHECK(find(r, src, "1.5e+3f")->kind == TokKind::number);
}

TEST_CASE("comments: contents yield nothing, spans are exact", "[lex]") {
  std::string src = "a /* \"x\" b */ c // \"y\" d\ne /* unterminated \"z\"";
  LexResult r = lex_clang(src, Language::c);
  check_invariants(r, src);
  CHECK(texts(r, src) == std::vector<std::string_view>{"a", "c", "e"});
  REQUIRE(r.comments.size() == 3);
  CHECK(r.comments[0].begin == 2);
  CHECK(r.comments[0].end == 13);
  CHECK(r.comments[1].begin == 16);
  CHECK(r.comments[1].end == 24);
  CHECK(r.comments[2].begin == 27);
  CHECK(r.comments[2].end == src.size());
  CHECK(find(r, src, "e")->newline_before);

  // A // comment continued by a splice swallows the next line; a multi-line block comment
  // counts as a line break.
  src = "x // one \\\n two\ny /*\n*/ z";
  r = lex_clang(src, Language::cpp);
  CHECK(texts(r, src) == std::vector<std::string_view>{"x", "y", "z"});
  CHECK(find(r, src, "z")->newline_before);
}

TEST_CASE("preprocessor conditionals: constant-false branches are dead code", "[lex]") {
  auto live = [](const std::string& src) {
    std::vector<std::string> names;
    LexResult r = lex_clang(src, Language::cpp);
    check_invariants(r, src);
    for (const Token& t : r.tokens)
      if (t.kind == TokKind::identifier && t.text(src).starts_with("v")) names.emplace_back(t.text(src));
    return names;
  };
  using V = std::vector<std::string>;
  CHECK(live("#if 0\nv0\n#else\nv1\n#endif\nv2") == V{"v1", "v2"});
  CHECK(live("#if 1\nv0\n#else\nv1\n#endif") == V{"v0"});
  CHECK(live("#if (0)\nv0\n#elif 1\nv1\n#else\nv2\n#endif") == V{"v1"});
  CHECK(live("#if X\nv0\n#elif 0\nv1\n#else\nv2\n#endif") == V{"v0", "v2"});
  CHECK(live("#ifdef X\nv0\n#else\nv1\n#endif") == V{"v0", "v1"});
  CHECK(live("#if defined(X) && 0\nv0\n#endif\n#if !1 || false\nv1\n#endif") == V{});
  CHECK(live("#if 0L /* off */\nv0\n#if 1\nv1\n#else\nv2\n#endif\nv3\n#else\nv4\n#endif") == V{"v4"});
  CHECK(live("#if 0 \\\n  || 1\nv0\n#endif") == V{"v0"});  // the condition is continued
  CHECK(live("#if 0\nv0") == V{});                         // unterminated: dead to the end
  CHECK(live("#endif\nv0\n#else\nv1") == V{"v0", "v1"});   // stray directives are ignored
  CHECK(live("x # if 0\nv0\n#endif") == V{"v0"});          // not at the start of a line
  CHECK(live("/* c */ # /* c */ if 0\nv0\n#endif") == V{});

  // Dead text need not lex: an apostrophe or an unfinished string stays inside the block.
  std::string src = "#if 0\n#error don't\n \"open\n#endif\nv0";
  LexResult r = lex_clang(src, Language::cpp);
  CHECK(texts(r, src) == std::vector<std::string_view>{"#", "if", "0", "#", "endif", "v0"});
  REQUIRE(r.comments.size() == 1);
  CHECK(r.comments[0].begin == 6);
  CHECK(r.comments[0].end == offset(src, "\n#endif"));

  // `true` is 1 in C++; in C it is an unknown macro, so both branches stay.
  CHECK(live("#if true\nv0\n#else\nv1\n#endif") == V{"v0"});
  LexResult c = lex_clang("#if true\nv0\n#else\nv1\n#endif", Language::c);
  CHECK(c.tokens.size() == 9);
}

TEST_CASE("broken input: unterminated literals, NUL, ^Z, invalid UTF-8", "[lex]") {
  std::string src = "x = \"eyJ.unterminated\ny = L\"\nz = 'q\nw";
  LexResult r = lex_clang(src, Language::c);
  check_invariants(r, src);
  const Token* s = find(r, src, "\"eyJ.unterminated");
  REQUIRE(s);
  CHECK(s->kind == TokKind::string);
  CHECK(s->value == "eyJ.unterminated");
  REQUIRE(find(r, src, "L\""));
  CHECK(find(r, src, "L\"")->kind == TokKind::string);
  CHECK(find(r, src, "'q")->kind == TokKind::punct);
  CHECK(find(r, src, "w")->newline_before);

  src = "a\0b \"x\0y\" \x1A c \x1A\x1A\"\x1A\"\n\x1A"s;
  r = lex_clang(src, Language::cpp);
  check_invariants(r, src);
  CHECK(texts(r, src) ==
        std::vector<std::string_view>{"a", "b", "\"x\0y\""sv, "\x1A", "c", "\x1A", "\x1A", "\"\x1A\"", "\x1A"});
  CHECK(r.tokens[2].value == "x\0y"s);
  CHECK(r.tokens[7].value == "\x1A");

  src = "s = \"\xff\xfe\"; \xff t \xe2\x82 @\"\xc3\x28\";";
  r = lex_clang(src, Language::objc);
  check_invariants(r, src);
  CHECK(strings(r) == std::vector<std::string>{"\xff\xfe", "\xc3\x28"});
  REQUIRE(find(r, src, "t"));
  CHECK(find(r, src, "\xff")->kind == TokKind::punct);

  // A byte order mark and Unicode spaces are white space.
  src = "\xEF\xBB\xBFint x;\xC2\xA0y\xE3\x80\x80z";
  r = lex_clang(src, Language::cpp);
  CHECK(texts(r, src) == std::vector<std::string_view>{"int", "x", ";", "y", "z"});
  CHECK(r.tokens[0].begin == 3);

  // A raw string with no end runs to the end of the file.
  src = "a R\"x(never closed\n)\" b";
  r = lex_clang(src, Language::cpp);
  REQUIRE(r.tokens.size() == 2);
  CHECK(r.tokens[1].kind == TokKind::string);
  CHECK(r.tokens[1].value == "never closed\n)\" b");

  CHECK(lex_clang("", Language::c).tokens.empty());
  CHECK(lex_clang(" \n\t", Language::objc).tokens.empty());
}

TEST_CASE("the fallback lexer agrees with clang on ordinary code", "[lex]") {
  for (const std::string* src : {&kObjc, &kCpp, &kC}) {
    INFO(*src);
    LexResult a = lex_clang(*src, Language::objc);
    LexResult b = detail::lex_clang_fallback(*src, Language::objc);
    CHECK(texts(a, *src) == texts(b, *src));
    CHECK(same(a, b));
  }
}

TEST_CASE("garbage never breaks the lexer", "[lex]") {
  std::mt19937 rng(20240229);
  const std::string alphabet = "\"'\\/*#@()[]{}<>:;.,=+-!?%&|^~ \t\n\r\x1A\0aZ_09xuLRU8e$"s;
  std::vector<std::string> seeds{kObjc, kCpp, kC};
  for (int n = 0; n < 3000; ++n) {
    std::string buf;
    switch (n % 3) {
      case 0: {  // random bytes
        buf.resize(rng() % 200);
        for (char& c : buf) c = static_cast<char>(rng());
        break;
      }
      case 1: {  // C-ish noise
        buf.resize(rng() % 300);
        for (char& c : buf) c = alphabet[rng() % alphabet.size()];
        break;
      }
      default: {  // real code, mutated and truncated
        buf = seeds[rng() % seeds.size()];
        for (int k = rng() % 8; k >= 0; --k) buf[rng() % buf.size()] = alphabet[rng() % alphabet.size()];
        buf.resize(rng() % buf.size());
      }
    }
    INFO("buffer " << n);
    LexResult r = lex_clang(buf, static_cast<Language>(static_cast<int>(Language::c) + n % 3));
    check_invariants(r, buf);
    check_invariants(detail::lex_clang_fallback(buf, Language::cpp), buf);
  }
}

TEST_CASE("a huge single-line file and concurrent callers", "[lex]") {
  std::string line;
  while (line.size() < 4 * 1024 * 1024) line += "f(\"eyJ.x\", 0x1F, a->b); /* c */ ";
  LexResult r = lex_clang(line, Language::cpp);
  check_invariants(r, line);
  CHECK(r.tokens.size() == line.size() / 32 * 11);
  CHECK(r.comments.size() == line.size() / 32);
  CHECK(r.tokens.back().end == line.size() - 9);

  std::vector<LexResult> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t)
    threads.emplace_back([&, t] {
      for (int k = 0; k < 25; ++k) results[t] = lex_clang(kObjc, Language::objc);
    });
  for (std::thread& t : threads) t.join();
  LexResult once = lex_clang(kObjc, Language::objc);
  for (const LexResult& each : results) CHECK(same(each, once));
}
