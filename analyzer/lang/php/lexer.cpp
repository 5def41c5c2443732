// PHP: tokens come only from inside `<?php … ?>`, `<?= … ?>` and `<? … ?>`; the rest is HTML.
//
// Choices worth knowing:
// - The open and close tags yield no token. `<?xml` is HTML, not a short open tag: a file
//   with it in HTML only runs when short tags are off.
// - `\Twilio\Jwt\ClientToken` is `\` puncts between identifiers; `$name` is one identifier.
// - Interpolations (`$x`, `$x[0]`, `$x->y`, `{$…}`, `${…}`) are not tokenized: the string is
//   one token whose value has "{…}" for each (token.h).
// - A heredoc's closing label follows PHP 7.3: it may be indented (that indentation is removed
//   from every line) and followed by anything that is not part of a name.
// - After `__halt_compiler` and its `;` (or `?>`) the rest of the file is data.
#include <array>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

// "?\?=" spells "??=" without a trigraph warning.
constexpr std::array<std::string_view, 35> kOperators{
    "<=>", "===", "!==", "**=", "...", "<<=", ">>=", "?\?=", "?->", "->", "=>", "::",
    "==",  "!=",  "<>",  "<=",  ">=",  "&&",  "||",  "??",   "++",  "--", "+=", "-=",
    "*=",  "/=",  ".=",  "%=",  "&=",  "|=",  "^=",  "<<",   ">>",  "**", "#[",
};

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

// Where a heredoc/nowdoc header `<<<ID`, `<<<"ID"` or `<<<'ID'` (ending its line) leads.
struct HeredocHeader {
  bool valid = false;
  bool nowdoc = false;
  std::string_view label;
  std::size_t body = 0;  // first byte of the body
};

class PhpLexer {
 public:
  explicit PhpLexer(std::string_view source) : s_(source), sink_(source) {}

  LexResult run() {
    std::size_t pos = 0;
    while (pos < s_.size()) {
      pos = open_tag_end(pos);
      pos = code(pos);
    }
    return sink_.take();
  }

 private:
  char at(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  bool has(std::size_t i, std::string_view what) const { return i <= s_.size() && s_.substr(i).starts_with(what); }

  // HTML: returns where PHP code starts after the next open tag, or the end of the file.
  std::size_t open_tag_end(std::size_t pos) const {
    while (true) {
      const std::size_t lt = s_.find("<?", pos);
      if (lt == std::string_view::npos) return s_.size();
      const std::size_t after = lt + 2;
      if (at(after) == '=') return after + 1;
      if (after + 3 <= s_.size() && iequals(s_.substr(after, 3), "php") &&
          (after + 3 == s_.size() || is_space(s_[after + 3])))
        return after + 3;
      if (after + 3 <= s_.size() && iequals(s_.substr(after, 3), "xml") && is_space(at(after + 3))) {
        pos = after;
        continue;
      }
      return after;
    }
  }

  // PHP code from pos up to and including the close tag `?>`; returns where HTML resumes.
  std::size_t code(std::size_t pos) {
    std::size_t i = pos;
    while (i < s_.size()) {
      const char c = s_[i];
      const char next = at(i + 1);
      if (is_space(c)) {
        ++i;
      } else if (c == '?' && next == '>') {
        if (halting_) return s_.size();
        return i + 2;
      } else if ((c == '#' && next != '[') || (c == '/' && next == '/')) {
        i = line_comment(i);
      } else if (c == '/' && next == '*') {
        const std::size_t end = skip_block_comment(s_, i, false);
        sink_.add_comment(i, end);
        i = end;
      } else if (c == '$' && is_ident_start(next)) {
        const std::size_t end = scan_while(s_, i + 1, is_ident_char);
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_ident_start(c)) {
        // b"…" / b'…' / b<<<: PHP 6's binary prefix, still accepted.
        if (c == 'b' || c == 'B') {
          if (const std::size_t end = string_literal(i, i + 1); end != i + 1) {
            i = end;
            continue;
          }
        }
        const std::size_t end = scan_while(s_, i, is_ident_char);
        sink_.add(TokKind::identifier, i, end);
        if (iequals(s_.substr(i, end - i), "__halt_compiler")) halting_ = true;
        i = end;
      } else if (is_digit(c) || (c == '.' && is_digit(next))) {
        const std::size_t end = scan_number(s_, i, NumberSyntax::c_family);
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (const std::size_t end = string_literal(i, i); end != i) {
        i = end;
      } else {
        std::size_t len = match_operator(s_, i, kOperators);
        if (len == 0) len = 1;
        sink_.add(TokKind::punct, i, i + len);
        i += len;
        if (halting_ && c == ';') return s_.size();
      }
    }
    return s_.size();
  }

  // `//` and `#` comments end at the line break or just before `?>`, which closes PHP.
  std::size_t line_comment(std::size_t pos) {
    std::size_t i = pos;
    while (i < s_.size() && !is_line_break(s_[i]) && !(s_[i] == '?' && at(i + 1) == '>')) ++i;
    sink_.add_comment(pos, i);
    return i;
  }

  // A string literal whose quote (or `<<<`) is at quote and whose token starts at begin;
  // emits it and returns its end, or returns quote when there is none there.
  std::size_t string_literal(std::size_t begin, std::size_t quote) {
    std::string value;
    bool interpolated = false;
    std::size_t end = quote;
    if (at(quote) == '\'') {
      end = single_quoted(quote, value);
    } else if (at(quote) == '"') {
      end = double_quoted(quote, value, interpolated, 0);
    } else if (const HeredocHeader h = heredoc_header(quote); h.valid) {
      end = heredoc(h, value, interpolated, 0);
    } else {
      return quote;
    }
    Token& t = sink_.add(TokKind::string, begin, end);
    t.value = std::move(value);
    t.interpolated = interpolated;
    return end;
  }

  // '…': only \\ and \' are escapes.
  std::size_t single_quoted(std::size_t pos, std::string& out) const {
    std::size_t i = pos + 1;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '\'') return i + 1;
      if (c == '\\' && (at(i + 1) == '\\' || at(i + 1) == '\'')) {
        out += s_[i + 1];
        i += 2;
      } else {
        out += c;
        ++i;
      }
    }
    return s_.size();
  }

  // "…" with escapes and interpolation.
  std::size_t double_quoted(std::size_t pos, std::string& out, bool& interpolated, int depth) {
    if (depth > kMaxNesting) return s_.size();
    std::size_t i = pos + 1;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '"') return i + 1;
      i = literal_part(i, out, interpolated, depth, false);
    }
    return s_.size();
  }

  // One step through the body of a "…" string or heredoc at i (not its terminator): an
  // escape, an interpolation, or one byte. Returns where the next step starts.
  std::size_t literal_part(std::size_t i, std::string& out, bool& interpolated, int depth, bool heredoc) {
    const char c = s_[i];
    if (c == '\\') return escape(i, out, heredoc);
    if (c == '$' || c == '{') {
      const std::size_t end = interpolation(i, depth);
      if (end != i) {
        out += kInterpolation;
        interpolated = true;
        return end;
      }
    }
    out += c;
    return i + 1;
  }

  // A backslash at i in "…" or a heredoc. Unknown escapes stay as written; so does a
  // backslash before a line break, which the caller must still see (heredoc line starts).
  std::size_t escape(std::size_t i, std::string& out, bool heredoc) const {
    const char e = at(i + 1);
    switch (e) {
      case 'n':
        out += '\n';
        return i + 2;
      case 't':
        out += '\t';
        return i + 2;
      case 'r':
        out += '\r';
        return i + 2;
      case 'v':
        out += '\v';
        return i + 2;
      case 'e':
        out += '\x1B';
        return i + 2;
      case 'f':
        out += '\f';
        return i + 2;
      case '\\':
        out += '\\';
        return i + 2;
      case '$':
        out += '$';
        return i + 2;
      default:
        break;
    }
    if (e == '"' && !heredoc) {
      out += '"';
      return i + 2;
    }
    if (e >= '0' && e <= '7') {  // up to three octal digits; PHP keeps the low byte
      std::size_t j = i + 1;
      unsigned v = 0;
      while (j < i + 4 && at(j) >= '0' && at(j) <= '7') v = v * 8 + static_cast<unsigned>(s_[j++] - '0');
      out += static_cast<char>(v & 0xFF);
      return j;
    }
    std::uint32_t v = 0;
    if (e == 'x') {
      if (const std::size_t n = parse_hex(s_, i + 2, 1, 2, v)) {
        out += static_cast<char>(v);
        return i + 2 + n;
      }
    }
    if (e == 'u' && at(i + 2) == '{') {
      const std::size_t n = parse_hex(s_, i + 3, 1, 8, v);
      if (n > 0 && at(i + 3 + n) == '}') {
        append_utf8(out, v);
        return i + 4 + n;
      }
    }
    out += '\\';
    if (i + 1 < s_.size() && !is_line_break(e)) {
      out += e;
      return i + 2;
    }
    return i + 1;
  }

  // An interpolation starting at i ('$' or '{'); returns its end, or i when there is none.
  std::size_t interpolation(std::size_t i, int depth) {
    if (s_[i] == '{') return at(i + 1) == '$' ? skip_code(i + 1, depth) : i;
    if (at(i + 1) == '{') return skip_code(i + 2, depth);  // ${expr}
    if (!is_ident_start(at(i + 1))) return i;
    // Simple syntax: $name, then one [key] or ->prop (or ?->prop).
    std::size_t j = scan_while(s_, i + 1, is_ident_char);
    if (at(j) == '[') {
      std::size_t k = j + 1;
      if (at(k) == '-') ++k;
      if (at(k) == '$') ++k;
      const std::size_t key_end = scan_while(s_, k, is_ident_char);
      if (key_end > k && at(key_end) == ']') return key_end + 1;
    } else if (has(j, "->") && is_ident_start(at(j + 2))) {
      return scan_while(s_, j + 2, is_ident_char);
    } else if (has(j, "?->") && is_ident_start(at(j + 3))) {
      return scan_while(s_, j + 3, is_ident_char);
    }
    return j;
  }

  // PHP code inside `{$…}` or `${…}` from pos; returns the end of its closing brace.
  std::size_t skip_code(std::size_t pos, int depth) {
    std::string scratch;
    bool ignored = false;
    return skip_embedded_code(s_, pos, '{', '}', [&](std::size_t i) {
      const char c = s_[i], next = at(i + 1);
      scratch.clear();
      if (c == '\'') return single_quoted(i, scratch);
      if (c == '"') return double_quoted(i, scratch, ignored, depth + 1);
      if (const HeredocHeader h = heredoc_header(i); h.valid) return heredoc(h, scratch, ignored, depth + 1);
      if (c == '/' && next == '*') return skip_block_comment(s_, i, false);
      if ((c == '#' && next != '[') || (c == '/' && next == '/')) return line_end(s_, i);
      return i;
    });
  }

  HeredocHeader heredoc_header(std::size_t pos) const {
    HeredocHeader h;
    if (!has(pos, "<<<")) return h;
    std::size_t i = scan_while(s_, pos + 3, is_space_or_tab);
    const char quote = at(i);
    if (quote == '"' || quote == '\'') ++i;
    if (!is_ident_start(at(i))) return h;
    const std::size_t label_end = scan_while(s_, i, is_ident_char);
    h.label = s_.substr(i, label_end - i);
    i = label_end;
    if (quote == '"' || quote == '\'') {
      if (at(i) != quote) return h;
      ++i;
    }
    const std::size_t br = line_break_length(s_, i);
    if (br == 0) return h;
    h.valid = true;
    h.nowdoc = quote == '\'';
    h.body = i + br;
    return h;
  }

  // The body of a heredoc or nowdoc up to and including its closing label.
  std::size_t heredoc(const HeredocHeader& h, std::string& out, bool& interpolated, int depth) {
    if (depth > kMaxNesting) return s_.size();
    IndentedValue value;
    std::size_t i = h.body;
    std::size_t line_break = 0;  // bytes of value the line break before line i produced
    bool line_start = true;
    while (true) {
      if (line_start) {
        line_start = false;
        const std::size_t blanks = scan_while(s_, i, is_space_or_tab) - i;
        value.begin_line(line_break, i, blanks);
        const std::size_t label = i + blanks;
        if (has(label, h.label) && !is_ident_char(at(label + h.label.size()))) {
          out += value.finish_on_own_line();
          return label + h.label.size();
        }
      }
      if (i >= s_.size()) break;
      if (const std::size_t br = line_break_length(s_, i)) {
        value.text().append(s_.substr(i, br));
        i += br;
        line_break = br;
        line_start = true;
      } else if (h.nowdoc) {
        value.text() += s_[i++];
      } else {
        i = literal_part(i, value.text(), interpolated, depth, true);
      }
    }
    out += value.finish();
    return s_.size();
  }

  std::string_view s_;
  TokenSink sink_;
  bool halting_ = false;  // seen __halt_compiler: stop after its ';' or '?>'
};

}  // namespace

LexResult lex_php(std::string_view source) { return PhpLexer(clamp_source(source)).run(); }

}  // namespace capmig::lang
