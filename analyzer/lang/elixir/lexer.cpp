// Elixir: `#` comments, strings and charlists with `#{…}` interpolation, """ and ''' heredocs,
// sigils (`~s(…)`, `~r/…/i`, `~S"""…"""`), atoms and `?c` character literals.
//
// Choices worth knowing:
// - Interpolations are not tokenized: the string is one token whose value has "{…}" for each
//   (token.h). Strings, comments and braces inside them are understood.
// - A heredoc's value keeps its lines as written (indentation is not removed): capmig reads
//   strings for class names and SIDs, which never span lines.
// - `:name`, `:"name"` and `:name?` are one symbol token (value: the name); a `name:` label in
//   a keyword list is the name and a ':' punct. `@attr` is one identifier, as in Ruby.
// - Names may end in `?` or `!` (`valid?`, `fetch_env!`), part of the identifier.
// - A sigil with an upper-case letter is raw: no escapes, no interpolation.
#include <array>
#include <string>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

constexpr std::array<std::string_view, 32> kOperators{
    "\\\\", "|||", "<<<", ">>>", "===", "!==", "<<~", "~>>", "<~>", "...", "|>", "<>", "->", "=>", "::", "==",
    "!=",   "<=",  ">=",  "&&",  "||",  "++",  "--",  "..",  "<-",  "=~",  "~>", "<~", "<<", ">>", "**", "//",
};

bool ident_start(char c) { return is_ident_start(c); }
bool ident_char(char c) { return is_ident_char(c); }

char closer_of(char open) {
  switch (open) {
    case '(':
      return ')';
    case '[':
      return ']';
    case '{':
      return '}';
    case '<':
      return '>';
    default:
      return open;  // / | " ' are their own closers
  }
}

class ElixirLexer {
 public:
  explicit ElixirLexer(std::string_view source) : s_(source), sink_(source) {}

  LexResult run() {
    std::size_t i = skip_bom(s_);
    while (i < s_.size()) {
      const char c = s_[i];
      const char next = at(i + 1);
      if (is_space(c)) {
        ++i;
      } else if (c == '#') {
        sink_.add_comment(i, line_end(s_, i));
        i = line_end(s_, i);
      } else if (ident_start(c) || (c == '@' && ident_start(next))) {
        std::size_t end = scan_while(s_, i + 1, ident_char);
        if ((at(end) == '?' || at(end) == '!') && at(end + 1) != '=') ++end;
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_digit(c)) {
        const std::size_t end = scan_number(s_, i, NumberSyntax::script_dot_needs_digit);
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (c == ':' && (next == '"' || next == '\'')) {
        std::string value;
        bool interpolated = false;
        const std::size_t end = quoted(i + 1, next, next, true, value, interpolated, 0);
        Token& t = sink_.add(TokKind::symbol, i, end);
        t.value = std::move(value);
        i = end;
      } else if (c == ':' && ident_start(next) && !(i > 0 && (ident_char(s_[i - 1]) || s_[i - 1] == ':'))) {
        std::size_t end = scan_while(s_, i + 2, ident_char);
        if (at(end) == '?' || at(end) == '!') ++end;
        Token& t = sink_.add(TokKind::symbol, i, end);
        t.value = std::string(s_.substr(i + 1, end - i - 1));
        i = end;
      } else if (c == '?' && next != '\0' && !is_space(next)) {
        // ?a, ?\n: a character's code point.
        std::size_t end = i + 2;
        if (next == '\\' && end < s_.size()) ++end;
        sink_.add(TokKind::number, i, std::min(end, s_.size()));
        i = std::min(end, s_.size());
      } else if (c == '"' || c == '\'') {
        i = literal_token(i, i, true, false);
      } else if (c == '~' && is_ascii_alpha(static_cast<unsigned char>(next)) && is_sigil_open(at(i + 2))) {
        const bool raw = next >= 'A' && next <= 'Z';
        i = literal_token(i, i + 2, !raw, true);
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
  static bool is_sigil_open(char c) {
    return c == '(' || c == '[' || c == '{' || c == '<' || c == '/' || c == '|' || c == '"' || c == '\'';
  }

  // The string, charlist or sigil (with its modifier letters, `~r/…/i`) from `start` whose
  // delimiter is at `open`, as one token; returns its end.
  std::size_t literal_token(std::size_t start, std::size_t open, bool escapes, bool modifiers) {
    std::string value;
    bool interpolated = false;
    std::size_t end = quoted(open, s_[open], closer_of(s_[open]), escapes, value, interpolated, 0);
    if (modifiers) end = scan_while(s_, end, [](char x) { return is_ascii_alpha(static_cast<unsigned char>(x)); });
    Token& t = sink_.add(TokKind::string, start, end);
    t.value = std::move(value);
    t.interpolated = interpolated;
    return end;
  }

  // The literal whose opening delimiter is at pos; returns its end. A tripled quote opens a
  // heredoc that ends at the same three quotes.
  std::size_t quoted(std::size_t pos, char open, char close, bool escapes, std::string& out, bool& interpolated,
                     int depth) {
    if (depth > kMaxNesting) return s_.size();
    const bool heredoc = (open == '"' || open == '\'') && has_run(s_, pos, open, 3);
    std::size_t i = pos + (heredoc ? 3 : 1);
    std::size_t nesting = 0;
    while (i < s_.size()) {
      const char c = s_[i];
      if (heredoc ? has_run(s_, i, close, 3) : (c == close && nesting == 0)) return i + (heredoc ? 3 : 1);
      if (!heredoc && open != close) {
        if (c == open) ++nesting;
        if (c == close) --nesting;
      }
      if (c == '\\' && i + 1 < s_.size()) {
        if (!escapes) {
          out += c;
          if (s_[i + 1] == close) {  // a raw sigil still escapes its closer
            out += close;
            i += 2;
          } else {
            ++i;
          }
          continue;
        }
        i = escape(i, out);
      } else if (escapes && c == '#' && at(i + 1) == '{') {
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

  // A string, charlist or comment inside an interpolation starting at k; k when none does.
  std::size_t skip_other(std::size_t k, int depth) {
    const char c = s_[k];
    if (c == '#') return line_end(s_, k);
    if (c != '"' && c != '\'') return k;
    std::string scratch;
    bool ignored = false;
    return quoted(k, c, c, true, scratch, ignored, depth + 1);
  }

  // The escape at backslash i; returns its end.
  std::size_t escape(std::size_t i, std::string& out) const { return script_escape(s_, i, "abefnrstv0", out); }

  std::string_view s_;
  TokenSink sink_;
};

}  // namespace

LexResult lex_elixir(std::string_view source) { return ElixirLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
