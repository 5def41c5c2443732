// Python lexer (2 and 3 syntax alike).
//
// One pass, linear time, no recursion. F-strings nest (Python 3.12 allows any quotes inside a
// replacement field, including f-strings), so they live on an explicit stack of frames: f-string
// text, and replacement fields `{…}` whose code is lexed (so a `}` in a string or a dict inside
// the field does not end it) but yields no tokens of its own. The outermost f-string is a single
// string token.
//
// Deliberate choices:
//  * newline_before marks every physical line break between tokens, also inside brackets (the
//    consumer knows the bracket depth), but not a `\` line continuation, which joins lines.
//  * A single-quoted string cannot hold a raw line break, so an unterminated one ends at the end
//    of its line; an unterminated triple-quoted string runs to the end of the file.
//  * Line breaks inside string values are normalised to '\n', as Python reads source files.
//  * `\N{NAME}` is kept as written: resolving it would need the Unicode name table.
#include <string>
#include <vector>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

constexpr std::string_view kPuncts[] = {
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<>", "<=",
    ">=",  "<<",  ">>",  "+=",  "-=",  "*=", "/=", "%=", "&=", "|=", "^=", "@=",
};
static_assert(longest_first(kPuncts));

struct Prefix {
  bool valid = false, raw = false, bytes = false, format = false;
};

// String prefixes, any case: r u b f, br rb fr rf, Python 2's ur, and 3.14's t-strings (which
// interpolate like f-strings).
Prefix parse_prefix(std::string_view word) {
  Prefix p;
  if (word.empty() || word.size() > 2) return p;
  bool u = false;
  for (const char ch : word) {
    const char c = static_cast<char>(ch | 0x20);  // ASCII lower case
    bool* flag = c == 'r' ? &p.raw : c == 'b' ? &p.bytes : (c == 'f' || c == 't') ? &p.format : c == 'u' ? &u : nullptr;
    if (flag == nullptr || *flag) return p;
    *flag = true;
  }
  if ((p.bytes && p.format) || (u && (p.bytes || p.format)) || (u && word.size() == 2 && !p.raw)) return p;
  if (u && p.raw && (word[0] | 0x20) != 'u') return p;  // `ur` but not `ru`
  p.valid = true;
  return p;
}

class PyLexer {
 public:
  explicit PyLexer(std::string_view source) : s_(source), n_(source.size()) { sink_.reserve_for(n_); }

  LexResult run() {
    if (s_.starts_with("\xEF\xBB\xBF")) i_ = 3;  // byte order mark
    while (i_ < n_) {
      if (!frames_.empty() && !frames_.back().field) {
        fstring_text();
      } else if (!frames_.empty() && frames_.back().spec) {
        format_spec();
      } else if (!skip_trivia()) {
        code_token();
      }
    }
    if (!frames_.empty()) close_fstring(n_);  // unterminated: the token runs to the end
    return sink_.take();
  }

 private:
  // One level of f-string nesting: either the text of an f-string or a replacement field in it.
  struct Frame {
    bool field = false;       // false: f-string text
    bool spec = false;        // field: inside the format spec after a top-level `:`
    unsigned char quote = 0;  // text: the quote character
    bool triple = false;      // text: ''' or """
    bool raw = false;         // text: rf-string
    std::uint32_t depth = 0;  // field: brackets opened and not yet closed
  };

  unsigned char at(std::size_t k) const { return k < n_ ? static_cast<unsigned char>(s_[k]) : 0; }

  // The f-string text frame enclosing the innermost field.
  const Frame* enclosing_text() const { return frames_.size() >= 2 ? &frames_[frames_.size() - 2] : nullptr; }

  bool skip_trivia() {
    const unsigned char c = at(i_);
    if (is_blank(c)) {
      ++i_;
      return true;
    }
    if (is_line_break(c)) {
      if (abandon_field_at_line_end()) return true;
      i_ += (c == '\r' && at(i_ + 1) == '\n') ? 2 : 1;
      if (frames_.empty()) sink_.line_break();
      return true;
    }
    if (c == '#') {
      const std::size_t e = line_end(s_, i_);
      sink_.add_comment(i_, e);
      i_ = e;
      return true;
    }
    if (c == '\\' && is_line_break(at(i_ + 1))) {  // explicit line joining: no newline_before
      i_ += (at(i_ + 1) == '\r' && at(i_ + 2) == '\n') ? 3 : 2;
      return true;
    }
    if (c >= 0x80) {
      bool lb = false;
      if (const std::size_t k = unicode_space_length(s_, i_, lb)) {
        i_ += k;
        if (lb && frames_.empty()) sink_.line_break();
        return true;
      }
    }
    return false;
  }

  // A line break inside a field of a single-quoted f-string means the field was never closed:
  // drop the field so that the f-string ends at this line instead of swallowing the file.
  bool abandon_field_at_line_end() {
    const Frame* text = enclosing_text();
    if (frames_.empty() || !frames_.back().field || text == nullptr || text->triple) return false;
    frames_.pop_back();
    return true;
  }

  void finish(TokKind kind, std::size_t b, std::size_t e, std::string value = {}) {
    if (frames_.empty()) sink_.add(kind, b, e).value = std::move(value);
    i_ = e;
  }

  void code_token() {
    const std::size_t b = i_;
    const unsigned char c = at(b);
    if (!frames_.empty()) {  // inside a replacement field
      Frame& f = frames_.back();
      if (c == '}' && f.depth == 0) {
        frames_.pop_back();
        ++i_;
        return;
      }
      if (c == ':' && f.depth == 0) {  // `{x:>10}`; a dict or lambda colon sits inside brackets
        f.spec = true;
        ++i_;
        return;
      }
      if (c == '(' || c == '[' || c == '{') ++f.depth;
      if ((c == ')' || c == ']' || c == '}') && f.depth > 0) --f.depth;
    }
    if (c == '\'' || c == '"') {
      string_literal(b, b, Prefix{true, false, false, false});
      return;
    }
    if (is_digit(c) || (c == '.' && is_digit(at(b + 1)))) {
      finish(TokKind::number, b, scan_number(s_, b, NumberSyntax::script));
      return;
    }
    if (ident_start_length(s_, b, {}) != 0) {
      const std::size_t e = scan_ident(s_, b, {});
      if (at(e) == '\'' || at(e) == '"') {
        const Prefix p = parse_prefix(s_.substr(b, e - b));
        if (p.valid) {
          string_literal(b, e, p);
          return;
        }
      }
      finish(TokKind::identifier, b, e);
      return;
    }
    // A byte that is not valid UTF-8, a NUL, `$`, `?` or a lone `\` stays a one-byte punct.
    finish(TokKind::punct, b, b + (c < 0x80 ? match_punct(s_, b, kPuncts) : 1));
  }

  // A string whose prefix starts at b and whose opening quote is at q.
  void string_literal(std::size_t b, std::size_t q, Prefix p) {
    const unsigned char quote = at(q);
    const bool triple = at(q + 1) == quote && at(q + 2) == quote;
    const std::size_t body = q + (triple ? 3 : 1);
    if (p.format) {
      if (frames_.empty()) {
        outer_begin_ = b;
        outer_value_.clear();
        outer_interpolated_ = false;
      }
      Frame f;
      f.quote = quote;
      f.triple = triple;
      f.raw = p.raw;
      frames_.push_back(f);
      i_ = body;
      return;
    }
    std::string value;
    std::size_t j = body;
    while (j < n_) {
      const unsigned char c = at(j);
      if (c == quote && (!triple || (at(j + 1) == quote && at(j + 2) == quote))) {
        j += triple ? 3 : 1;
        break;
      }
      if (is_line_break(c)) {
        if (!triple) break;  // unterminated: stop at the end of the line
        value.push_back('\n');
        j += (c == '\r' && at(j + 1) == '\n') ? 2 : 1;
        continue;
      }
      if (c == '\\') {
        j = escape(j, value, p.raw, p.bytes);
        continue;
      }
      value.push_back(static_cast<char>(c));
      ++j;
    }
    finish(TokKind::string, b, j, std::move(value));
  }

  // Decodes the escape at s_[j] == '\\' into `out`; returns the position after it. An escape
  // Python does not know keeps its backslash, and only the backslash is consumed, so that the
  // next character (say the `{` of an f-string field) is still seen.
  std::size_t escape(std::size_t j, std::string& out, bool raw, bool bytes) {
    const unsigned char e = at(j + 1);
    if (j + 1 >= n_) {
      out.push_back('\\');
      return n_;
    }
    if (raw) {  // the backslash stays, yet it still keeps the next character from ending the string
      out.push_back('\\');
      if (e == '\r' || e == '\n') {
        out.push_back('\n');
        return j + ((e == '\r' && at(j + 2) == '\n') ? 3 : 2);
      }
      out.push_back(static_cast<char>(e));
      return j + 2;
    }
    const auto code_point = [&](std::uint32_t v) {
      if (bytes) {
        out.push_back(static_cast<char>(v & 0xFF));
      } else {
        append_utf8(out, v);
      }
    };
    std::uint32_t v = 0;
    switch (e) {
      case '\n':
        return j + 2;  // line continuation inside the string
      case '\r':
        return at(j + 2) == '\n' ? j + 3 : j + 2;
      case '\\':
      case '\'':
      case '"':
        out.push_back(static_cast<char>(e));
        return j + 2;
      case 'a':
        out.push_back('\a');
        return j + 2;
      case 'b':
        out.push_back('\b');
        return j + 2;
      case 'f':
        out.push_back('\f');
        return j + 2;
      case 'n':
        out.push_back('\n');
        return j + 2;
      case 'r':
        out.push_back('\r');
        return j + 2;
      case 't':
        out.push_back('\t');
        return j + 2;
      case 'v':
        out.push_back('\v');
        return j + 2;
      case 'x':
        if (read_hex(s_, j + 2, 2, v)) {
          code_point(v);
          return j + 4;
        }
        break;
      case 'u':
      case 'U': {
        const std::size_t len = e == 'u' ? 4 : 8;
        if (!bytes && read_hex(s_, j + 2, len, v)) {
          append_utf8(out, v);  // surrogates and out-of-range values become U+FFFD
          return j + 2 + len;
        }
        break;
      }
      case 'N':
        if (!bytes && at(j + 2) == '{') {
          // Names are short upper-case words; bounding the search keeps a stray `\N{` linear.
          for (std::size_t k = j + 3; k < n_ && k < j + 3 + 128; ++k) {
            const unsigned char ch = at(k);
            if (ch == '}') {
              out.append(s_.substr(j, k + 1 - j));
              return k + 1;
            }
            if (!(is_ascii_alnum(ch) || ch == ' ' || ch == '-')) break;
          }
        }
        break;
      default:
        if (e >= '0' && e <= '7') {  // up to three octal digits
          v = e - '0';
          std::size_t k = j + 2;
          for (int d = 1; d < 3 && at(k) >= '0' && at(k) <= '7'; ++d, ++k) v = v * 8 + (at(k) - '0');
          code_point(v);
          return k;
        }
        break;
    }
    out.push_back('\\');
    return j + 1;
  }

  // F-string text up to its closing quote, its end of line (single-quoted, unterminated) or a
  // replacement field.
  void fstring_text() {
    const bool outermost = frames_.size() == 1;
    std::string& out = outermost ? outer_value_ : scratch_;  // nested f-strings have no token
    scratch_.clear();
    const Frame f = frames_.back();
    while (i_ < n_) {
      const unsigned char c = at(i_);
      if (c == f.quote && (!f.triple || (at(i_ + 1) == f.quote && at(i_ + 2) == f.quote))) {
        i_ += f.triple ? 3 : 1;
        end_fstring();
        return;
      }
      if (is_line_break(c)) {
        if (!f.triple) {  // unterminated: the line break is left for the code that follows
          end_fstring();
          return;
        }
        out.push_back('\n');
        i_ += (c == '\r' && at(i_ + 1) == '\n') ? 2 : 1;
        continue;
      }
      if (c == '{' || c == '}') {
        if (at(i_ + 1) == c) {  // `{{` and `}}` are literal braces
          out.push_back(static_cast<char>(c));
          i_ += 2;
          continue;
        }
        if (c == '{') {
          out += kInterpolation;
          outer_interpolated_ = true;
          Frame field;
          field.field = true;
          frames_.push_back(field);
          ++i_;
          return;
        }
        out.push_back('}');  // a stray `}` (a syntax error) is kept as text
        ++i_;
        continue;
      }
      if (c == '\\') {
        if (at(i_ + 1) == '{' || at(i_ + 1) == '}') {  // `\{x}`: the backslash, then a field
          out.push_back('\\');
          ++i_;
          continue;
        }
        i_ = escape(i_, out, f.raw, false);
        continue;
      }
      out.push_back(static_cast<char>(c));
      ++i_;
    }
  }

  // The format spec of a field (`{x:>{width}}`): plain text that may hold nested fields.
  void format_spec() {
    const Frame* text = enclosing_text();
    while (i_ < n_) {
      const unsigned char c = at(i_);
      if (c == '}') {
        frames_.pop_back();
        ++i_;
        return;
      }
      if (c == '{') {
        Frame field;
        field.field = true;
        frames_.push_back(field);
        ++i_;
        return;
      }
      // An unclosed field: let the f-string's own quote or line end finish it.
      if (text != nullptr && (c == text->quote || (is_line_break(c) && !text->triple))) {
        frames_.pop_back();
        return;
      }
      ++i_;
    }
  }

  void end_fstring() {
    frames_.pop_back();
    if (frames_.empty()) close_fstring(i_);
  }

  void close_fstring(std::size_t end) {
    Token& t = sink_.add(TokKind::string, outer_begin_, end);
    t.value = std::move(outer_value_);
    t.interpolated = outer_interpolated_;
    outer_value_.clear();
    frames_.clear();
    i_ = end;
  }

  std::string_view s_;
  std::size_t n_;
  TokenSink sink_;
  std::size_t i_ = 0;

  std::vector<Frame> frames_;
  std::size_t outer_begin_ = 0;  // the outermost f-string, the only one that becomes a token
  std::string outer_value_;
  bool outer_interpolated_ = false;
  std::string scratch_;  // decoded text of nested f-strings, thrown away
};

}  // namespace

LexResult lex_python(std::string_view source) { return PyLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
