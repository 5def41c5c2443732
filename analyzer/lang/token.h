#pragma once
// The token stream every language front end produces, so construct following is written once.
//
// A lexer drops comments (nothing inside a comment counts) and whitespace, and keeps exact
// byte offsets into the source so reports and patches point at what the user wrote. It never
// fails: malformed input (an unterminated string, invalid UTF-8, a stray byte) still yields
// tokens up to the end of the file, the bad part as a `punct` or an unterminated string.
#include <cstdint>
#include <memory>
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

// A token's decoded value: most tokens (names, operators, numbers) have none, so it is one
// pointer instead of a std::string in every token, which halves a token stream's memory.
// Reads as a const std::string; written with `=` or through edit().
class TokenValue {
 public:
  TokenValue() = default;
  TokenValue(const TokenValue& o) : p_(o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr) {}
  TokenValue(TokenValue&&) noexcept = default;
  TokenValue& operator=(const TokenValue& o) {
    if (this != &o) p_ = o.p_ ? std::make_unique<std::string>(*o.p_) : nullptr;
    return *this;
  }
  TokenValue& operator=(TokenValue&&) noexcept = default;
  TokenValue& operator=(std::string s) {
    if (s.empty())
      p_.reset();
    else
      p_ = std::make_unique<std::string>(std::move(s));
    return *this;
  }
  TokenValue& operator=(std::string_view s) { return *this = std::string(s); }
  TokenValue& operator=(const char* s) { return *this = std::string(s); }

  const std::string& str() const { return p_ ? *p_ : empty_string(); }
  operator const std::string&() const { return str(); }  // NOLINT(google-explicit-constructor): reads as a string
  std::string& edit() {
    if (!p_) p_ = std::make_unique<std::string>();
    return *p_;
  }
  TokenValue& operator+=(std::string_view s) {
    edit() += s;
    return *this;
  }
  TokenValue& operator+=(char c) {
    edit() += c;
    return *this;
  }

  bool empty() const { return !p_ || p_->empty(); }
  std::size_t size() const { return str().size(); }
  const char* data() const { return str().data(); }
  const char* c_str() const { return str().c_str(); }
  char front() const { return str().front(); }
  char back() const { return str().back(); }
  char operator[](std::size_t i) const { return str()[i]; }
  std::string::const_iterator begin() const { return str().begin(); }
  std::string::const_iterator end() const { return str().end(); }
  std::size_t find(std::string_view s, std::size_t pos = 0) const { return str().find(s, pos); }
  std::size_t find(char c, std::size_t pos = 0) const { return str().find(c, pos); }
  std::size_t rfind(std::string_view s, std::size_t pos = std::string::npos) const { return str().rfind(s, pos); }
  std::size_t rfind(char c, std::size_t pos = std::string::npos) const { return str().rfind(c, pos); }
  std::size_t find_first_of(std::string_view s, std::size_t pos = 0) const { return str().find_first_of(s, pos); }
  std::size_t find_first_not_of(std::string_view s, std::size_t pos = 0) const {
    return str().find_first_not_of(s, pos);
  }
  std::string substr(std::size_t pos, std::size_t n = std::string::npos) const { return str().substr(pos, n); }
  bool starts_with(std::string_view s) const { return str().starts_with(s); }
  bool ends_with(std::string_view s) const { return str().ends_with(s); }
  friend bool operator==(const TokenValue& a, std::string_view b) { return std::string_view(a.str()) == b; }
  friend bool operator==(const TokenValue& a, const TokenValue& b) { return a.str() == b.str(); }

 private:
  static const std::string& empty_string() {
    static const std::string empty;
    return empty;
  }
  std::unique_ptr<std::string> p_;
};

struct Token {
  TokKind kind = TokKind::punct;
  std::uint32_t begin = 0, end = 0;  // byte offsets of the token as written (quotes included)
  bool newline_before = false;       // a line break (or a comment containing one) precedes it
  // string: it has interpolated parts (JS `${}`, Python f-string `{}`, Ruby "#{}", PHP "$x",
  // C# $"{}", Kotlin/Swift "${}"/"\()"): `value` then holds the literal pieces with each
  // interpolation replaced by "{…}", and the string is not a constant.
  bool interpolated = false;
  TokenValue value;  // string: decoded contents (escapes undone); symbol: the name

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
LexResult lex_rust(std::string_view source);
LexResult lex_coffeescript(std::string_view source);
// C, C++ and Objective-C through libclang's lexer (analyzer/lang/clang/lexer.cpp).
LexResult lex_clang(std::string_view source, Language language);

}  // namespace capmig::lang
