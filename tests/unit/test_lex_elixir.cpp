// The Elixir lexer: a real ex_twilio pipeline, comments that hide code, strings and sigils
// decoded (interpolation, heredocs, raw sigils), atoms and labels told apart, and garbage
// that must never crash it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

std::vector<std::string> render(std::string_view src) { return lextest::render(src, lex_elixir(src)); }

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("elixir: an ExTwilio.Capability pipeline", "[lex]") {
  const std::string_view src =
      "token = ExTwilio.Capability.new # one hour\n"
      "  |> ExTwilio.Capability.allow_client_incoming(name)\n";
  CHECK(render(src) == Lines{"id token", "p =", "id ExTwilio", "p .", "id Capability", "p .", "id new", "p |>",
                             "id ExTwilio", "p .", "id Capability", "p .", "id allow_client_incoming", "p (", "id name",
                             "p )"});
  const LexResult r = lex_elixir(src);
  check_invariants(src, r);
  REQUIRE(r.comments.size() == 1);
  CHECK(r.tokens[7].newline_before);
}

TEST_CASE("elixir: comments, atoms, labels and names ending in ? or !", "[lex]") {
  CHECK(render("# Capability.new |> token\nx") == Lines{"id x"});
  const LexResult r = lex_elixir("Application.fetch_env!(:ex_twilio, :\"auth token\") valid? do: :ok");
  REQUIRE(r.tokens.size() == 12);
  CHECK(r.tokens[2].end - r.tokens[2].begin == 10);  // fetch_env!
  CHECK(r.tokens[4].kind == TokKind::symbol);
  CHECK(r.tokens[4].value == "ex_twilio");
  CHECK(r.tokens[6].kind == TokKind::symbol);
  CHECK(r.tokens[6].value == "auth token");
  CHECK(r.tokens[8].kind == TokKind::identifier);  // valid?
  CHECK(r.tokens[9].kind == TokKind::identifier);  // do, then the label's ':', then an atom
  CHECK(r.tokens[10].kind == TokKind::punct);
  CHECK(r.tokens[11].value == "ok");
  CHECK(render("a::b") == Lines{"id a", "p ::", "id b"});
  CHECK(render("x != y") == Lines{"id x", "p !=", "id y"});
  CHECK(render("?a + ?\\n") == Lines{"n ?a", "p +", "n ?\\n"});
}

TEST_CASE("elixir: strings, heredocs and sigils", "[lex]") {
  CHECK(render(R"("AP\x #{id} \"q\"")") == Lines{R"(s "AP\x #{id} \"q\"" => APx {…} "q" [i])"});
  CHECK(render(R"('char #{"}"} list')") == Lines{R"(s 'char #{"}"} list' => char {…} list [i])"});
  CHECK(render("\"\"\"\n  a \"b\" # not a comment\n  \"\"\" x") ==
        Lines{"s \"\"\"\n  a \"b\" # not a comment\n  \"\"\" => \n  a \"b\" # not a comment\n  ", "id x"});
  CHECK(render("~s(a (b) c) ~r/x\\/y/i ~S|raw #{x}|") ==
        Lines{"s ~s(a (b) c) => a (b) c", "s ~r/x\\/y/i => x/y", "s ~S|raw #{x}| => raw #{x}"});
  CHECK(render("\"unterminated #{") == Lines{"s \"unterminated #{ => unterminated {…} [i]"});
}

TEST_CASE("elixir: garbage never crashes and keeps offsets ordered", "[lex]") {
  const std::vector<std::string_view> pieces = {"\"",
                                                "\"\"\"",
                                                "'",
                                                "'''",
                                                "#",
                                                "#{",
                                                "}",
                                                "{",
                                                "~s(",
                                                "~S|",
                                                "~r/",
                                                ")",
                                                "|",
                                                "/",
                                                "\\",
                                                "\n",
                                                "\r\n",
                                                " ",
                                                ":",
                                                "::",
                                                "?",
                                                "?\\",
                                                "a",
                                                "a?",
                                                "|>",
                                                "@x",
                                                "0x",
                                                "1.5",
                                                "\x80",
                                                "\xFF",
                                                std::string_view("\0", 1)};
  const std::string real =
      "token = ExTwilio.Capability.new() # x\n"
      "  |> Capability.allow_client_outgoing(\"AP#{sid}\", %{\"q\" => ~s(a)})\n"
      "  |> Capability.token\n@doc \"\"\"\n  x #{y} \\\" \n  \"\"\"";
  GarbageSource g{{real}, pieces, 40, ""};
  for_each_garbage(7, 20000, {Garbage::prefix, Garbage::pieces, Garbage::bytes}, g,
                   [](const std::string& src, int) { check_invariants(src, lex_elixir(src)); });
}
