// Ruby lexer.
//
// One pass, linear time, no recursion. String-like literals ("…", %Q[…], /…/, :"…", `…`) may
// hold `#{…}` code that holds more literals, so they live on an explicit stack of frames:
// literal text, and interpolated code that is lexed (a `}` inside a string or hash in it does not
// end it) but yields no tokens of its own. The outermost literal is a single token.
//
// Ruby's grammar decides `/`, `%`, `?`, `:` and `<<` by what came before, as JavaScript does for
// `/`. The lexer keeps the same three states Ruby's own lexer distinguishes in effect:
//   beg      an expression may start here: `/re/`, `%w[]`, `?a`, `:sym`, `<<~ID` are literals;
//   ident    after a plain name, which may be a method taking an argument: `split /,/` and
//            `puts <<~EOS` are literals when a space comes before the operator but not after;
//   operand  after a value: `/`, `%`, `?`, `<<` are operators.
//
// Heredocs: the token's begin/end cover the introducer (`<<~EOS`) only, so tokens stay in source
// order while the rest of the introducer's line is lexed as code; `value` holds the body (with
// the common indentation of `<<~` removed). The bodies, which start on the next line (one after
// another when a line opens several), are skipped when the lexer reaches that line break.
// Inside a heredoc body, `#{…}` is found by brace counting rather than full lexing.
//
// Other choices: `__END__` ends the program; Windows line breaks inside literals read as "\n",
// as Ruby does; an unterminated literal or =begin comment runs to the end of the file.
#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

constexpr std::string_view kPuncts[] = {
    "**=", "<=>", "===", "...", "<<=", ">>=", "&&=", "||=", "==", "!=", "=~", "!~", ">=", "<=", "&&", "||",
    "<<",  ">>",  "**",  "::",  "..",  "=>",  "->",  "+=",  "-=", "*=", "/=", "%=", "|=", "&=", "^=", "&.",
};
static_assert(longest_first(kPuncts));

// Operator method names that can follow `:` as a symbol (`:+`, `:[]=`, `:<=>`).
constexpr std::string_view kOperatorSymbols[] = {
    "[]=", "<=>", "===", "==", "=~", "!=", "!~", "[]", "**", "+@", "-@", "<<", ">>", "<=",
    ">=",  "+",   "-",   "*",  "/",  "%",  "<",  ">",  "!",  "~",  "&",  "|",  "^",
};
static_assert(longest_first(kOperatorSymbols));

// After these keywords an expression starts.
constexpr std::string_view kBeginKeywords[] = {
    "if", "unless", "while", "until", "and", "or",    "not",    "when",   "return", "case",
    "in", "then",   "else",  "elsif", "do",  "begin", "rescue", "ensure", "break",  "next",
};
// These keywords are values.
constexpr std::string_view kValueKeywords[] = {
    "self",       "nil",     "true", "false", "end", "__FILE__", "__LINE__",
    "__method__", "__dir__", "redo", "retry", "def",  // after `def` comes a method name, which may be `/` or `%`
};

// Characters that can follow `$` to name a special global (`$0`, `$!`, `$:`, `$~` ...).
constexpr std::string_view kSpecialGlobals = "~*$?!@/\\;,.=:<>\"&'`+_0123456789";

class RubyLexer {
 public:
  explicit RubyLexer(std::string_view source) : s_(source), n_(source.size()) { sink_.reserve_for(n_); }

  LexResult run() {
    if (s_.starts_with("\xEF\xBB\xBF")) i_ = 3;  // byte order mark
    while (i_ < n_) {
      if (!frames_.empty() && !frames_.back().code) {
        literal_text();
      } else if (!skip_trivia()) {
        code_token();
      }
    }
    if (!frames_.empty()) close_literal(n_);  // unterminated: the token runs to the end
    return sink_.take();
  }

 private:
  enum class Prev : std::uint8_t { beg, ident, operand };

  // One level of literal nesting: the text of a literal, or the code of a `#{…}` in it.
  struct Frame {
    bool code = false;
    TokKind kind = TokKind::string;     // literal: string, symbol or regex
    unsigned char open = 0, close = 0;  // open == close when the delimiter does not nest
    bool interp = false;                // double-quote rules: escapes and #{}
    bool words = false;                 // %w %W %i %I: `\ ` escapes a separator
    std::uint32_t depth = 0;            // literal: nested open delimiters; code: open braces
  };

  unsigned char at(std::size_t k) const { return k < n_ ? static_cast<unsigned char>(s_[k]) : 0; }
  bool space_at(std::size_t k) const { return k >= n_ || is_blank(at(k)) || is_line_break(at(k)); }
  bool at_line_start(std::size_t k) const { return k == 0 || at(k - 1) == '\n'; }
  bool space_before(std::size_t k) const { return k == 0 || is_blank(at(k - 1)) || is_line_break(at(k - 1)); }

  // ---- white space, comments, line breaks, heredoc bodies ----

  bool skip_trivia() {
    if (hd_pending_ && i_ > hd_line_end_) {  // a literal ran over the introducing line's end
      finish_heredoc_line();
      return true;
    }
    const unsigned char c = at(i_);
    if (at_line_start(i_) && c == '=' && s_.substr(i_).starts_with("=begin") && space_at(i_ + 6)) {
      block_comment();
      return true;
    }
    if (at_line_start(i_) && c == '_' && s_.substr(i_).starts_with("__END__") &&
        (i_ + 7 == n_ || at(i_ + 7) == '\n' || (at(i_ + 7) == '\r' && (i_ + 8 == n_ || at(i_ + 8) == '\n')))) {
      i_ = n_;  // the rest is data, not program
      return true;
    }
    if (is_blank(c)) {
      ++i_;
      return true;
    }
    if (is_line_break(c)) {
      i_ += (c == '\r' && at(i_ + 1) == '\n') ? 2 : 1;
      if (hd_pending_ && i_ > hd_line_end_) finish_heredoc_line();  // skip the bodies
      line_break();
      return true;
    }
    if (c == '\\' && is_line_break(at(i_ + 1))) {  // line continuation: no newline_before
      i_ += (at(i_ + 1) == '\r' && at(i_ + 2) == '\n') ? 3 : 2;
      return true;
    }
    if (c == '#') {
      const std::size_t e = line_end(s_, i_);
      sink_.add_comment(i_, e);
      i_ = e;
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

  void line_break() {
    if (frames_.empty()) sink_.line_break();
    // A line break ends a statement unless an operator is pending, so an expression starts.
    if (prev_ != Prev::beg) ternary_ = 0;
    prev_ = Prev::beg;
    prev_member_ = false;
  }

  // =begin … =end, both at the start of a line.
  void block_comment() {
    std::size_t end = n_;
    for (std::size_t pos = i_;;) {
      const std::size_t k = s_.find("\n=end", pos);
      if (k == std::string_view::npos) break;
      if (space_at(k + 5)) {
        end = line_end(s_, k + 5);
        break;
      }
      pos = k + 1;
    }
    sink_.add_comment(i_, end);
    i_ = end;
    line_break();
  }

  // The line that introduced heredocs is done: continue after their bodies.
  void finish_heredoc_line() {
    i_ = std::max(i_, hd_resume_);
    hd_pending_ = false;
  }

  // ---- tokens ----

  void finish(TokKind kind, std::size_t b, std::size_t e, Prev prev, std::string value = {}) {
    if (frames_.empty()) sink_.add(kind, b, e).value = std::move(value);
    prev_ = prev;
    prev_member_ = false;
    i_ = e;
  }

  void punct(std::size_t b, std::size_t len) {
    const std::string_view op = s_.substr(b, len);
    const bool closing = op == ")" || op == "]" || op == "}";
    finish(TokKind::punct, b, b + len, closing ? Prev::operand : Prev::beg);
    prev_member_ = op == "." || op == "&." || op == "::";
  }

  void code_token() {
    const std::size_t b = i_;
    const unsigned char c = at(b);
    if (!frames_.empty() && (c == '{' || c == '}')) {  // inside #{…}
      std::uint32_t& depth = frames_.back().depth;
      if (c == '}' && depth == 0) {
        frames_.pop_back();
        ++i_;
        return;
      }
      if (c == '{') {
        ++depth;
      } else {
        --depth;
      }
      punct(b, 1);
      return;
    }
    switch (c) {
      case '"':
        open_literal(b, b + 1, TokKind::string, '"', '"', true);
        return;
      case '\'':
        open_literal(b, b + 1, TokKind::string, '\'', '\'', false);
        return;
      case '`':
        if (prev_member_) break;  // obj.` is a method name
        open_literal(b, b + 1, TokKind::string, '`', '`', true);
        return;
      case '%':
        if (percent_literal(b)) return;
        break;
      case '/':
        if (slash_regex(b)) return;
        break;
      case '?':
        if (char_literal(b)) return;
        break;
      case ':':
        if (colon(b)) return;
        break;
      case '<':
        if (at(b + 1) == '<' && heredoc(b)) return;
        break;
      case '@':
        if (sigil_name(b)) return;
        break;
      case '$':
        if (global_name(b)) return;
        break;
      default:
        break;
    }
    if (is_digit(c)) {
      finish(TokKind::number, b, scan_number(s_, b, NumberSyntax::script_dot_needs_digit), Prev::operand);
      return;
    }
    if (ident_start_length(s_, b, {}) != 0) {
      identifier(b);
      return;
    }
    const std::size_t len = c < 0x80 ? match_punct(s_, b, kPuncts) : 1;  // invalid UTF-8: one byte
    if (c == '?' && len == 1) ++ternary_;
    if (c == ':' && len == 1 && ternary_ > 0) --ternary_;
    punct(b, len);
  }

  void identifier(std::size_t b) {
    std::size_t e = scan_ident(s_, b, {});
    // Method names may end in ? or ! (`empty?`, `save!`), but `a!=b` and `a?=...` are operators.
    if ((at(e) == '?' || at(e) == '!') &&
        (at(e + 1) != '=' || at(e + 2) == '=' || at(e + 2) == '~' || at(e + 2) == '>'))
      ++e;
    const std::string_view word = s_.substr(b, e - b);
    Prev prev = Prev::ident;
    if (!prev_member_) {
      if (one_of(word, kBeginKeywords)) prev = Prev::beg;
      if (one_of(word, kValueKeywords)) prev = Prev::operand;
    }
    finish(TokKind::identifier, b, e, prev);
  }

  // `@x`, `@@x`; a lone `@` is a punct.
  bool sigil_name(std::size_t b) {
    const std::size_t start = at(b + 1) == '@' ? b + 2 : b + 1;
    if (ident_start_length(s_, start, {}) == 0) return false;
    finish(TokKind::identifier, b, scan_ident(s_, start, {}), Prev::operand);
    return true;
  }

  // `$x`, `$0`, `$1`, `$!`, `$-w`.
  bool global_name(std::size_t b) {
    std::size_t e;
    if (ident_start_length(s_, b + 1, {}) != 0) {
      e = scan_ident(s_, b + 1, {});
    } else if (is_digit(at(b + 1))) {
      e = b + 1;
      while (is_digit(at(e))) ++e;
    } else if (at(b + 1) == '-' && is_ascii_alnum(at(b + 2))) {
      e = b + 3;
    } else if (at(b + 1) != 0 && kSpecialGlobals.find(static_cast<char>(at(b + 1))) != std::string_view::npos) {
      e = b + 2;
    } else {
      return false;
    }
    finish(TokKind::identifier, b, e, Prev::operand);
    return true;
  }

  // `?a`, `?\n`: a one-character string, where an expression may start.
  bool char_literal(std::size_t b) {
    if (prev_ != Prev::beg || space_at(b + 1)) return false;
    std::string value;
    std::size_t e;
    if (at(b + 1) == '\\') {
      e = escape(b + 1, value);
    } else {
      const std::size_t len = utf8_sequence_length(s_, b + 1);
      e = b + 1 + std::max<std::size_t>(len, 1);
      value.assign(s_.substr(b + 1, e - b - 1));
    }
    if (ident_char_length(s_, e, {}) != 0) return false;  // `?abc` is not a character
    finish(TokKind::string, b, e, Prev::operand, std::move(value));
    return true;
  }

  // `::`, a symbol, or the `:` of a label / ternary / hash.
  bool colon(std::size_t b) {
    if (at(b + 1) == ':') return false;  // `::` from the operator table
    const bool after_value = prev_ == Prev::operand || prev_ == Prev::ident;
    // `key: v` and `"key": v` (no space before), `c ? a :b` (a ternary is open).
    if (after_value && (!space_before(b) || ternary_ > 0)) return false;
    const unsigned char d = at(b + 1);
    if (d == '"' || d == '\'') {
      open_literal(b, b + 2, TokKind::symbol, d, d, d == '"');
      return true;
    }
    std::size_t e = 0;
    std::size_t name_begin = b + 1;
    if (ident_start_length(s_, b + 1, {}) != 0) {
      e = scan_ident(s_, b + 1, {});
      if ((at(e) == '?' || at(e) == '!') && at(e + 1) != '=') {
        ++e;
      } else if (at(e) == '=' && at(e + 1) != '=' && at(e + 1) != '~' && at(e + 1) != '>') {
        ++e;  // setter: `:name=`, but `:a=>1` is `:a` `=>`
      }
    } else if (d == '@' || d == '$') {
      const std::size_t start = (d == '@' && at(b + 2) == '@') ? b + 3 : b + 2;
      if (ident_start_length(s_, start, {}) == 0) return false;
      e = scan_ident(s_, start, {});
    } else {
      for (const std::string_view op : kOperatorSymbols) {
        if (s_.substr(b + 1).starts_with(op)) {
          e = b + 1 + op.size();
          break;
        }
      }
      if (e == 0) return false;
    }
    finish(TokKind::symbol, b, e, Prev::operand, std::string(s_.substr(name_begin, e - name_begin)));
    return true;
  }

  // `/re/` where an expression starts (may span lines), or `split /,/` after a name (must close
  // on its line, since `x /y` could as well divide).
  bool slash_regex(std::size_t b) {
    if (prev_ == Prev::operand) return false;
    if (prev_ == Prev::ident) {
      if (!space_before(b) || space_at(b + 1) || at(b + 1) == '=') return false;
      if (!closes_on_line(b)) return false;
    }
    open_literal(b, b + 1, TokKind::regex, '/', '/', true);
    return true;
  }

  bool closes_on_line(std::size_t b) {
    if (b < regex_poison_) return false;
    std::size_t j = b + 1;
    while (j < n_ && !is_line_break(at(j))) {
      if (at(j) == '\\') {
        j += 2;
        continue;
      }
      if (at(j) == '/') return true;
      ++j;
    }
    regex_poison_ = j;  // no slash closes before j: do not rescan this stretch
    return false;
  }

  // %q(…) %Q[…] %(…) %w[…] %W %i[…] %I %r{…} %s(…) %x(…)
  bool percent_literal(std::size_t b) {
    if (prev_ == Prev::operand) return false;
    if (prev_ == Prev::ident && (!space_before(b) || space_at(b + 1) || at(b + 1) == '=')) return false;
    unsigned char type = 0;
    std::size_t d = b + 1;
    if (is_ascii_alpha(at(d))) {
      if (std::string_view("qQwWiIrsx").find(static_cast<char>(at(d))) == std::string_view::npos) return false;
      type = at(d++);
    }
    const unsigned char open = at(d);
    if (d >= n_ || open >= 0x80 || is_ascii_alnum(open) || space_at(d) || open < 0x21) return false;
    unsigned char close = open;
    if (open == '(') close = ')';
    if (open == '[') close = ']';
    if (open == '{') close = '}';
    if (open == '<') close = '>';
    TokKind kind = TokKind::string;
    if (type == 'r') kind = TokKind::regex;
    if (type == 's') kind = TokKind::symbol;
    const bool interp = type == 0 || type == 'Q' || type == 'W' || type == 'I' || type == 'x' || type == 'r';
    const bool words = type == 'w' || type == 'W' || type == 'i' || type == 'I';
    open_literal(b, d + 1, kind, open, close, interp, words);
    return true;
  }

  // ---- literals with frames ----

  void open_literal(std::size_t b, std::size_t body, TokKind kind, unsigned char open, unsigned char close, bool interp,
                    bool words = false) {
    if (frames_.empty()) {
      lit_begin_ = b;
      lit_kind_ = kind;
      lit_value_.clear();
      lit_interpolated_ = false;
    }
    Frame f;
    f.kind = kind;
    f.open = open;
    f.close = close;
    f.interp = interp;
    f.words = words;
    frames_.push_back(f);
    i_ = body;
  }

  // Literal text up to its closing delimiter or a `#{` (code follows).
  void literal_text() {
    const bool outermost = frames_.size() == 1;
    std::string& out = outermost ? lit_value_ : scratch_;  // nested literals have no token
    scratch_.clear();
    Frame& f = frames_.back();
    const bool nests = f.open != f.close;
    while (i_ < n_) {
      const unsigned char c = at(i_);
      if (c == '\\') {
        if (f.kind == TokKind::regex) {  // regex escapes stay as written (regexes carry no value)
          i_ = std::min(n_, i_ + 2);
          continue;
        }
        if (f.interp) {
          i_ = escape(i_, out);
          continue;
        }
        // Single-quote rules: only `\\` and an escaped delimiter lose their backslash.
        const unsigned char e = at(i_ + 1);
        if (e == '\\' || e == f.close || (nests && e == f.open) || (f.words && (is_blank(e) || e == '\n'))) {
          out.push_back(static_cast<char>(e));
          i_ += 2;
        } else {
          out.push_back('\\');
          ++i_;
        }
        continue;
      }
      if (c == f.close && f.depth == 0) {
        ++i_;
        if (f.kind == TokKind::regex)
          while (is_ascii_alpha(at(i_))) ++i_;  // flags
        frames_.pop_back();
        if (frames_.empty()) close_literal(i_);
        prev_ = Prev::operand;
        prev_member_ = false;
        return;
      }
      if (nests && c == f.open) ++f.depth;
      if (nests && c == f.close) --f.depth;
      if (f.interp && c == '#') {
        if (at(i_ + 1) == '{') {
          out += kInterpolation;
          lit_interpolated_ = true;
          i_ += 2;
          Frame code;
          code.code = true;
          frames_.push_back(code);  // `f` is dangling from here on
          prev_ = Prev::beg;
          prev_member_ = false;
          return;
        }
        if (const std::size_t e = embedded_variable(i_ + 1)) {  // "#@name", "#@@name", "#$name"
          out += kInterpolation;
          lit_interpolated_ = true;
          i_ = e;
          continue;
        }
      }
      if (c == '\r' && at(i_ + 1) == '\n') {
        out.push_back('\n');
        i_ += 2;
        continue;
      }
      out.push_back(static_cast<char>(c));
      ++i_;
    }
  }

  // End of `@x`, `@@x` or `$x` at k, or 0.
  std::size_t embedded_variable(std::size_t k) const {
    std::size_t start;
    if (at(k) == '@') {
      start = at(k + 1) == '@' ? k + 2 : k + 1;
    } else if (at(k) == '$') {
      start = k + 1;
    } else {
      return 0;
    }
    return ident_start_length(s_, start, {}) != 0 ? scan_ident(s_, start, {}) : 0;
  }

  void close_literal(std::size_t end) {
    Token& t = sink_.add(lit_kind_, lit_begin_, end);
    if (lit_kind_ != TokKind::regex) t.value = std::move(lit_value_);
    t.interpolated = lit_interpolated_ && lit_kind_ != TokKind::regex;
    lit_value_.clear();
    frames_.clear();
    i_ = end;
  }

  // Decodes the double-quote escape at s_[j] == '\\' into `out`; returns the position after it.
  std::size_t escape(std::size_t j, std::string& out) const {
    if (j + 1 >= n_) {
      out.push_back('\\');
      return n_;
    }
    const unsigned char e = at(j + 1);
    const auto byte = [&](std::uint32_t v) { out.push_back(static_cast<char>(v & 0xFF)); };
    const auto control = [](unsigned char ch) -> std::uint32_t { return ch == '?' ? 127u : (ch & 0x9Fu); };
    switch (e) {
      case 'n':
        byte('\n');
        return j + 2;
      case 't':
        byte('\t');
        return j + 2;
      case 'r':
        byte('\r');
        return j + 2;
      case 's':
        byte(' ');
        return j + 2;
      case 'a':
        byte('\a');
        return j + 2;
      case 'b':
        byte('\b');
        return j + 2;
      case 'e':
        byte(0x1B);
        return j + 2;
      case 'f':
        byte('\f');
        return j + 2;
      case 'v':
        byte('\v');
        return j + 2;
      case '\n':
        return j + 2;  // line continuation
      case '\r':
        if (at(j + 2) == '\n') return j + 3;
        byte('\r');
        return j + 2;
      case 'x': {  // one or two hex digits, a raw byte
        std::size_t k = j + 2;
        std::uint32_t v = 0;
        for (int d = 0; d < 2 && hex_value(at(k)) >= 0; ++d, ++k)
          v = v * 16 + static_cast<std::uint32_t>(hex_value(at(k)));
        if (k == j + 2) break;
        byte(v);
        return k;
      }
      case 'u': {
        std::uint32_t v = 0;
        if (read_hex(s_, j + 2, 4, v)) {
          append_utf8(out, v);
          return j + 6;
        }
        if (at(j + 2) != '{') break;
        // \u{H… H…}: one or more code points separated by spaces.
        const std::size_t mark = out.size();
        std::size_t k = j + 3;
        bool any = false;
        while (true) {
          while (at(k) == ' ' || at(k) == '\t') ++k;
          if (at(k) == '}' && any) return k + 1;
          std::size_t digits = 0;
          v = 0;
          while (hex_value(at(k)) >= 0 && digits < 6) {
            v = v * 16 + static_cast<std::uint32_t>(hex_value(at(k)));
            ++k;
            ++digits;
          }
          if (digits == 0) break;
          append_utf8(out, v);
          any = true;
        }
        out.resize(mark);  // malformed: keep it as text
        break;
      }
      case 'c':
        if (j + 2 >= n_) break;
        byte(control(at(j + 2)));
        return j + 3;
      case 'C':
        if (at(j + 2) != '-' || j + 3 >= n_) break;
        byte(control(at(j + 3)));
        return j + 4;
      case 'M': {
        if (at(j + 2) != '-' || j + 3 >= n_) break;
        std::size_t k = j + 3;
        std::uint32_t v;
        if (at(k) == '\\' && at(k + 1) == 'c' && k + 2 < n_) {  // \M-\cx
          v = control(at(k + 2));
          k += 3;
        } else if (at(k) == '\\' && at(k + 1) == 'C' && at(k + 2) == '-' && k + 3 < n_) {  // \M-\C-x
          v = control(at(k + 3));
          k += 4;
        } else {
          v = at(k);
          k += 1;
        }
        byte(v | 0x80);
        return k;
      }
      default:
        if (e >= '0' && e <= '7') {  // up to three octal digits, a raw byte
          std::uint32_t v = e - '0';
          std::size_t k = j + 2;
          for (int d = 1; d < 3 && at(k) >= '0' && at(k) <= '7'; ++d, ++k) v = v * 8 + (at(k) - '0');
          byte(v);
          return k;
        }
        break;
    }
    out.push_back(static_cast<char>(e));  // \" \\ \# and unknown escapes: the character itself
    return j + 2;
  }

  // ---- heredocs ----

  bool heredoc(std::size_t b) {
    std::size_t j = b + 2;
    const unsigned char flag = (at(j) == '~' || at(j) == '-') ? at(j) : 0;
    if (flag != 0) ++j;
    const unsigned char quote = (at(j) == '\'' || at(j) == '"' || at(j) == '`') ? at(j) : 0;
    std::size_t id_begin, id_end, intro_end;
    if (quote != 0) {
      id_begin = j + 1;
      id_end = id_begin;
      while (id_end < n_ && at(id_end) != quote && !is_line_break(at(id_end))) ++id_end;
      if (at(id_end) != quote || id_end == id_begin) return false;
      intro_end = id_end + 1;
    } else {
      if (ident_start_length(s_, j, {}) == 0) return false;
      id_begin = j;
      id_end = scan_ident(s_, j, {});
      intro_end = id_end;
    }
    if (prev_ == Prev::operand) return false;
    if (prev_ == Prev::ident) {  // `puts <<~EOS` yes; `x <<y` shifts
      if (!space_before(b)) return false;
      const unsigned char first = at(id_begin);
      if (flag == 0 && quote == 0 && !((first >= 'A' && first <= 'Z') || first == '_')) return false;
    }
    const std::string_view id = s_.substr(id_begin, id_end - id_begin);
    const bool squiggly = flag == '~';

    // The first heredoc on a line has its body on the next line; later ones follow it.
    if (!hd_pending_) {
      const std::size_t nl = s_.find('\n', intro_end);
      hd_line_end_ = nl == std::string_view::npos ? n_ : nl;
      hd_resume_ = std::min(n_, hd_line_end_ + 1);
      hd_pending_ = true;
    }
    const std::size_t body_begin = hd_resume_;
    std::size_t body_end = n_, resume = n_;
    for (std::size_t pos = body_begin; pos < n_;) {
      const std::size_t nl = s_.find('\n', pos);
      const std::size_t le = nl == std::string_view::npos ? n_ : nl;
      std::string_view line = s_.substr(pos, le - pos);
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (flag != 0) line.remove_prefix(std::min(line.size(), line.find_first_not_of(" \t")));
      if (line == id) {
        body_end = pos;
        resume = std::min(n_, le + 1);
        break;
      }
      pos = le + 1;
    }
    hd_resume_ = resume;

    std::string value;
    const bool interpolated = heredoc_value(body_begin, body_end, squiggly, quote != '\'', value);
    if (frames_.empty()) {
      Token& t = sink_.add(TokKind::string, b, intro_end);
      t.value = std::move(value);
      t.interpolated = interpolated;
    }
    prev_ = Prev::operand;
    prev_member_ = false;
    i_ = intro_end;
    return true;
  }

  // Decodes a heredoc body; returns whether it has interpolations.
  bool heredoc_value(std::size_t begin, std::size_t end, bool squiggly, bool interp, std::string& out) const {
    const auto advance = [](std::size_t col, unsigned char c) { return c == '\t' ? (col / 8 + 1) * 8 : col + 1; };
    // `<<~`: the least indentation of the lines that are not blank (tabs count to 8 columns).
    std::size_t width = 0;
    if (squiggly) {
      width = static_cast<std::size_t>(-1);
      for (std::size_t pos = begin; pos < end;) {
        std::size_t col = 0, k = pos;
        while (k < end && (at(k) == ' ' || at(k) == '\t')) col = advance(col, at(k++));
        const bool blank = k >= end || at(k) == '\n' || (at(k) == '\r' && at(k + 1) == '\n');
        if (!blank) width = std::min(width, col);
        const std::size_t nl = s_.find('\n', k);
        pos = nl == std::string_view::npos ? end : nl + 1;
      }
      if (width == static_cast<std::size_t>(-1)) width = 0;
    }
    bool interpolated = false;
    bool line_start = true;
    std::size_t j = begin;
    while (j < end) {
      if (line_start) {  // remove up to `width` columns of indentation
        line_start = false;
        for (std::size_t col = 0; j < end && (at(j) == ' ' || at(j) == '\t');) {
          const std::size_t next = advance(col, at(j));
          if (next > width) break;
          col = next;
          ++j;
        }
        continue;
      }
      const unsigned char c = at(j);
      if (c == '\n' || (c == '\r' && at(j + 1) == '\n')) {
        out.push_back('\n');
        j += c == '\r' ? 2 : 1;
        line_start = true;
        continue;
      }
      if (interp && c == '\\') {
        if (at(j + 1) == '\n') {  // line continuation
          j += 2;
          line_start = true;
          continue;
        }
        j = escape(j, out);
        continue;
      }
      if (interp && c == '#' && at(j + 1) == '{') {
        out += kInterpolation;
        interpolated = true;
        j = skip_braces(j + 2, end);
        continue;
      }
      if (interp && c == '#') {
        if (const std::size_t e = embedded_variable(j + 1)) {
          out += kInterpolation;
          interpolated = true;
          j = e;
          continue;
        }
      }
      out.push_back(static_cast<char>(c));
      ++j;
    }
    return interpolated;
  }

  // Position after the `}` that closes a `#{` whose code starts at j (brace counting; quoted
  // strings are skipped), or `end`.
  std::size_t skip_braces(std::size_t j, std::size_t end) const {
    std::uint32_t depth = 1;
    while (j < end) {
      const unsigned char c = at(j);
      if (c == '\\') {
        j += 2;
        continue;
      }
      if (c == '\'' || c == '"') {
        for (++j; j < end && at(j) != c; ++j)
          if (at(j) == '\\') ++j;
        ++j;
        continue;
      }
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) return j + 1;
      ++j;
    }
    return end;
  }

  std::string_view s_;
  std::size_t n_;
  TokenSink sink_;
  std::size_t i_ = 0;

  Prev prev_ = Prev::beg;
  bool prev_member_ = false;   // the previous token was `.`, `&.` or `::`: a method name follows
  std::uint32_t ternary_ = 0;  // `?` operators still waiting for their `:`
  std::size_t regex_poison_ = 0;

  std::vector<Frame> frames_;
  std::size_t lit_begin_ = 0;  // the outermost literal, the only one that becomes a token
  TokKind lit_kind_ = TokKind::string;
  std::string lit_value_;
  bool lit_interpolated_ = false;
  std::string scratch_;  // decoded text of nested literals, thrown away

  bool hd_pending_ = false;      // heredoc bodies follow the current line
  std::size_t hd_line_end_ = 0;  // the line break that ends the introducing line
  std::size_t hd_resume_ = 0;    // where the next body starts / where lexing resumes
};

}  // namespace

LexResult lex_ruby(std::string_view source) { return RubyLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
