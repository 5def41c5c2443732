// JavaScript / TypeScript lexer.
//
// One pass, linear time, no recursion. Template literals nest (`a${`b${c}`}`), so their state
// lives on an explicit stack: one entry per open `${`, holding the number of `{` opened inside it
// and not yet closed. A template is a single string token from its opening to its closing
// backtick; code inside `${…}` is lexed (so strings, comments, regexes and braces in it cannot end
// the interpolation early) but yields no tokens of its own.
//
// The splicing pass (lex_javascript_interpolations) yields, in place of each interpolated
// template, the tokens of the code inside its outermost `${…}`s, so a capability minted inside
// one (`${new twilio.Capability(sid, tok).generate()}`) can be followed like any other.
//
// Deliberate choices:
//  * '…' and "…" strings cannot contain a raw line break in JavaScript, so an unterminated one
//    ends at the end of its line rather than swallowing the file (JSX text like `Don't` is
//    common); templates and block comments that are unterminated run to the end of the file.
//  * A `/` that the previous token says is a regex but has no closing `/` on its line is a
//    punct after all. The failed scan marks the rest of that line so that a line full of `(/[`
//    is not rescanned for every slash (keeps the lexer linear).
#include <string>
#include <vector>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

constexpr std::string_view kPuncts[] = {
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "?\?=", "=>", "==", "!=", "<=", ">=", "&&",
    "||",   "??",  "?.",  "++",  "--",  "+=",  "-=",  "*=",  "/=",  "%=",  "&=",   "|=", "^=", "<<", ">>", "**",
};
static_assert(longest_first(kPuncts));

// After these keywords an expression starts, so a `/` opens a regex instead of dividing.
constexpr std::string_view kExpressionKeywords[] = {
    "return", "typeof", "case",       "in",    "of",    "new", "delete",
    "void",   "throw",  "instanceof", "yield", "await", "do",  "else",
};

constexpr std::string_view kIdentExtra = "$";

class JsLexer {
 public:
  JsLexer(std::string_view source, bool typescript, bool splice = false)
      : s_(source), n_(source.size()), ts_(typescript), splice_(splice) {
    sink_.reserve_for(n_);
  }

  LexResult run() {
    if (s_.starts_with("\xEF\xBB\xBF")) i_ = 3;  // byte order mark
    if (s_.substr(i_).starts_with("#!")) {       // hashbang line
      const std::size_t e = line_end(s_, i_);
      sink_.add_comment(i_, e);
      i_ = e;
    }
    while (i_ < n_) {
      if (in_template_text_) {
        template_text();
      } else if (!skip_trivia()) {
        code_token();
      }
    }
    if (in_template()) close_template(n_);  // unterminated: the token runs to the end
    return sink_.take();
  }

 private:
  unsigned char at(std::size_t k) const { return k < n_ ? static_cast<unsigned char>(s_[k]) : 0; }
  bool in_template() const { return in_template_text_ || !interps_.empty(); }
  // Tokens are kept outside templates, and (splicing) in the code of an outermost `${…}`.
  bool keeps_tokens() const { return !in_template() || (splice_ && interps_.size() == 1 && !in_template_text_); }

  void line_break() {
    newline_ = true;
    if (keeps_tokens()) sink_.line_break();  // breaks inside a template do not precede a token
  }

  // Skips one piece of white space or one comment; false if the next thing is a token.
  bool skip_trivia() {
    const unsigned char c = at(i_);
    if (is_blank(c)) {
      ++i_;
      return true;
    }
    if (is_line_break(c)) {
      ++i_;
      line_break();
      return true;
    }
    if (c == '/' && at(i_ + 1) == '/') {
      const std::size_t e = line_end(s_, i_);
      sink_.add_comment(i_, e);
      i_ = e;
      return true;
    }
    if (c == '/' && at(i_ + 1) == '*') {
      const std::size_t close = s_.find("*/", i_ + 2);
      const std::size_t e = close == std::string_view::npos ? n_ : close + 2;
      sink_.add_comment(i_, e);
      const bool multiline = s_.substr(i_, e - i_).find_first_of("\r\n") != std::string_view::npos;
      i_ = e;
      if (multiline) line_break();
      return true;
    }
    if (c >= 0x80) {
      bool lb = false;
      if (const std::size_t k = unicode_space_length(s_, i_, lb)) {
        i_ += k;
        if (lb) line_break();
        return true;
      }
    }
    return false;
  }

  // Records a token (only outside templates) and whether it ends an operand, after which a `/`
  // divides instead of starting a regex.
  void finish(TokKind kind, std::size_t b, std::size_t e, bool operand, std::string value = {}) {
    if (keeps_tokens()) sink_.add(kind, b, e).value = std::move(value);
    operand_ = operand;
    prev_member_ = false;
    newline_ = false;
    i_ = e;
  }

  void code_token() {
    const std::size_t b = i_;
    const unsigned char c = at(b);
    if (!interps_.empty() && (c == '{' || c == '}')) {
      std::uint32_t& depth = interps_.back();
      if (c == '{') {
        ++depth;
      } else if (depth == 0) {  // the `}` that closes `${`: back to the template's text
        interps_.pop_back();
        ++i_;
        in_template_text_ = true;
        return;
      } else {
        --depth;
      }
      finish(TokKind::punct, b, b + 1, c == '}');
      return;
    }
    if (c == '`') {
      open_template();
      return;
    }
    if (c == '\'' || c == '"') {
      string_literal();
      return;
    }
    if (is_digit(c) || (c == '.' && is_digit(at(b + 1)))) {
      finish(TokKind::number, b, scan_number(s_, b, NumberSyntax::script), true);
      return;
    }
    if (ident_start_length(s_, b, kIdentExtra) != 0 ||
        (c == '#' && ident_start_length(s_, b + 1, kIdentExtra) != 0)) {  // #private names
      const std::size_t e = scan_ident(s_, c == '#' ? b + 1 : b, kIdentExtra);
      const bool keyword = !prev_member_ && one_of(s_.substr(b, e - b), kExpressionKeywords);
      finish(TokKind::identifier, b, e, !keyword);
      return;
    }
    if (c == '/' && !operand_ && regex_literal()) return;

    std::size_t len = 1;  // a byte that is not valid UTF-8, a NUL or a control stays one punct
    if (c < 0x80 && !(c == '?' && at(b + 1) == '.' && is_digit(at(b + 2))))  // `a?.5:1`
      len = match_punct(s_, b, kPuncts);
    const std::string_view op = s_.substr(b, len);
    bool operand = op == ")" || op == "]" || op == "}" || op == "++" || op == "--";
    // TypeScript's non-null assertion `x!` ends an operand: `x! / 2` divides.
    if (ts_ && op == "!" && operand_ && !newline_) operand = true;
    const bool member = op == "." || op == "?.";
    finish(TokKind::punct, b, b + len, operand);
    prev_member_ = member;  // `obj.return / 2`: a property name, not a keyword
  }

  void string_literal() {
    const std::size_t b = i_;
    const unsigned char quote = at(b);
    std::string value;
    std::size_t j = b + 1;
    while (j < n_) {
      const unsigned char c = at(j);
      if (c == quote) {
        ++j;
        break;
      }
      if (is_line_break(c)) break;  // unterminated: stop at the end of the line
      if (c == '\\') {
        j = escape(j, value);
        continue;
      }
      value.push_back(static_cast<char>(c));
      ++j;
    }
    finish(TokKind::string, b, j, true, std::move(value));
  }

  // Decodes the escape at s_[j] == '\\' into `out`; returns the position after it.
  std::size_t escape(std::size_t j, std::string& out) {
    if (j + 1 >= n_) {
      out.push_back('\\');
      return n_;
    }
    const unsigned char e = at(j + 1);
    switch (e) {
      case 'n':
        out.push_back('\n');
        return j + 2;
      case 't':
        out.push_back('\t');
        return j + 2;
      case 'r':
        out.push_back('\r');
        return j + 2;
      case 'b':
        out.push_back('\b');
        return j + 2;
      case 'f':
        out.push_back('\f');
        return j + 2;
      case 'v':
        out.push_back('\v');
        return j + 2;
      case '\n':
        return j + 2;  // line continuation
      case '\r':
        return at(j + 2) == '\n' ? j + 3 : j + 2;
      case 'x': {
        std::uint32_t v = 0;
        if (read_hex(s_, j + 2, 2, v)) {
          append_utf8(out, v);
          return j + 4;
        }
        out.push_back('x');
        return j + 2;
      }
      case 'u': {
        std::uint32_t cp = 0;
        std::size_t k = j + 2;
        if (!unicode_escape(k, cp)) {
          out.push_back('u');
          return j + 2;
        }
        // A UTF-16 surrogate pair written as two escapes is one character.
        std::uint32_t low = 0;
        std::size_t k2 = k + 2;
        if (cp >= 0xD800 && cp <= 0xDBFF && at(k) == '\\' && at(k + 1) == 'u' && unicode_escape(k2, low) &&
            low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          k = k2;
        }
        append_utf8(out, cp);  // a lone surrogate becomes U+FFFD
        return k;
      }
      default:
        break;
    }
    if (e >= '0' && e <= '7') {  // \0, or a legacy octal escape up to \377
      std::uint32_t v = e - '0';
      std::size_t k = j + 2;
      const std::size_t max_digits = e <= '3' ? 3 : 2;
      for (std::size_t d = 1; d < max_digits && at(k) >= '0' && at(k) <= '7'; ++d, ++k) v = v * 8 + (at(k) - '0');
      append_utf8(out, v);
      return k;
    }
    // U+2028 / U+2029 after a backslash are line continuations too.
    if (e == 0xE2 && at(j + 2) == 0x80 && (at(j + 3) == 0xA8 || at(j + 3) == 0xA9)) return j + 4;
    out.push_back(static_cast<char>(e));  // \' \" \\ \` \$ and any other character stand for themselves
    return j + 2;
  }

  // Parses the part after `\u` at k (HHHH or {H…}); on success advances k past it.
  bool unicode_escape(std::size_t& k, std::uint32_t& cp) const {
    if (at(k) == '{') {
      std::size_t m = k + 1;
      cp = 0;
      while (hex_value(at(m)) >= 0) {
        cp = cp * 16 + static_cast<std::uint32_t>(hex_value(at(m)));
        if (cp > 0x10FFFF) return false;
        ++m;
      }
      if (m == k + 1 || at(m) != '}') return false;
      k = m + 1;
      return true;
    }
    if (!read_hex(s_, k, 4, cp)) return false;
    k += 4;
    return true;
  }

  bool regex_literal() {
    if (i_ < regex_poison_) return false;
    std::size_t j = i_ + 1;
    bool in_class = false;  // `[/]` does not end the regex
    while (j < n_) {
      const unsigned char c = at(j);
      if (is_line_break(c)) break;
      if (c == '\\') {
        if (j + 1 >= n_ || is_line_break(at(j + 1))) break;
        j += 2;
        continue;
      }
      if (c == '[') {
        in_class = true;
      } else if (c == ']') {
        in_class = false;
      } else if (c == '/' && !in_class) {
        ++j;
        while (j < n_ && (is_ascii_alnum(at(j)) || at(j) == '_' || at(j) == '$')) ++j;  // flags
        finish(TokKind::regex, i_, j, true);
        return true;
      }
      ++j;
    }
    regex_poison_ = j;  // no regex can start before here: every slash up to j was just seen
    return false;
  }

  void open_template() {
    if (!in_template()) {
      tpl_begin_ = i_;
      tpl_value_.clear();
      tpl_interpolated_ = false;
    }
    ++i_;
    in_template_text_ = true;
  }

  // Template text up to the closing backtick (token done) or to a `${` (code follows).
  void template_text() {
    const bool outermost = interps_.empty();
    std::string& out = outermost ? tpl_value_ : scratch_;  // nested templates have no token
    scratch_.clear();
    while (i_ < n_) {
      const unsigned char c = at(i_);
      if (c == '`') {
        ++i_;
        in_template_text_ = false;
        if (interps_.empty()) close_template(i_);
        operand_ = true;
        prev_member_ = false;
        return;
      }
      if (c == '$' && at(i_ + 1) == '{') {
        if (outermost) {
          out += kInterpolation;
          tpl_interpolated_ = true;
        }
        i_ += 2;
        interps_.push_back(0);
        in_template_text_ = false;
        operand_ = false;
        prev_member_ = false;
        return;
      }
      if (c == '\\') {
        i_ = escape(i_, out);
        continue;
      }
      if (c == '\r') {  // template text normalises CRLF and CR to LF
        out.push_back('\n');
        i_ += at(i_ + 1) == '\n' ? 2 : 1;
        continue;
      }
      out.push_back(static_cast<char>(c));
      ++i_;
    }
  }

  void close_template(std::size_t end) {
    if (!(splice_ && tpl_interpolated_)) {  // spliced: its code's tokens stand in its place
      Token& t = sink_.add(TokKind::string, tpl_begin_, end);
      t.value = std::move(tpl_value_);
      t.interpolated = tpl_interpolated_;
    }
    tpl_value_.clear();
    interps_.clear();
    in_template_text_ = false;
  }

  std::string_view s_;
  std::size_t n_;
  bool ts_;
  bool splice_;
  TokenSink sink_;
  std::size_t i_ = 0;

  bool operand_ = false;      // the previous token ends an operand: a `/` after it divides
  bool prev_member_ = false;  // the previous token was `.` or `?.`
  bool newline_ = false;      // a line break since the previous token (at any nesting level)
  std::size_t regex_poison_ = 0;

  // Template nesting: one entry per open `${`, counting the `{` opened inside it.
  std::vector<std::uint32_t> interps_;
  bool in_template_text_ = false;
  std::size_t tpl_begin_ = 0;  // the outermost template, the only one that becomes a token
  std::string tpl_value_;
  bool tpl_interpolated_ = false;
  std::string scratch_;  // decoded text of nested templates and strings, thrown away
};

}  // namespace

LexResult lex_javascript(std::string_view source, bool typescript) {
  return JsLexer(clamp_source(source), typescript).run();
}

LexResult lex_javascript_interpolations(std::string_view source, bool typescript) {
  return JsLexer(clamp_source(source), typescript, true).run();
}

}  // namespace capmig::lang
