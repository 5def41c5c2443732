// CoffeeScript 1.x/2.x: `#` and `###` comments, strings with `#{…}` interpolation, ''' and """
// block strings, /regex/ and ///heregex///, embedded `JavaScript`, and `@name` for `this.name`.
//
// Choices worth knowing:
// - Interpolations are not tokenized: the string is one token whose value has "{…}" for each
//   (token.h); strings, comments and braces inside them are understood.
// - A block string's value keeps its lines as written (indentation is not removed): capmig reads
//   strings for class names and SIDs, which never span lines.
// - `@name` is one identifier, as Ruby's `@ivar` (the handle `@cap` then follows like `this.cap`);
//   a lone `@` is the identifier `@` (`this`).
// - '/' starts a regex where a value is expected: at the start, after an operator, an opening
//   bracket or a keyword, and after a name or ')' when a blank precedes it and none follows
//   (`str.split /,/` is an implicit call; `a / b` divides).
// - Embedded JavaScript between backticks is one string token: capmig does not look inside it
//   (a capability minted there is missed; none was seen in public CoffeeScript code).
#include <array>
#include <string>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

constexpr std::array<std::string_view, 37> kOperators{
    ">>>=", "...", "||=", "&&=", "**=", "//=", "%%=", ">>>", "<<=", ">>=", "?=", "->", "=>",
    "?.",   "::",  "==",  "!=",  "<=",  ">=",  "&&",  "||",  "++",  "--",  "..", "+=", "-=",
    "*=",   "/=",  "%=",  "&=",  "|=",  "^=",  "**",  "//",  "%%",  "<<",  ">>",
};
static_assert(longest_first(kOperators));

// Words after which '/' starts a regex, as after an operator.
constexpr std::array<std::string_view, 22> kValueKeywords{
    "return", "if", "unless", "and",   "or",    "not",    "is",    "isnt",  "when", "then",   "else",
    "in",     "of", "while",  "until", "throw", "typeof", "yield", "await", "new",  "delete", "by",
};

constexpr std::string_view kIdentExtra = "$";

class CoffeeLexer {
 public:
  explicit CoffeeLexer(std::string_view source) : s_(source), sink_(source) {}

  LexResult run() {
    std::size_t i = skip_bom(s_);
    while (i < s_.size()) {
      const char c = s_[i];
      if (is_space(c)) {
        ++i;
      } else if (c == '#') {
        const std::size_t end = comment_end(i);
        sink_.add_comment(i, end);
        i = end;
      } else if (c == '@') {
        const std::size_t end = ident_start_length(s_, i + 1, kIdentExtra) ? scan_ident(s_, i + 1, kIdentExtra) : i + 1;
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (ident_start_length(s_, i, kIdentExtra)) {
        const std::size_t end = scan_ident(s_, i, kIdentExtra);
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_digit(static_cast<unsigned char>(c)) ||
                 (c == '.' && is_digit(static_cast<unsigned char>(at(i + 1))) && !after_value())) {
        const std::size_t end = scan_number(s_, i, NumberSyntax::script_dot_needs_digit);
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        std::string value;
        bool interpolated = false;
        const std::size_t end = quoted(i, c, value, interpolated, 0);
        Token& t = sink_.add(TokKind::string, i, end);
        t.value = std::move(value);
        t.interpolated = interpolated;
        i = end;
      } else if (c == '`') {
        const std::size_t end = embedded_js(i);
        Token& t = sink_.add(TokKind::string, i, end);
        t.interpolated = true;  // code, not a constant
        i = end;
      } else if (c == '/' && regex_allowed(i)) {
        const std::size_t end = regex_end(i, 0);
        sink_.add(TokKind::regex, i, end);
        i = end;
      } else {
        const std::size_t len = match_punct(s_, i, kOperators);
        sink_.add(TokKind::punct, i, i + len);
        i += len;
      }
    }
    return sink_.take();
  }

 private:
  char at(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }

  // A `###` block comment (not `####…`, a line comment of hashes) runs to the next `###`; any
  // other `#` to the end of its line.
  std::size_t comment_end(std::size_t i) const {
    if (has_run(s_, i, '#', 3) && at(i + 3) != '#') {
      const std::size_t close = s_.find("###", i + 3);
      return close == std::string_view::npos ? s_.size() : close + 3;
    }
    return line_end(s_, i);
  }

  bool after_value() const {
    const auto& toks = sink_.tokens();
    if (toks.empty()) return false;
    const Token& t = toks.back();
    if (t.kind != TokKind::punct) return true;
    const auto p = t.text(s_);
    return p == ")" || p == "]" || p == "}";
  }

  bool regex_allowed(std::size_t i) const {
    const auto& toks = sink_.tokens();
    if (toks.empty()) return true;
    const Token& t = toks.back();
    if (t.kind == TokKind::identifier && one_of(t.text(s_), kValueKeywords)) return true;
    if (!after_value()) return true;
    // `f /re/`: an implicit call's argument; `a / b` and `a /= b` divide.
    const bool blank_before = i > 0 && is_blank(static_cast<unsigned char>(s_[i - 1]));
    const char next = at(i + 1);
    return blank_before && (t.kind == TokKind::identifier || t.kind == TokKind::punct) && next != '\0' &&
           !is_space(next) && next != '=';
  }

  // A regex from pos ('/'), or a heregex (`///…///`, where `#{…}` interpolates and blanks and
  // `#` comments are ignored); its flags follow. A one-line regex ends at its line's end.
  std::size_t regex_end(std::size_t pos, int depth) const {
    std::size_t i = pos + 1;
    if (has_run(s_, pos, '/', 3)) {
      i = pos + 3;
      while (i < s_.size() && !has_run(s_, i, '/', 3)) {
        if (s_[i] == '\\') {
          i += 2;
        } else if (s_[i] == '#' && at(i + 1) == '{') {
          i = skip_embedded_code(s_, i + 2, '{', '}', [&](std::size_t k) { return skip_other(k, depth); });
        } else {
          ++i;
        }
      }
      i = std::min(i + 3, s_.size());
    } else {
      bool in_class = false;
      while (i < s_.size() && !is_line_break(static_cast<unsigned char>(s_[i]))) {
        const char c = s_[i];
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '[') in_class = true;
        if (c == ']') in_class = false;
        if (c == '/' && !in_class) {
          ++i;
          break;
        }
        ++i;
      }
      i = std::min(i, s_.size());
    }
    return scan_while(s_, i, [](char x) { return is_ascii_alpha(static_cast<unsigned char>(x)); });
  }

  // `…` or ```…```: JavaScript passed through; `\`` escapes a backtick.
  std::size_t embedded_js(std::size_t pos) const {
    const bool block = has_run(s_, pos, '`', 3);
    std::size_t i = pos + (block ? 3 : 1);
    while (i < s_.size()) {
      if (s_[i] == '\\') {
        i += 2;
        continue;
      }
      if (block ? has_run(s_, i, '`', 3) : s_[i] == '`') return i + (block ? 3 : 1);
      ++i;
    }
    return s_.size();
  }

  // The string whose quote is at pos; returns its end. A tripled quote opens a block string
  // that ends at the same three quotes; double quotes interpolate `#{…}`.
  std::size_t quoted(std::size_t pos, char quote, std::string& out, bool& interpolated, int depth) const {
    if (depth > kMaxNesting) return s_.size();
    const bool block = has_run(s_, pos, quote, 3);
    std::size_t i = pos + (block ? 3 : 1);
    while (i < s_.size()) {
      const char c = s_[i];
      if (block ? has_run(s_, i, quote, 3) : c == quote) return i + (block ? 3 : 1);
      if (c == '\\' && i + 1 < s_.size()) {
        i = escape(i, out);
      } else if (quote == '"' && c == '#' && at(i + 1) == '{') {
        i = skip_embedded_code(s_, i + 2, '{', '}', [&](std::size_t k) { return skip_other(k, depth); });
        out += kInterpolation;
        interpolated = true;
      } else {
        out += c;
        ++i;
      }
    }
    return s_.size();
  }

  // A string or comment inside an interpolation starting at k; k when none does.
  std::size_t skip_other(std::size_t k, int depth) const {
    const char c = s_[k];
    if (c == '#') return line_end(s_, k);
    if (c != '"' && c != '\'') return k;
    std::string scratch;
    bool ignored = false;
    return quoted(k, c, scratch, ignored, depth + 1);
  }

  // The escape at backslash i (JavaScript's escapes); returns its end.
  std::size_t escape(std::size_t i, std::string& out) const { return script_escape(s_, i, "bfnrtv0", out); }

  std::string_view s_;
  TokenSink sink_;
};

}  // namespace

LexResult lex_coffeescript(std::string_view source) { return CoffeeLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
