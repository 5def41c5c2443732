#pragma once
// The token stream every language front end produces, so construct following is written once.
//
// A lexer drops comments (nothing inside a comment counts) and whitespace, and keeps exact
// byte offsets into the source so reports and patches point at what the user wrote. It never
// fails: malformed input (an unterminated string, invalid UTF-8, a stray byte) still yields
// tokens up to the end of the file, the bad part as a `punct` or an unterminated string.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/lang/language.h"

namespace capmig::lang {

enum class TokKind : std::uint8_t {
  identifier,  // names and keywords alike (`new`, `def`, `function`); PHP `$x` including '$';
               // Ruby `@x`, `@@x`, `$x` including sigils; ObjC `@interface` as one token
  string,      // any string literal form; `value` holds the decoded contents
  number,      // numeric literal as written (`600`, `0x10`, `3_600`, `600L`)
  symbol,      // Ruby `:name` / `:"name"`; `value` is the name (Ruby only)
  regex,       // JS regex literal, Ruby %r / /re/ (no value)
  punct,       // operators and brackets; multi-character operators are one token:
               // `->` `=>` `::` `?.` `**` `...` `==` `===` `!=` `<=` `>=` `&&` `||` `<<` `+=` ...
};

struct Token {
  TokKind kind = TokKind::punct;
  std::uint32_t begin = 0, end = 0;  // byte offsets of the token as written (quotes included)
  bool newline_before = false;       // a line break (or a comment containing one) precedes it
  // string: it has interpolated parts (JS `${}`, Python f-string `{}`, Ruby "#{}", PHP "$x",
  // C# $"{}", Kotlin/Swift "${}"/"\()"): `value` then holds the literal pieces with each
  // interpolation replaced by "{…}", and the string is not a constant.
  bool interpolated = false;
  std::string value;  // string: decoded contents (escapes undone); symbol: the name

  std::string_view text(std::string_view source) const { return source.substr(begin, end - begin); }
};

struct Span {
  std::uint32_t begin = 0, end = 0;
};

struct LexResult {
  std::vector<Token> tokens;
  std::vector<Span> comments;  // every comment's byte range (used to explain, never to match)
};

// Dispatches on the language. `text` yields no tokens (text files are searched for JWTs and
// scope strings directly).
LexResult lex(Language language, std::string_view source);

// One lexer per language family (analyzer/lang/<family>/lexer.cpp).
LexResult lex_javascript(std::string_view source, bool typescript);
// The same tokens, but each interpolated template literal replaced by the code in its `${…}`.
LexResult lex_javascript_interpolations(std::string_view source, bool typescript);
LexResult lex_python(std::string_view source);
LexResult lex_ruby(std::string_view source);
LexResult lex_php(std::string_view source);
LexResult lex_java(std::string_view source, bool kotlin);
LexResult lex_csharp(std::string_view source);
LexResult lex_elixir(std::string_view source);
LexResult lex_vbnet(std::string_view source);
LexResult lex_go(std::string_view source);
LexResult lex_swift(std::string_view source);
// C, C++ and Objective-C through libclang's lexer (analyzer/lang/clang/lexer.cpp).
LexResult lex_clang(std::string_view source, Language language);

}  // namespace capmig::lang
