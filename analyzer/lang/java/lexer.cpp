// Java and Kotlin (kotlin = true); Groovy and Apex go through the Java mode, loosely.
//
// Choices worth knowing:
// - Java's \uXXXX is decoded inside string and char literals only (javac does it everywhere,
//   before lexing; a comment ended by `\u000a` is not recognised).
// - Text blocks follow JLS 3.10.6: line breaks normalised, incidental indentation and trailing
//   blanks stripped, then escapes (`\<line break>` joins lines).
// - Char literals are `string` tokens. So is a multi-character '…' (Groovy) and Groovy's
//   '''…'''; a Java "…" containing `${x}` stays a constant (Spring's @Value("${a.b}")).
// - Kotlin templates (`$name`, `${…}`) are not tokenized: the string is one token whose
//   value has "{…}" for each (token.h). Raw strings keep their text as written (trimIndent()
//   is a call, not syntax).
// - "…" and '…' cannot span lines: unterminated, they end at the line break.
// - `>` never joins a following `>` (`>>`, `>>>=`), so generic closers stay balanced;
//   `@Annotation` is `@` then a name; a Kotlin `name` in backticks is one identifier.
#include <array>
#include <string>

#include "analyzer/lang/lex_support.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {
namespace {

using namespace lexsupport;

// Groovy's `?.` and `?:` are in too, and Apex's `=>` (map literals): none can occur in valid Java.
constexpr std::array<std::string_view, 25> kJavaOperators{
    "<<=", "...", "->", "::", "==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=",
    "-=",  "*=",  "/=", "%=", "&=", "|=", "^=", "<<", "?.", "?:", "**", "=>",
};
constexpr std::array<std::string_view, 23> kKotlinOperators{
    "===", "!==", "..<", "->", "::", "?.", "?:", "!!", "..", "==", "!=", "<=",
    ">=",  "&&",  "||",  "++", "--", "+=", "-=", "*=", "/=", "%=", "=>",
};

constexpr bool is_java_ident_start(char c) { return is_ident_start(c) || c == '$'; }
constexpr bool is_java_ident_char(char c) { return is_ident_char(c) || c == '$'; }
constexpr bool is_java_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

class JavaLexer {
 public:
  JavaLexer(std::string_view source, bool kotlin) : s_(source), kotlin_(kotlin), sink_(source) {}

  LexResult run() {
    std::size_t i = skip_bom(s_);
    while (i < s_.size()) {
      const char c = s_[i];
      const char next = at(i + 1);
      if (is_space(c)) {
        ++i;
      } else if (c == '/' && next == '/') {
        sink_.add_comment(i, line_end(s_, i));
        i = line_end(s_, i);
      } else if (c == '/' && next == '*') {
        const std::size_t end = skip_block_comment(s_, i, kotlin_);
        sink_.add_comment(i, end);
        i = end;
      } else if (kotlin_ ? is_ident_start(c) : is_java_ident_start(c)) {
        const std::size_t end = scan_while(s_, i, kotlin_ ? is_ident_char : is_java_ident_char);
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (kotlin_ && c == '`') {
        const std::size_t end = backtick_end(i);
        sink_.add(TokKind::identifier, i, end);
        i = end;
      } else if (is_digit(c) || (c == '.' && is_digit(next))) {
        const std::size_t end = scan_number(s_, i, NumberSyntax::c_family);
        sink_.add(TokKind::number, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        std::string value;
        bool interpolated = false;
        const std::size_t end = literal(i, value, interpolated, 0);
        Token& t = sink_.add(TokKind::string, i, end);
        t.value = std::move(value);
        t.interpolated = interpolated;
        i = end;
      } else {
        std::size_t len = kotlin_ ? match_operator(s_, i, kKotlinOperators) : match_operator(s_, i, kJavaOperators);
        if (len == 0) len = 1;
        sink_.add(TokKind::punct, i, i + len);
        i += len;
      }
    }
    return sink_.take();
  }

 private:
  char at(std::size_t i) const { return i < s_.size() ? s_[i] : '\0'; }
  bool has(std::size_t i, std::string_view what) const { return i <= s_.size() && s_.substr(i).starts_with(what); }

  // A string or char literal of any form at pos; returns its end.
  std::size_t literal(std::size_t pos, std::string& out, bool& interpolated, int depth) {
    if (has(pos, "\"\"\"")) {
      return kotlin_ ? kotlin_raw(pos, out, interpolated, depth) : text_block(pos, out);
    }
    if (!kotlin_ && has(pos, "'''")) return groovy_triple(pos, out);
    return quoted(pos, out, interpolated, depth);
  }

  // "…" or '…' on one line, with escapes (and Kotlin templates in "…").
  std::size_t quoted(std::size_t pos, std::string& out, bool& interpolated, int depth) {
    if (depth > kMaxNesting) return s_.size();
    const char quote = s_[pos];
    std::size_t i = pos + 1;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == quote) return i + 1;
      if (is_line_break(c)) return i;
      if (c == '\\') {
        i = escape(s_, i, out, kotlin_, false);
      } else if (kotlin_ && quote == '"' && c == '$') {
        i = dollar(i, out, interpolated, depth);
      } else {
        out += c;
        ++i;
      }
    }
    return s_.size();
  }

  // A backslash escape at i in s (the source, or a text block's stripped content). Unknown
  // escapes are kept as written.
  static std::size_t escape(std::string_view s, std::size_t i, std::string& out, bool kotlin, bool text_block) {
    const char e = i + 1 < s.size() ? s[i + 1] : '\0';
    switch (e) {
      case 'b':
        out += '\b';
        return i + 2;
      case 't':
        out += '\t';
        return i + 2;
      case 'n':
        out += '\n';
        return i + 2;
      case 'r':
        out += '\r';
        return i + 2;
      case '"':
        out += '"';
        return i + 2;
      case '\'':
        out += '\'';
        return i + 2;
      case '\\':
        out += '\\';
        return i + 2;
      case 'u': {
        const std::size_t end = append_utf16_escape(s, i, !kotlin, out);
        if (end != i) return end;
        break;
      }
      default:
        break;
    }
    if (kotlin) {
      if (e == '$') {
        out += '$';
        return i + 2;
      }
    } else if (e == 'f' || e == 's') {
      out += e == 'f' ? '\f' : ' ';
      return i + 2;
    } else if (e >= '0' && e <= '7') {
      // \0 … \377: three digits only when the first is 0-3.
      const std::size_t max = e <= '3' ? 3 : 2;
      std::size_t j = i + 1;
      unsigned v = 0;
      while (j < i + 1 + max && j < s.size() && s[j] >= '0' && s[j] <= '7')
        v = v * 8 + static_cast<unsigned>(s[j++] - '0');
      append_utf8(out, v);
      return j;
    } else if (text_block && e == '\n') {
      return i + 2;  // line continuation
    }
    out += '\\';
    return i + 1;
  }

  // A '$' at i in a Kotlin string: a template (`$name` or `${…}`) or just a dollar sign.
  std::size_t dollar(std::size_t i, std::string& out, bool& interpolated, int depth) {
    std::size_t end = i;
    if (at(i + 1) == '{') {
      end = skip_code(i + 2, depth);
    } else if (is_ident_start(at(i + 1))) {
      end = scan_while(s_, i + 1, is_ident_char);
    } else {
      out += '$';
      return i + 1;
    }
    out += kInterpolation;
    interpolated = true;
    return end;
  }

  // Kotlin code inside `${…}` from pos; returns the end of its closing brace.
  std::size_t skip_code(std::size_t pos, int depth) {
    std::string scratch;
    bool ignored = false;
    return skip_embedded_code(s_, pos, '{', '}', [&](std::size_t i) {
      const char c = s_[i], next = at(i + 1);
      if (c == '"' || c == '\'') {
        scratch.clear();
        return literal(i, scratch, ignored, depth + 1);
      }
      if (c == '/' && next == '/') return line_end(s_, i);
      if (c == '/' && next == '*') return skip_block_comment(s_, i, true);
      if (c == '`') return backtick_end(i);
      return i;
    });
  }

  // Kotlin """…""": no escapes, templates still work. In a run of more than three quotes
  // the last three close the string and the rest are content.
  std::size_t kotlin_raw(std::size_t pos, std::string& out, bool& interpolated, int depth) {
    if (depth > kMaxNesting) return s_.size();
    std::size_t i = pos + 3;
    while (i < s_.size()) {
      const char c = s_[i];
      if (c == '"') {
        const std::size_t run = run_length(s_, i, '"');
        if (run >= 3) {
          out.append(run - 3, '"');
          return i + run;
        }
        out.append(run, '"');
        i += run;
      } else if (c == '$') {
        i = dollar(i, out, interpolated, depth);
      } else {
        out += c;
        ++i;
      }
    }
    return s_.size();
  }

  // Java """…""" text block (JLS 3.10.6). Javac wants a line break after the opening
  // delimiter; without one (Groovy) the content starts right after it.
  std::size_t text_block(std::size_t pos, std::string& out) const {
    std::size_t begin = scan_while(s_, pos + 3, is_java_blank);
    if (const std::size_t br = line_break_length(s_, begin)) {
      begin += br;
    } else {
      begin = pos + 3;
    }
    std::size_t close = begin;
    while (close < s_.size() && !has(close, "\"\"\"")) close += s_[close] == '\\' ? 2 : 1;
    close = std::min(close, s_.size());
    const std::size_t end = close < s_.size() ? close + 3 : s_.size();

    // Lines with line breaks normalised to LF.
    std::vector<std::string_view> lines;
    std::size_t start = begin;
    for (std::size_t i = begin; i < close;) {
      if (const std::size_t br = line_break_length(s_, i)) {
        lines.push_back(s_.substr(start, i - start));
        i += br;
        start = i;
      } else {
        ++i;
      }
    }
    lines.push_back(s_.substr(start, close - start));  // the closing delimiter's line

    // Incidental indentation: the least of the non-blank lines and the closing line.
    const auto blank_prefix = [](std::string_view l) {
      return scan_while(l, 0, [](char c) { return is_java_blank(c) || c == '\v'; });
    };
    std::size_t indent = std::string_view::npos;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      const bool blank = blank_prefix(lines[k]) == lines[k].size();
      if (!blank || k + 1 == lines.size()) indent = std::min(indent, blank_prefix(lines[k]));
    }
    std::string stripped;
    for (std::size_t k = 0; k < lines.size(); ++k) {
      std::string_view l = lines[k];
      if (blank_prefix(l) == l.size()) {
        l = {};
      } else {
        l.remove_prefix(std::min(indent, l.size()));
        while (!l.empty() && (is_java_blank(l.back()) || l.back() == '\v')) l.remove_suffix(1);
      }
      stripped += l;
      if (k + 1 < lines.size()) stripped += '\n';
    }

    for (std::size_t i = 0; i < stripped.size();) {
      if (stripped[i] == '\\') {
        i = escape(stripped, i, out, false, true);
      } else {
        out += stripped[i++];
      }
    }
    return end;
  }

  // Groovy '''…''': multi-line, Java escapes, no interpolation in the Java mode.
  std::size_t groovy_triple(std::size_t pos, std::string& out) const {
    std::size_t i = pos + 3;
    while (i < s_.size()) {
      if (has(i, "'''")) return i + 3;
      if (s_[i] == '\\') {
        i = escape(s_, i, out, false, false);
      } else {
        out += s_[i++];
      }
    }
    return s_.size();
  }

  // `name with spaces` in Kotlin: to the closing backtick, or the end of the line.
  std::size_t backtick_end(std::size_t pos) const {
    std::size_t i = pos + 1;
    while (i < s_.size() && s_[i] != '`' && !is_line_break(s_[i])) ++i;
    return i < s_.size() && s_[i] == '`' ? i + 1 : i;
  }

  std::string_view s_;
  bool kotlin_;
  TokenSink sink_;
};

}  // namespace

LexResult lex_java(std::string_view source, bool kotlin) { return JavaLexer(clamp_source(source), kotlin).run(); }

}  // namespace capmig::lang
