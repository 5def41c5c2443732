// The PHP lexer: HTML mode, comments that hide code, every string form decoded exactly, and
// garbage that must never crash it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "analyzer/lang/token.h"
#include "tests/unit/lex_test_util.h"

using namespace capmig::lang;
using namespace capmig::lang::lextest;

namespace {

std::vector<std::string> render(std::string_view src) { return lextest::render(src, lex_php(src)); }

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("php: the Twilio ClientToken example", "[lex]") {
  const std::string_view src =
      "<html><?php\n"
      "use Twilio\\Jwt\\ClientToken;\n"
      "$capability = new ClientToken($accountSid, $authToken);\n"
      "$capability->allowClientOutgoing('AP123', array('foo' => \"bar {$x}\"));\n"
      "# $capability->allowClientIncoming('commented');\n"
      "$token = $capability->generateToken(600); ?></html>\n";
  CHECK(render(src) == Lines{"id use",
                             "id Twilio",
                             "p \\",
                             "id Jwt",
                             "p \\",
                             "id ClientToken",
                             "p ;",
                             "id $capability",
                             "p =",
                             "id new",
                             "id ClientToken",
                             "p (",
                             "id $accountSid",
                             "p ,",
                             "id $authToken",
                             "p )",
                             "p ;",
                             "id $capability",
                             "p ->",
                             "id allowClientOutgoing",
                             "p (",
                             "s 'AP123' => AP123",
                             "p ,",
                             "id array",
                             "p (",
                             "s 'foo' => foo",
                             "p =>",
                             "s \"bar {$x}\" => bar {…} [i]",
                             "p )",
                             "p )",
                             "p ;",
                             "id $token",
                             "p =",
                             "id $capability",
                             "p ->",
                             "id generateToken",
                             "p (",
                             "n 600",
                             "p )",
                             "p ;"});
  const LexResult r = lex_php(src);
  check_invariants(src, r);
  REQUIRE(r.tokens.size() == 40);
  CHECK(r.tokens[0].begin == 12);  // `use` right after "<html><?php\n"
  CHECK(r.tokens[0].end == 15);
  CHECK(r.tokens[0].newline_before);
  CHECK_FALSE(r.tokens[1].newline_before);
  CHECK(r.tokens[7].newline_before);   // $capability
  CHECK(r.tokens[31].newline_before);  // $token, after the comment line
  CHECK(r.tokens[31].begin == src.find("$token"));
  REQUIRE(r.comments.size() == 1);
  CHECK(src.substr(r.comments[0].begin, r.comments[0].end - r.comments[0].begin) ==
        "# $capability->allowClientIncoming('commented');");
}

TEST_CASE("php: HTML outside the tags yields nothing", "[lex]") {
  CHECK(render("<p>$x = \"a\"; foo('b');</p>").empty());
  CHECK(render("<?xml version=\"1.0\"?><a>$b</a>").empty());
  CHECK(render("<b><?= $t ?></b><i><? echo 1 ?></i><?PHP\n$z") == Lines{"id $t", "id echo", "n 1", "id $z"});
  // `<?php` must be followed by whitespace; otherwise it is a short tag and `phpx` a name.
  CHECK(render("<?phpx") == Lines{"id phpx"});
  CHECK(render("<?php") == Lines{});
  CHECK(render("a <?php $a ?> b $c <?php $d") == Lines{"id $a", "id $d"});
  // HTML with a line break between two blocks counts as a line break.
  const LexResult r = lex_php("<?php $a ?>\n<?php $b");
  REQUIRE(r.tokens.size() == 2);
  CHECK(r.tokens[1].newline_before);
}

TEST_CASE("php: comments hide code, and `?>` ends a line comment and the block", "[lex]") {
  CHECK(render("<?php // $cap->allowClientOutgoing('AP1');\n$x;") == Lines{"id $x", "p ;"});
  CHECK(render("<?php /* $cap->allowClientIncoming('a');\n */ $y;") == Lines{"id $y", "p ;"});
  CHECK(render("<?php // hi ?> <b>$x</b> <?php $y;") == Lines{"id $y", "p ;"});
  CHECK(render("<?php # hi ?> $x") == Lines{});
  CHECK(render("<?php /* ?> */ $z;") == Lines{"id $z", "p ;"});
  CHECK(render("<?php #[Attr] $a") == Lines{"p #[", "id Attr", "p ]", "id $a"});
  CHECK(render("<?php /* unterminated $x") == Lines{});
  const LexResult r = lex_php("<?php $a /* one\ntwo */ $b // c\n");
  REQUIRE(r.tokens.size() == 2);
  CHECK(r.tokens[1].newline_before);  // a comment containing a line break
  REQUIRE(r.comments.size() == 2);
  CHECK(r.comments[1].end == 30);  // the line comment stops before its line break
}

TEST_CASE("php: single- and double-quoted strings decode exactly", "[lex]") {
  CHECK(render(R"(<?php 'a\'b\\c\n';)") == Lines{R"(s 'a\'b\\c\n' => a'b\c\n)", "p ;"});
  CHECK(render(R"(<?php "\n\t\\\$\"\x41\u{1F600}\101\q\e\v\f\r";)") ==
        Lines{"s "
              R"("\n\t\\\$\"\x41\u{1F600}\101\q\e\v\f\r")"
              " => \n\t\\$\"A\xF0\x9F\x98\x80"
              "A\\q\x1B\v\f\r",
              "p ;"});
  CHECK(render(R"(<?php "\400\x4g\u1234\u{zz}";)") ==
        Lines{R"(s "\400\x4g\u1234\u{zz}" => )" + std::string(1, '\0') + "\x04g\\u1234\\u{zz}", "p ;"});
  CHECK(render("<?php b'x' B\"y\" bar") == Lines{"s b'x' => x", "s B\"y\" => y", "id bar"});
  CHECK(render("<?php \"multi\nline\"") == Lines{"s \"multi\nline\" => multi\nline"});
  // Unterminated: the token runs to the end of the file.
  const std::string_view src = "<?php $a = \"abc ?> def";
  const LexResult r = lex_php(src);
  REQUIRE(r.tokens.size() == 3);
  CHECK(r.tokens[2].end == src.size());
  CHECK(r.tokens[2].value == "abc ?> def");
}

TEST_CASE("php: interpolation in double-quoted strings", "[lex]") {
  CHECK(render(R"(<?php "Hi $name!";)") == Lines{R"(s "Hi $name!" => Hi {…}! [i])", "p ;"});
  CHECK(render(R"(<?php "$a[0] $a[key] $a[$i] $a->b $a?->c ${x} {$y->z()}")") ==
        Lines{R"(s "$a[0] $a[key] $a[$i] $a->b $a?->c ${x} {$y->z()}" => {…} {…} {…} {…} {…} {…} {…} [i])"});
  CHECK(render(R"(<?php "{ $x} \{$x} $ {x} $x->")") ==
        Lines{R"(s "{ $x} \{$x} $ {x} $x->" => { {…}} \{{…}} $ {x} {…}-> [i])"});
  // Strings, braces and comments inside `{$…}` do not end it early.
  CHECK(render(R"(<?php "<{$a["k}{$b}"]}>" . "{$f(function() { return '}'; })}";)") ==
        Lines{R"(s "<{$a["k}{$b}"]}>" => <{…}> [i])", "p .", R"(s "{$f(function() { return '}'; })}" => {…} [i])",
              "p ;"});
  CHECK(render(R"(<?php "\$x $1 {}")") == Lines{R"(s "\$x $1 {}" => $x $1 {})"});
}

TEST_CASE("php: heredoc and nowdoc with PHP 7.3 closing indentation", "[lex]") {
  const std::string_view src =
      "<?php\n"
      "$a = <<<EOT\n"
      "    Hello $name\n"
      "      indented \\\"q\\\" \\x41\n"
      "\n"
      "    EOT;\n"
      "$b = <<<'NOW'\n"
      "$x\\n {$y}\n"
      "NOW\n"
      "  . <<<\"Q\"\n"
      "  QQ\n"
      "  Q, 1);\n";
  CHECK(render(src) == Lines{"id $a", "p =",
                             "s <<<EOT\n    Hello $name\n      indented \\\"q\\\" \\x41\n\n    EOT"
                             " => Hello {…}\n  indented \\\"q\\\" A\n [i]",
                             "p ;", "id $b", "p =", "s <<<'NOW'\n$x\\n {$y}\nNOW => $x\\n {$y}", "p .",
                             "s <<<\"Q\"\n  QQ\n  Q => QQ", "p ,", "n 1", "p )", "p ;"});
  // `{$…}` in a heredoc may hold strings with braces; `\"` is not an escape there.
  CHECK(render("<?php <<<EOT\n  a {$b[\"}\"]} \\\" c\n  EOT;") ==
        Lines{"s <<<EOT\n  a {$b[\"}\"]} \\\" c\n  EOT => a {…} \\\" c [i]", "p ;"});
  // The empty heredoc, a CRLF file, and a closing label on the first line.
  CHECK(render("<?php <<<A\r\nx\r\ny\r\nA;") == Lines{"s <<<A\r\nx\r\ny\r\nA => x\r\ny", "p ;"});
  CHECK(render("<?php <<<A\nA;") == Lines{"s <<<A\nA => ", "p ;"});
  // Not a heredoc header: `<<` and `<`.
  CHECK(render("<?php $a <<< 1") == Lines{"id $a", "p <<", "p <", "n 1"});
  // Unterminated: to the end of the file, nothing stripped.
  CHECK(render("<?php <<<END\n  a\n  b") == Lines{"s <<<END\n  a\n  b =>   a\n  b"});
}

TEST_CASE("php: operators, numbers, names", "[lex]") {
  CHECK(render("<?php $a ?\?= $b?->c <=> d === e !== f ... g :: h => i .= j ?? k ** l <> m") ==
        Lines{"id $a", "p ?\?=", "id $b", "p ?->", "id c", "p <=>", "id d", "p ===", "id e",
              "p !==", "id f",   "p ...", "id g",  "p ::", "id h",  "p =>", "id i",  "p .=",
              "id j",  "p ??",   "id k",  "p **",  "id l", "p <>",  "id m"});
  CHECK(render("<?php 0x1F 1_000 1.5e-3 .5 0b101 600 1..2") ==
        Lines{"n 0x1F", "n 1_000", "n 1.5e-3", "n .5", "n 0b101", "n 600", "n 1", "p .", "n .2"});
  CHECK(render("<?php $café = $$v; $ ") == Lines{"id $café", "p =", "p $", "id $v", "p ;", "p $"});
  CHECK(render("<?php __halt_compiler(); \"garbage $x") == Lines{"id __halt_compiler", "p (", "p )", "p ;"});
  CHECK(render(std::string_view("<?php \0 \xFF $x", 12)) == Lines{"p " + std::string(1, '\0'), "id \xFF", "id $x"});
}

TEST_CASE("php: deep nesting and long lines stay linear and off the stack", "[lex]") {
  std::string nested = "<?php ";
  for (int i = 0; i < 200000; ++i) nested += "\"{$a[";
  LexResult r = lex_php(nested);
  REQUIRE(r.tokens.size() == 1);
  CHECK(r.tokens[0].end == nested.size());

  std::string dollars = "<?php \"";
  dollars.append(4 << 20, '$');
  for (int i = 0; i < 500000; ++i) dollars += "${";
  r = lex_php(dollars);
  REQUIRE(r.tokens.size() == 1);
  CHECK(r.tokens[0].kind == TokKind::string);

  std::string heredocs = "<?php ";
  for (int i = 0; i < 100000; ++i) heredocs += "\"{$a[<<<X\n{$";
  r = lex_php(heredocs);
  check_invariants(heredocs, r);
}

TEST_CASE("php: garbage never crashes and keeps offsets ordered", "[lex]") {
  const std::vector<std::string_view> pieces = {
      "<?php ", "?>",     "<?=", "<?",   "\"",   "'",        "{$",
      "${",     "}",      "{",   "$x",   "$",    "->",       "[",
      "]",      "\\",     "\n",  "\r\n", " ",    "<<<EOT\n", "<<<'N'\n",
      "EOT",    "  EOT;", "N\n", "/*",   "*/",   "//",       "#",
      "#[",     "a",      "0x",  "1.5",  "\x80", "\xFF",     std::string_view("\0", 1)};
  const std::string real =
      "<html><?php\n$capability = new ClientToken($accountSid, $authToken);\n"
      "$capability->allowClientOutgoing('AP123', array('foo' => \"bar {$x}\"));\n"
      "$s = <<<EOT\n  a {$b[\"c\"]} $d->e\n  EOT;\n# x ?>\n<?= \"\\u{41}\\x4\" ?>";
  GarbageSource g{{real}, pieces, 40, "<?php "};
  for_each_garbage(1234, 20000, {Garbage::prefix, Garbage::pieces, Garbage::bytes}, g,
                   [](const std::string& src, int) { check_invariants(src, lex_php(src)); });
}
