// The Ruby lexer: exact tokens, every string and percent-literal form, heredocs, symbols versus
// ternaries and labels, regex versus division, comments hiding code, and robustness on garbage.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

// "i:capability", "s:'jenny'", "y::foo", "p:(" ... one entry per token.
std::vector<std::string> texts(std::string_view src) { return lextest::texts(src, lex_ruby(src)); }

std::vector<Token> toks(std::string_view src) { return lex_ruby(src).tokens; }

// The first string (or symbol) token's decoded value.
std::string str(std::string_view src) {
  for (const Token& t : toks(src))
    if (t.kind == TokKind::string || t.kind == TokKind::symbol) return t.value;
  return "<no string>";
}

using V = std::vector<std::string>;
const std::string kI = "{\xE2\x80\xA6}";

}  // namespace

TEST_CASE("rb: Twilio Capability code tokenizes exactly", "[lex]") {
  const std::string_view src =
      "capability = Twilio::Util::Capability.new account_sid, auth_token\n"
      "capability.allow_client_outgoing \"AP123\", :foo => 'bar', \"x\" => 1\n"
      "capability.allow_client_incoming 'jenny'\n"
      "token = capability.generate(600)\n"
      "scope = Twilio::JWT::ClientCapability::OutgoingClientScope.new(app_sid, 'alice', { 'k' => 'v' })\n";
  const auto r = lex_ruby(src);
  CHECK(texts(src) == V{"i:capability",
                        "p:=",
                        "i:Twilio",
                        "p:::",
                        "i:Util",
                        "p:::",
                        "i:Capability",
                        "p:.",
                        "i:new",
                        "i:account_sid",
                        "p:,",
                        "i:auth_token",
                        "i:capability",
                        "p:.",
                        "i:allow_client_outgoing",
                        "s:\"AP123\"",
                        "p:,",
                        "y::foo",
                        "p:=>",
                        "s:'bar'",
                        "p:,",
                        "s:\"x\"",
                        "p:=>",
                        "n:1",
                        "i:capability",
                        "p:.",
                        "i:allow_client_incoming",
                        "s:'jenny'",
                        "i:token",
                        "p:=",
                        "i:capability",
                        "p:.",
                        "i:generate",
                        "p:(",
                        "n:600",
                        "p:)",
                        "i:scope",
                        "p:=",
                        "i:Twilio",
                        "p:::",
                        "i:JWT",
                        "p:::",
                        "i:ClientCapability",
                        "p:::",
                        "i:OutgoingClientScope",
                        "p:.",
                        "i:new",
                        "p:(",
                        "i:app_sid",
                        "p:,",
                        "s:'alice'",
                        "p:,",
                        "p:{",
                        "s:'k'",
                        "p:=>",
                        "s:'v'",
                        "p:}",
                        "p:)"});
  REQUIRE(r.tokens.size() == 58);
  CHECK(r.tokens[12].newline_before);
  CHECK_FALSE(r.tokens[13].newline_before);
  const Token& sym = r.tokens[17];
  CHECK(sym.kind == TokKind::symbol);
  CHECK(sym.value == "foo");
  CHECK(sym.begin == 108);
  CHECK(sym.end == 112);
  CHECK(r.tokens[15].value == "AP123");
  CHECK(r.tokens[27].value == "jenny");
  CHECK(r.tokens[27].begin == 165);
}

TEST_CASE("rb: comments, =begin/=end and __END__ hide code", "[lex]") {
  const std::string_view src =
      "a # capability.allow_client_incoming 'x'\n"
      "=begin\ncapability.generate\n=end ignored\n"
      "b '#not' \"#{c}\" # d\n"
      " =begin\n"
      "__END__\n"
      "capability.generate\n";
  const auto r = lex_ruby(src);
  CHECK(texts(src) == V{"i:a", "i:b", "s:'#not'", "s:\"#{c}\"", "p:=", "i:begin"});
  REQUIRE(r.comments.size() == 3);
  CHECK(src.substr(r.comments[1].begin, r.comments[1].end - r.comments[1].begin) ==
        "=begin\ncapability.generate\n=end ignored");
  CHECK(r.tokens[1].newline_before);
  // =begin not closed: comment to the end; `__END__` must be the whole line.
  CHECK(texts("x\n=begin\ny") == V{"i:x"});
  CHECK(texts("__END__x\n__END__ \ny") == V{"i:__END__x", "i:__END__", "i:y"});
  CHECK(texts("x\r\n__END__\r\ny") == V{"i:x"});
}

TEST_CASE("rb: quoted strings decode exactly", "[lex]") {
  CHECK(str(R"('a\\b\'c\nd\"')") == R"(a\b'c\nd\")");  // single quotes: only \\ and \'
  CHECK(str(R"("a\nb\tc\sd\e\0\"\\\#")") == std::string("a\nb\tc d\x1B\0\"\\#", 12));
  CHECK(str(R"("\x41\xe9\101\u00e9\u{1F600 41}")") ==
        "A\xE9"
        "A\xC3\xA9\xF0\x9F\x98\x80"
        "A");
  CHECK(str(R"("\cA\C-a\M-a\M-\C-a")") == "\x01\x01\xE1\x81");
  CHECK(str("\"ab\\\ncd\"") == "abcd");
  CHECK(str("'multi\r\nline'") == "multi\nline");
  CHECK(str(R"("\q\u{zz}")") == "qu{zz}");
  // Interpolation, nested strings and braces inside it, #@var.
  const std::string_view src = "x = \"a#{ h[\"}\"] + {k: 1}.size }b#@ivar c#@@cv d#$g e#{\"#{1}\"}\" + y";
  CHECK(texts(src) ==
        V{"i:x", "p:=", "s:\"a#{ h[\"}\"] + {k: 1}.size }b#@ivar c#@@cv d#$g e#{\"#{1}\"}\"", "p:+", "i:y"});
  const auto t = toks(src);
  CHECK(t[2].value == "a" + kI + "b" + kI + " c" + kI + " d" + kI + " e" + kI);
  CHECK(t[2].interpolated);
  CHECK_FALSE(toks("\"plain # text\"")[0].interpolated);
  CHECK(str("\"#@ #{}x\"") == "#@ " + kI + "x");
  // Command strings; unterminated strings run to the end.
  CHECK(texts("`ls #{d}`") == V{"s:`ls #{d}`"});
  const std::string_view u = "x = 'abc\ndef";
  REQUIRE(toks(u).size() == 3);
  CHECK(toks(u)[2].end == u.size());
}

TEST_CASE("rb: percent literals", "[lex]") {
  // (After a value `%` is modulo, so the literals are separated by commas.)
  CHECK(texts("%q(a (b) c), %Q[x #{y}], %(p), %w[a b], %i[c d], %r{a/b}i, %s(sym), %x(ls), %q|a|, %Q<a<b>>") ==
        V{"s:%q(a (b) c)", "p:,", "s:%Q[x #{y}]", "p:,", "s:%(p)", "p:,", "s:%w[a b]", "p:,", "s:%i[c d]", "p:,",
          "r:%r{a/b}i", "p:,", "y:%s(sym)", "p:,", "s:%x(ls)", "p:,", "s:%q|a|", "p:,", "s:%Q<a<b>>"});
  const auto t = toks("%q(a (b) \\) \\n)\n%Q{x\\t{#{y}}}\n%w[a\\ b c]\n%q!a\\!b!");
  REQUIRE(t.size() == 4);
  CHECK(t[0].value == "a (b) ) \\n");
  CHECK(t[1].value == "x\t{" + kI + "}");
  CHECK(t[1].interpolated);
  CHECK(t[2].value == "a b c");
  CHECK(t[3].value == "a!b");
  CHECK(toks("%s(sym)")[0].value == "sym");
  // Modulo, not a literal.
  CHECK(texts("a % b; x %= 3; y = (n)%(m)") == V{"i:a", "p:%", "i:b", "p:;", "i:x", "p:%=", "n:3", "p:;", "i:y",
                                                 "p:=", "p:(", "i:n", "p:)", "p:%", "p:(", "i:m", "p:)"});
  CHECK(texts("puts %w[a b]") == V{"i:puts", "s:%w[a b]"});
}

TEST_CASE("rb: heredocs", "[lex]") {
  const std::string_view src =
      "x = foo(<<~ONE, <<-'TWO', <<THREE) + bar # tail\n"
      "    one #{a + \"}\"} \\t\n"
      "      indented\n"
      "\n"
      "  ONE\n"
      "  two #{raw} \\t\n"
      "  TWO\n"
      "three\n"
      "THREE\n"
      "z = 1\n";
  const auto r = lex_ruby(src);
  CHECK(texts(src) == V{"i:x", "p:=", "i:foo", "p:(", "s:<<~ONE", "p:,", "s:<<-'TWO'", "p:,", "s:<<THREE", "p:)", "p:+",
                        "i:bar", "i:z", "p:=", "n:1"});
  const auto& t = r.tokens;
  CHECK(t[4].begin == 8);
  CHECK(t[4].end == 14);
  CHECK(t[4].value == "one " + kI + " \t\n  indented\n\n");
  CHECK(t[4].interpolated);
  CHECK(t[6].value == "  two #{raw} \\t\n");
  CHECK_FALSE(t[6].interpolated);
  CHECK(t[8].value == "three\n");
  CHECK(t[12].newline_before);
  REQUIRE(r.comments.size() == 1);  // `# tail`; nothing in the bodies
  // Squiggly with a quoted terminator, tabs, and an empty body.
  // A tab counts to the next multiple of 8 and is never split: width 10 leaves "\ta".
  CHECK(str("<<~\"E\"\n\t\ta\n\t  b\nE\n") == "\ta\nb\n");
  CHECK(str("<<~E\n    a\n      b\n   \nE\n") == "a\n  b\n\n");
  CHECK(str("f(<<~E)\nE\n") == "");
  // Unterminated heredoc: the body runs to the end.
  CHECK(str("<<~E\n  a\n  b") == "a\nb");
  // Shift operators stay operators.
  CHECK(texts("a << b; x <<y; arr << <<~E\n  v\nE\n") ==
        V{"i:a", "p:<<", "i:b", "p:;", "i:x", "p:<<", "i:y", "p:;", "i:arr", "p:<<", "s:<<~E"});
  CHECK(texts("1 <<2") == V{"n:1", "p:<<", "n:2"});
  // Windows line breaks.
  CHECK(str("<<-E\r\n  a\r\n  E\r\n") == "  a\n");
}

TEST_CASE("rb: symbols, labels, ternaries and ::", "[lex]") {
  CHECK(texts(":name :\"quoted #{x}\" :name= :name? :save! :'q' :@iv :$g :+ :[]= :<=>") ==
        V{"y::name", "y::\"quoted #{x}\"", "y::name=", "y::name?", "y::save!", "y::'q'", "y::@iv", "y::$g", "y::+",
          "y::[]=", "y::<=>"});
  const auto t = toks(":\"quoted #{x}\" :name= :@iv");
  CHECK(t[0].value == "quoted " + kI);
  CHECK(t[0].interpolated);
  CHECK(t[1].value == "name=");
  CHECK(t[2].value == "@iv");
  CHECK(texts("{:a=>1, b: 2, \"c\": 3}") ==
        V{"p:{", "y::a", "p:=>", "n:1", "p:,", "i:b", "p::", "n:2", "p:,", "s:\"c\"", "p::", "n:3", "p:}"});
  CHECK(texts("x ? y : z") == V{"i:x", "p:?", "i:y", "p::", "i:z"});
  CHECK(texts("x ? y :z") == V{"i:x", "p:?", "i:y", "p::", "i:z"});
  CHECK(texts("x ? :a : :b") == V{"i:x", "p:?", "y::a", "p::", "y::b"});
  CHECK(texts("c ? 1 :-1") == V{"i:c", "p:?", "n:1", "p::", "p:-", "n:1"});
  CHECK(texts("A::B ::C a::b") == V{"i:A", "p:::", "i:B", "p:::", "i:C", "i:a", "p:::", "i:b"});
  CHECK(texts("attr_reader :sid, :token") == V{"i:attr_reader", "y::sid", "p:,", "y::token"});
  CHECK(texts("list.map(&:to_s)") == V{"i:list", "p:.", "i:map", "p:(", "p:&", "y::to_s", "p:)"});
  CHECK(texts("f(only: [:x])") == V{"i:f", "p:(", "i:only", "p::", "p:[", "y::x", "p:]", "p:)"});
}

TEST_CASE("rb: regex versus division, character literals, names", "[lex]") {
  CHECK(texts("a / b / c") == V{"i:a", "p:/", "i:b", "p:/", "i:c"});
  CHECK(texts("x = /ab+c/i =~ s") == V{"i:x", "p:=", "r:/ab+c/i", "p:=~", "i:s"});
  CHECK(texts("s.split /,/") == V{"i:s", "p:.", "i:split", "r:/,/"});
  CHECK(texts("if /x#{y}\\/z/m then") == V{"i:if", "r:/x#{y}\\/z/m", "i:then"});
  CHECK(texts("f(1) / 2 / 3") == V{"i:f", "p:(", "n:1", "p:)", "p:/", "n:2", "p:/", "n:3"});
  CHECK(texts("x /2\ny") == V{"i:x", "p:/", "n:2", "i:y"});
  CHECK(texts("@count /2/ 1") == V{"i:@count", "p:/", "n:2", "p:/", "n:1"});
  CHECK(texts("a /= 2") == V{"i:a", "p:/=", "n:2"});
  // ?a character literals versus the ternary and predicate names.
  CHECK(texts("c = ?a; d = ?\\n; x.empty? ? 1 : 2") == V{"i:c", "p:=", "s:?a", "p:;", "i:d", "p:=", "s:?\\n", "p:;",
                                                         "i:x", "p:.", "i:empty?", "p:?", "n:1", "p::", "n:2"});
  CHECK(toks("?\\n")[0].value == "\n");
  CHECK(texts("x = ?abc") == V{"i:x", "p:=", "p:?", "i:abc"});
  CHECK(texts("save! valid? a!=b defined?(x)") ==
        V{"i:save!", "i:valid?", "i:a", "p:!=", "i:b", "i:defined?", "p:(", "i:x", "p:)"});
  CHECK(texts("@x @@y $z $0 $! $stdout @ $") == V{"i:@x", "i:@@y", "i:$z", "i:$0", "i:$!", "i:$stdout", "p:@", "p:$"});
  CHECK(texts("$' + $\"") == V{"i:$'", "p:+", "i:$\""});
}

TEST_CASE("rb: numbers, operators, bytes", "[lex]") {
  CHECK(texts("600 3_600 0x1F 1e3 1.5 0b1 0o17 2r 3i 1..5 1...5 1.times") ==
        V{"n:600", "n:3_600", "n:0x1F", "n:1e3", "n:1.5", "n:0b1", "n:0o17", "n:2r", "n:3i", "n:1", "p:..", "n:5",
          "n:1", "p:...", "n:5", "n:1", "p:.", "i:times"});
  CHECK(texts("a&.b <=> ** -> => === =~ !~ ||= &&= <<= != == ..") ==
        V{"i:a", "p:&.", "i:b", "p:<=>", "p:**", "p:->", "p:=>", "p:===", "p:=~", "p:!~",
          "p:||=", "p:&&=", "p:<<=", "p:!=", "p:==", "p:.."});
  CHECK(texts("caf\xC3\xA9 = 1") == V{"i:caf\xC3\xA9", "p:=", "n:1"});
  const std::string garbage(
      "a\0\xFF"
      "b",
      4);
  CHECK(texts(garbage) == V{"i:a", std::string("p:\0", 3), "p:\xFF", "i:b"});
  // Line continuation: no newline_before.
  const auto t = toks("x = 1 + \\\n  2\ny");
  REQUIRE(t.size() == 6);
  CHECK_FALSE(t[4].newline_before);
  CHECK(t[5].newline_before);
}

TEST_CASE("rb: deep nesting and long lines stay linear", "[lex]") {
  std::string deep;
  for (int k = 0; k < 200000; ++k) deep += "\"#{";
  const auto start = std::chrono::steady_clock::now();
  auto r = lex_ruby(deep);
  REQUIRE(r.tokens.size() == 1);
  CHECK(r.tokens[0].end == deep.size());
  std::string slashes = "x";
  for (int k = 0; k < 200000; ++k) slashes += " /a";
  r = lex_ruby(slashes);
  CHECK(r.tokens.size() == 200000);  // x, then alternately the regex `/a /` and `a`
  std::string heredocs;
  for (int k = 0; k < 50000; ++k) heredocs += "f <<~A, <<~B\n";
  r = lex_ruby(heredocs);
  CHECK(r.tokens.size() == 4);
  std::string percents;
  for (int k = 0; k < 200000; ++k) percents += "%Q(#{";
  r = lex_ruby(percents);
  CHECK(r.tokens.size() == 1);
  const auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(secs < 10.0);
}

TEST_CASE("rb: random and truncated input never breaks the token invariants", "[lex]") {
  const std::string snippets[] = {
      "capability = Twilio::Util::Capability.new account_sid, auth_token\ncapability.allow_client_outgoing "
      "\"AP123\", :foo => 'bar', \"x\" => 1\ntoken = capability.generate(600)",
      "scope = Twilio::JWT::ClientCapability::OutgoingClientScope.new(app_sid, 'alice', { 'k' => 'v' })\n"
      "=begin\nx\n=end\nputs %w[a b] + %Q{#{c}}",
      "x = foo(<<~ONE, <<-'TWO') + bar\n  one #{a}\n  ONE\n  two\n  TWO\ny = a ? :b : c; z = s.split /,/\n",
      "h = {a: 1, :b => ?c, \"d\": /e#{f}/i}\n$g = @x + @@y # done\n__END__\ndata",
  };
  const std::string alphabet = "\"'#{}%qQwr()[]<>/?:@$~-\\\n\r=ab01 .EOS\xC3\xA9\xFF";
  GarbageSource g{{std::begin(snippets), std::end(snippets)}, one_char_pieces(alphabet), 64, ""};
  for_each_garbage(777, 20000, {Garbage::pieces, Garbage::bytes, Garbage::prefix, Garbage::mutated}, g,
                   [](const std::string& buf, int) { check_well_formed(buf, lex_ruby(buf)); });
}
