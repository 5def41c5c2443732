// C, C++ and Objective-C through libclang's own lexer (clang_tokenize), shaped into the common
// token stream: comments recorded and dropped, `#if 0` blocks dropped like comments, string
// literals decoded, ObjC `@"…"` / `@interface` joined into one token.
//
// Decisions (see also the notes at each step):
// - Every language is lexed as Objective-C++. It is a lexical superset of the three: it adds
//   raw strings, `::`, digit separators and `@` tokens, none of which valid C or ObjC code
//   spells differently. `.m` and `.mm` share Language::objc, and `.h` (Language::c) is as often
//   an ObjC or C++ header as a C one, so one superset lexer tokenizes all of them faithfully.
// - libclang tokenizes only files of a translation unit, and parsing one costs far more than
//   lexing it. The buffer handed to clang is therefore the source behind one ^Z byte: with
//   -fms-extensions clang's preprocessor takes ^Z as end of file, so the parse sees an empty
//   file, while clang_tokenize lexes the source range behind it with the same lexer. The only
//   effects on tokens: `#@` is one token, and a ^Z in the source also stops clang_tokenize,
//   so we emit it as punctuation and tokenize on from the byte after it. (Checked: identical
//   tokens with and without the trick on 2,500 system headers and sources.)
// - Character literals ('a', L'x', u8'c') are `number`s: in C they are integer constants, and
//   nothing capmig looks for (tokens, scopes, SIDs) fits in one.
// - `#if 0` (and any branch of a conditional that is constant-false, like the `#else` of
//   `#if 1`) is dead code: its tokens are dropped and its extent is recorded among the comments.
//   Conditions that depend on macros keep every branch, since we cannot know which is built.
// - ObjC `@"…"` is one string token covering the `@`; `@interface`, `@end`, `@selector`… are
//   one identifier each.
// - An unterminated string literal is a string token up to the end of its line (clang's
//   tok::unknown); other stray bytes are punct. A leading BOM and Unicode spaces are blanks.
// - newline_before counts line breaks in blanks and comments, not those a `\` splice removes,
//   so a continued macro or string reads as the one logical line it is.
// - When libclang refuses (parse failure, a crash it recovered from, a source over 1 GiB), a
//   small lexer of our own produces the same kinds of tokens; it handles comments, all literal
//   forms and multi-character operators, so results degrade little (the tests compare both).
#include <clang-c/Index.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/utf8.h"
#include "analyzer/lang/token.h"

namespace capmig::lang {

// Test hook: the fallback lexer alone (declared again in tests/unit/test_lex_clang.cpp).
namespace detail {
LexResult lex_clang_fallback(std::string_view source, Language language);
}

namespace {

// One lexeme as clang reports it, before shaping. `kind` uses libclang's categories; an
// unterminated string or character literal is CXToken_Punctuation (clang's tok::unknown).
struct RawToken {
  CXTokenKind kind = CXToken_Punctuation;
  std::uint32_t begin = 0, end = 0;
};

constexpr char kEndOfFile = '\x1A';                    // ^Z: end of file for clang with -fms-extensions
constexpr const char* kVirtualPath = "/capmig/input";  // never on disk: an unsaved file
// Offsets are 32-bit here and clang's address space is 2 GiB shared with its own buffers.
constexpr std::size_t kMaxClangSource = std::size_t{1} << 30;
constexpr std::size_t kKeepUnitBelow = std::size_t{1} << 20;

// ---------------------------------------------------------------------------------------
// Small character helpers.

bool is_hspace(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; }
bool is_newline(char c) { return c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

// Length of a line splice (backslash, optional spaces as clang allows, newline) at `i`, or 0.
std::size_t splice_length(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != '\\') return 0;
  std::size_t j = i + 1;
  while (j < s.size() && is_hspace(s[j])) ++j;
  if (j >= s.size() || !is_newline(s[j])) return 0;
  if (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n') ++j;
  return j + 1 - i;
}

std::size_t skip_splices(std::string_view s, std::size_t i) {
  while (std::size_t n = splice_length(s, i)) i += n;
  return i;
}

// A line break that ends a logical line (not one removed by a splice) within [from, to).
bool has_line_break(std::string_view s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (s[i] == '\\') {
      if (std::size_t n = splice_length(s, i)) i += n - 1;
    } else if (is_newline(s[i])) {
      return true;
    }
  }
  return false;
}

// `/*` possibly split by splices, starting at i.
bool block_comment_opens(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != '/') return false;
  std::size_t j = skip_splices(s, i + 1);
  return j < s.size() && s[j] == '*';
}

// A UTF-8 byte order mark: clang skips it only at the start of its buffer, which is our ^Z.
std::size_t bom_length(std::string_view s) { return s.starts_with("\xEF\xBB\xBF") ? 3 : 0; }

// Exactly one Unicode space character (NBSP, U+2000..U+200A, U+3000, a stray BOM …).
bool is_unicode_space(std::string_view t) {
  // Overlong forms count too, as they always have here (clang should never make one a token).
  std::size_t end = 0;
  const auto cp = decode_utf8(t, end, Overlong::accept);
  if (!cp || end != t.size() || (t.size() != 2 && t.size() != 3)) return false;
  return *cp == 0x85 || *cp == 0xA0 || *cp == 0x1680 || *cp == 0x180E || (*cp >= 0x2000 && *cp <= 0x200A) ||
         *cp == 0x2028 || *cp == 0x2029 || *cp == 0x202F || *cp == 0x205F || *cp == 0x3000 || *cp == 0xFEFF;
}

// Text with line splices removed (translation phase 2), only copied when it has one.
std::string_view without_splices(std::string_view text, std::string& storage) {
  std::size_t first = text.find('\\');
  while (first != std::string_view::npos && splice_length(text, first) == 0) first = text.find('\\', first + 1);
  if (first == std::string_view::npos) return text;
  storage.assign(text.substr(0, first));
  for (std::size_t i = first; i < text.size();) {
    if (std::size_t n = splice_length(text, i)) {
      i += n;
    } else {
      storage += text[i++];
    }
  }
  return storage;
}

// ---------------------------------------------------------------------------------------
// libclang.

// What each thread keeps: its own CXIndex (never shared, created once) and one translation
// unit that every file of the thread is reparsed into. Reparsing skips the compiler driver
// and its toolchain search, so a file costs about 0.2 ms of setup instead of 0.55 ms.
class ThreadClang {
 public:
  ThreadClang() {
    // libclang's one-time global setup is not documented as thread-safe.
    static std::mutex creation;
    std::lock_guard lock(creation);
    index_ = clang_createIndex(/*excludeDeclarationsFromPCH=*/0, /*displayDiagnostics=*/0);
  }
  ~ThreadClang() {
    release();
    if (index_) clang_disposeIndex(index_);
  }
  ThreadClang(const ThreadClang&) = delete;
  ThreadClang& operator=(const ThreadClang&) = delete;

  // The translation unit with `buffer` as its main file, or nullptr if libclang fails.
  CXTranslationUnit load(std::string_view buffer) {
    CXUnsavedFile unsaved{kVirtualPath, buffer.data(), buffer.size()};
    if (tu_ && clang_reparseTranslationUnit(tu_, 1, &unsaved, clang_defaultReparseOptions(tu_)) == CXError_Success)
      return tu_;
    release();  // a failed reparse leaves the unit unusable
    if (!index_) return nullptr;
    // -x objective-c++: see the top of the file. -fms-extensions: ^Z ends the parse.
    // wasm32: the target with no GCC installation for the driver to search for and few
    // builtins to register. -undef, -nostdinc, -w: nothing else to set up.
    static constexpr std::array kArgs{
        "-x", "objective-c++", "-std=gnu++20", "-target", "wasm32", "-fms-extensions", "-undef", "-nostdinc", "-w"};
    if (clang_parseTranslationUnit2(index_, kVirtualPath, kArgs.data(), static_cast<int>(kArgs.size()), &unsaved, 1,
                                    CXTranslationUnit_SingleFileParse, &tu_) != CXError_Success)
      release();
    return tu_;
  }

  // Drops the unit (and the copy of the source libclang keeps in it).
  void release() {
    if (tu_) clang_disposeTranslationUnit(tu_);
    tu_ = nullptr;
  }

 private:
  CXIndex index_ = nullptr;
  CXTranslationUnit tu_ = nullptr;
};

class Tokens {
 public:
  Tokens(CXTranslationUnit tu, CXSourceRange range) : tu_(tu) { clang_tokenize(tu_, range, &tokens_, &count_); }
  ~Tokens() {
    if (tokens_) clang_disposeTokens(tu_, tokens_, count_);
  }
  Tokens(const Tokens&) = delete;
  Tokens& operator=(const Tokens&) = delete;
  std::span<const CXToken> get() const { return {tokens_, count_}; }

 private:
  CXTranslationUnit tu_;
  CXToken* tokens_ = nullptr;
  unsigned count_ = 0;
};

unsigned file_offset(CXSourceLocation location) {
  unsigned offset = 0;
  clang_getFileLocation(location, nullptr, nullptr, nullptr, &offset);
  return offset;
}

// The public way to a token's end, clang_getTokenExtent, re-lexes the token (about 1 µs each,
// most of the time spent on a large file); clang_tokenize has already stored the length in
// int_data[2], where libclang has kept it since 2010. Using it is checked against the public
// API on every file, so a layout change would cost speed, not correctness.
bool stored_length_agrees(CXTranslationUnit tu, const CXToken& token) {
  CXSourceRange extent = clang_getTokenExtent(tu, token);
  return file_offset(clang_getRangeEnd(extent)) - file_offset(clang_getRangeStart(extent)) == token.int_data[2];
}

// Appends the raw tokens of buffer[from, to) (source offsets are one less than the buffer's).
// Returns the buffer offset where clang stopped lexing.
unsigned tokenize_range(CXTranslationUnit tu, CXFile file, std::string_view buffer, unsigned from, unsigned to,
                        std::vector<RawToken>& out) {
  Tokens tokens(tu,
                clang_getRange(clang_getLocationForOffset(tu, file, from), clang_getLocationForOffset(tu, file, to)));
  std::span<const CXToken> all = tokens.get();
  bool use_stored_length = !all.empty() && stored_length_agrees(tu, all.front());
  out.reserve(out.size() + all.size());
  unsigned stopped = from;
  for (const CXToken& token : all) {
    unsigned begin = file_offset(clang_getTokenLocation(tu, token));
    unsigned end = 0;
    if (use_stored_length) {
      end = begin + token.int_data[2];
    } else {
      end = file_offset(clang_getRangeEnd(clang_getTokenExtent(tu, token)));
    }
    // Never trust an extent outside the range or going backwards.
    if (begin < stopped || end < begin || end > to) continue;
    // A token right after a line splice starts, for clang, at the backslash; ours starts at
    // its first character so that it reads as written (`::`, not `\<newline>::`).
    begin = std::min(static_cast<unsigned>(skip_splices(buffer, begin)), end);
    CXTokenKind kind = clang_getTokenKind(token);
    stopped = end;
    // White space to newer compilers; clang 14 lexes it as a stray character.
    if (kind == CXToken_Punctuation && is_unicode_space(buffer.substr(begin, end - begin))) continue;
    out.push_back({kind, begin - 1, end - 1});
  }
  return stopped;
}

std::optional<std::vector<RawToken>> clang_raw_tokens(std::string_view source) {
  thread_local ThreadClang clang;
  std::string buffer;
  buffer.reserve(source.size() + 1);
  buffer += kEndOfFile;
  buffer += source;
  CXTranslationUnit tu = clang.load(buffer);
  if (!tu) return std::nullopt;
  // A big file's copy is not worth keeping until the thread's next file.
  struct ReleaseIfBig {
    ThreadClang& clang;
    bool big;
    ~ReleaseIfBig() {
      if (big) clang.release();
    }
  } release_if_big{clang, source.size() > kKeepUnitBelow};
  CXFile file = clang_getFile(tu, kVirtualPath);
  if (!file) return std::nullopt;

  std::vector<RawToken> out;
  const std::string_view text = buffer;
  const auto size = static_cast<unsigned>(text.size());
  auto from = static_cast<unsigned>(1 + bom_length(source));
  while (from < size) {
    unsigned stopped = tokenize_range(tu, file, text, from, size, out);
    // Behind the last token there is only what clang skips: whitespace, NULs, splices, Unicode
    // spaces, an unterminated block comment (dropped silently, so record it here), or the ^Z
    // that stopped it. Anything else means clang gave up early: use the fallback lexer.
    std::size_t i = stopped;
    while (i < size && text[i] != kEndOfFile && !block_comment_opens(text, i)) {
      if (std::size_t n = splice_length(text, i)) {
        i += n;
      } else if (is_hspace(text[i]) || is_newline(text[i]) || text[i] == '\0' ||
                 static_cast<unsigned char>(text[i]) >= 0x80) {
        ++i;
      } else {
        return std::nullopt;
      }
    }
    if (i == size) break;
    if (text[i] != kEndOfFile) {
      out.push_back({CXToken_Comment, static_cast<std::uint32_t>(i - 1), size - 1});
      break;
    }
    out.push_back({CXToken_Punctuation, static_cast<std::uint32_t>(i - 1), static_cast<std::uint32_t>(i)});
    from = static_cast<unsigned>(i + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Fallback lexer: used only when libclang fails. Same lexeme boundaries as clang for ordinary
// code (the tests compare the two); cruder on invalid UTF-8 and odd whitespace.

// Longest first. `#@` is the Microsoft charize operator (clang lexes it with -fms-extensions).
constexpr std::array<std::string_view, 34> kOperators{
    "%:%:", "...", "<<=", ">>=", "->*", "<=>", "::", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&",
    "||",   "+=",  "-=",  "*=",  "/=",  "%=",  "&=", "^=", "|=", ".*", "##", "#@", "<:", ":>", "<%", "%>", "%:"};

class FallbackLexer {
 public:
  explicit FallbackLexer(std::string_view s) : s_(s), i_(bom_length(s)) {}

  std::vector<RawToken> run() {
    while (true) {
      i_ = skip_blank(i_);
      if (i_ >= s_.size()) break;
      std::size_t begin = i_;
      CXTokenKind kind = lex_one();
      out_.push_back({kind, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(i_)});
    }
    return std::move(out_);
  }

 private:
  // The character at i after any splices, and where the one after it starts.
  char at(std::size_t i) const {
    i = skip_splices(s_, i);
    return i < s_.size() ? s_[i] : '\0';
  }
  std::size_t next(std::size_t i) const { return skip_splices(s_, i) + 1; }

  std::size_t skip_blank(std::size_t i) const {
    while (i < s_.size()) {
      if (std::size_t n = splice_length(s_, i)) {
        i += n;
      } else if (is_hspace(s_[i]) || is_newline(s_[i]) || s_[i] == '\0') {
        ++i;
      } else {
        break;
      }
    }
    return i;
  }

  CXTokenKind lex_one() {
    char c = s_[i_];
    if (c == '/' && at(i_ + 1) == '/') {
      while (true) {  // to the end of the logical line
        i_ = skip_splices(s_, i_);
        if (i_ >= s_.size() || is_newline(s_[i_])) break;
        ++i_;
      }
      return CXToken_Comment;
    }
    if (c == '/' && at(i_ + 1) == '*') {
      std::size_t close = s_.find("*/", next(next(i_)));
      i_ = close == std::string_view::npos ? s_.size() : close + 2;
      return CXToken_Comment;
    }
    if (is_digit(c) || (c == '.' && is_digit(at(i_ + 1)))) return lex_number();
    if (c == '"' || c == '\'') return lex_quoted(c);
    if (is_ident_start(c)) {
      std::size_t end = i_;
      while (end < s_.size() && is_ident_char(at(end))) end = next(end);
      std::string storage;
      std::string_view word = without_splices(s_.substr(i_, end - i_), storage);
      char quote = at(end);
      bool raw = !word.empty() && word.back() == 'R';
      std::string_view prefix = raw ? word.substr(0, word.size() - 1) : word;
      bool is_prefix = prefix.empty() || prefix == "L" || prefix == "u" || prefix == "U" || prefix == "u8";
      if (is_prefix && raw && quote == '"') {
        i_ = end;
        return lex_raw_string();
      }
      if (is_prefix && !raw && (quote == '"' || quote == '\'')) {
        i_ = end;
        return lex_quoted(quote);
      }
      i_ = end;
      return CXToken_Identifier;
    }
    // C++11: `<::` is `<` `::` unless `:` or `>` follows (so `std::vector<::T>` works).
    if (s_.compare(i_, 3, "<::") == 0 && i_ + 3 < s_.size() && s_[i_ + 3] != ':' && s_[i_ + 3] != '>') {
      ++i_;
      return CXToken_Punctuation;
    }
    for (std::string_view op : kOperators) {
      if (s_.compare(i_, op.size(), op) == 0) {
        i_ += op.size();
        return CXToken_Punctuation;
      }
    }
    ++i_;  // a one-character operator, or a stray byte (clang's tok::unknown)
    return CXToken_Punctuation;
  }

  CXTokenKind lex_number() {
    // A pp-number: digits, letters, '.', digit separators, and signs after an exponent.
    char prev = '\0';
    while (i_ < s_.size()) {
      char c = at(i_);
      bool sign = (c == '+' || c == '-') && (prev == 'e' || prev == 'E' || prev == 'p' || prev == 'P');
      bool separator = c == '\'' && is_ident_char(at(next(i_)));
      if (!is_ident_char(c) && c != '.' && !sign && !separator) break;
      prev = c;
      i_ = next(i_);
    }
    i_ = std::min(i_, s_.size());
    return CXToken_Literal;
  }

  // "…" or '…' from the quote at i_ (and a prefix already consumed); unterminated at the end
  // of the line, as clang does, which makes it tok::unknown.
  CXTokenKind lex_quoted(char quote) {
    i_ = next(i_);
    while (i_ < s_.size()) {
      std::size_t here = skip_splices(s_, i_);
      if (here >= s_.size()) break;
      char c = s_[here];
      if (is_newline(c)) {
        i_ = here;
        return CXToken_Punctuation;
      }
      i_ = here + 1;
      if (c == quote) {
        // A user-defined literal suffix belongs to the token.
        while (i_ < s_.size() && is_ident_char(at(i_))) i_ = next(i_);
        i_ = std::min(i_, s_.size());
        return CXToken_Literal;
      }
      if (c == '\\') {
        std::size_t escaped = skip_splices(s_, i_);
        if (escaped < s_.size() && !is_newline(s_[escaped])) i_ = escaped + 1;
      }
    }
    i_ = s_.size();
    return CXToken_Punctuation;
  }

  // Characters clang allows in a raw string delimiter.
  static bool is_delimiter_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
           (c != '\0' && std::strchr("_{}[]#<>%:;.?*+-/^&|~!=,\"'", c) != nullptr);
  }

  // R"delim( … )delim" from the quote at i_; a bad delimiter makes clang skip to the next quote.
  CXTokenKind lex_raw_string() {
    std::size_t open = i_ + 1;
    while (open < s_.size() && open - i_ - 1 < 16 && is_delimiter_char(s_[open])) ++open;
    if (open >= s_.size() || s_[open] != '(') {
      std::size_t quote = s_.find('"', i_ + 1);
      i_ = quote == std::string_view::npos ? s_.size() : quote + 1;
      return CXToken_Punctuation;
    }
    std::string closing = ")";
    closing.append(s_.substr(i_ + 1, open - i_ - 1));
    closing += '"';
    std::size_t close = s_.find(closing, open + 1);
    if (close == std::string_view::npos) {
      i_ = s_.size();
      return CXToken_Punctuation;
    }
    i_ = close + closing.size();
    while (i_ < s_.size() && is_ident_char(s_[i_])) ++i_;
    return CXToken_Literal;
  }

  std::string_view s_;
  std::size_t i_;
  std::vector<RawToken> out_;
};

// ---------------------------------------------------------------------------------------
// String literal decoding.

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// \n \t …, \e (GNU's ESC); \\ \" \' \? and unknown escapes are the character itself, as in clang.
char simple_escape(char e) {
  constexpr std::string_view kNames = "ntrabfveE", kValues = "\n\t\r\a\b\f\v\x1B\x1B";
  std::size_t k = kNames.find(e);
  return k == std::string_view::npos ? e : kValues[k];
}

// Undoes escapes. In narrow and u8 literals \x and octal escapes are bytes (so "\xC3\xA9" is
// "é", as the compiler would store it); in L, u and U literals they are code units, written
// out as UTF-8. \u and \U are code points everywhere. Malformed escapes stay as written.
std::string decode_escapes(std::string_view body, bool wide) {
  std::string out;
  out.reserve(body.size());
  auto unit = [&](std::uint32_t v) {
    if (wide) {
      append_utf8(out, v);
    } else {
      out += static_cast<char>(v & 0xFF);
    }
  };
  for (std::size_t i = 0; i < body.size();) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i++];
      continue;
    }
    char e = body[i + 1];
    i += 2;
    switch (e) {
      case 'x': {
        std::uint32_t v = 0;
        std::size_t digits = 0;
        for (; i < body.size() && hex_value(body[i]) >= 0; ++i, ++digits)
          v = std::min<std::uint32_t>(v * 16 + static_cast<std::uint32_t>(hex_value(body[i])), 0x7FFFFFFF);
        if (digits == 0) {
          out += "\\x";
        } else {
          unit(v);
        }
        break;
      }
      case 'u':
      case 'U': {
        std::size_t need = e == 'u' ? 4 : 8;
        if (i + need > body.size() || !std::all_of(body.begin() + static_cast<std::ptrdiff_t>(i),
                                                   body.begin() + static_cast<std::ptrdiff_t>(i + need),
                                                   [](char c) { return hex_value(c) >= 0; })) {
          out += '\\';
          out += e;
          break;
        }
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < need; ++k) v = (v << 4) | static_cast<std::uint32_t>(hex_value(body[i + k]));
        i += need;
        append_utf8(out, v);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          std::uint32_t v = static_cast<std::uint32_t>(e - '0');
          for (int k = 0; k < 2 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++k)
            v = v * 8 + static_cast<std::uint32_t>(body[i++] - '0');
          unit(v);
        } else {
          out += simple_escape(e);
        }
    }
  }
  return out;
}

struct LiteralForm {
  std::size_t quote = std::string_view::npos;  // index of the opening quote
  bool raw = false, wide = false;
};

// The encoding prefix (L u U u8, optionally R) in front of a quote, if `text` starts with one.
LiteralForm literal_form(std::string_view text) {
  LiteralForm form;
  std::size_t i = 0;
  if (text.starts_with("u8")) {
    i = 2;
  } else if (!text.empty() && (text[0] == 'L' || text[0] == 'u' || text[0] == 'U')) {
    i = 1;
    form.wide = true;
  }
  if (i < text.size() && text[i] == 'R') {
    form.raw = true;
    ++i;
  }
  if (i < text.size() && (text[i] == '"' || (!form.raw && text[i] == '\''))) form.quote = i;
  return form;
}

// Decoded contents of a string literal spelled `text`; `terminated` is false for clang's
// tok::unknown (no closing quote before the end of the line, or of the file for raw strings).
std::string string_value(std::string_view text, const LiteralForm& form, bool terminated) {
  if (form.raw) {
    // Splices stay as written in raw strings, so `text` is used as spelled.
    std::size_t q = text.find('"');
    std::size_t open = text.find('(', q + 1);
    if (open == std::string_view::npos) return std::string(text.substr(q + 1));
    std::string_view delim = text.substr(q + 1, open - q - 1);
    std::size_t end = text.size();
    if (terminated) {
      std::size_t close = text.rfind('"');
      if (close != std::string_view::npos && close >= open + 1 + delim.size() + 1 &&
          text.substr(close - delim.size(), delim.size()) == delim && text[close - delim.size() - 1] == ')')
        end = close - delim.size() - 1;
    }
    return std::string(text.substr(open + 1, end - open - 1));
  }
  std::size_t begin = form.quote + 1;
  std::size_t end = text.size();
  if (terminated) {
    std::size_t close = text.rfind('"');  // a ud-suffix may follow the closing quote
    if (close != std::string_view::npos && close >= begin) end = close;
  }
  return decode_escapes(text.substr(begin, end - begin), form.wide);
}

// ---------------------------------------------------------------------------------------
// Preprocessor conditionals: constant-false branches (`#if 0`, the `#else` of `#if 1`) are
// dead code and dropped like comments. Anything depending on a macro is live, every branch.

enum class Truth { no, yes, unknown };

Truth both(Truth a, Truth b) {
  if (a == Truth::no || b == Truth::no) return Truth::no;
  return a == Truth::yes && b == Truth::yes ? Truth::yes : Truth::unknown;
}
Truth either(Truth a, Truth b) {
  if (a == Truth::yes || b == Truth::yes) return Truth::yes;
  return a == Truth::no && b == Truth::no ? Truth::no : Truth::unknown;
}

// Evaluates the `#if` expressions people write to switch code off: integers, true/false,
// defined(X), macros (unknown), ! && || and parentheses. Anything else is unknown.
class Condition {
 public:
  Condition(std::span<const std::string_view> words, bool cxx) : words_(words), cxx_(cxx) {}

  Truth evaluate() {
    Truth t = disjunction();
    return ok_ && pos_ == words_.size() ? t : Truth::unknown;
  }

 private:
  bool accept(std::string_view w) {
    if (pos_ < words_.size() && words_[pos_] == w) {
      ++pos_;
      return true;
    }
    return false;
  }

  Truth disjunction() {
    Truth t = conjunction();
    while (ok_ && (accept("||") || accept("or"))) t = either(t, conjunction());
    return t;
  }
  Truth conjunction() {
    Truth t = unary();
    while (ok_ && (accept("&&") || accept("and"))) t = both(t, unary());
    return t;
  }
  Truth unary() {
    if (pos_ >= words_.size()) {
      ok_ = false;
      return Truth::unknown;
    }
    if (accept("!") || accept("not")) {
      Truth t = unary();
      return t == Truth::unknown ? t : (t == Truth::yes ? Truth::no : Truth::yes);
    }
    if (accept("(")) {
      Truth t = disjunction();
      if (!accept(")")) ok_ = false;
      return t;
    }
    std::string_view w = words_[pos_++];
    if (w == "defined") {
      if (accept("(")) {
        ++pos_;
        if (!accept(")")) ok_ = false;
      } else {
        ++pos_;
      }
      return Truth::unknown;
    }
    if (is_digit(w[0])) return number(w);
    if (w == "false") return Truth::no;  // 0 in C++, and an undefined name (0) or 0 in C
    if (w == "true") return cxx_ ? Truth::yes : Truth::unknown;
    if (is_ident_start(w[0])) {
      if (accept("(")) {  // function-like macro: skip its arguments
        for (int depth = 1; depth > 0 && pos_ < words_.size(); ++pos_)
          depth += words_[pos_] == "(" ? 1 : words_[pos_] == ")" ? -1 : 0;
      }
      return Truth::unknown;
    }
    ok_ = false;
    return Truth::unknown;
  }

  static Truth number(std::string_view w) {
    while (!w.empty() && std::strchr("uUlLzZ", w.back())) w.remove_suffix(1);
    int base = 10;
    if (w.size() > 1 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
      base = 16;
      w.remove_prefix(2);
    } else if (w.size() > 1 && w[0] == '0' && (w[1] == 'b' || w[1] == 'B')) {
      base = 2;
      w.remove_prefix(2);
    }
    bool nonzero = false;
    for (char c : w) {
      int v = hex_value(c);
      if (c == '\'') continue;
      if (v < 0 || v >= base) return Truth::unknown;  // a float or a malformed number
      nonzero = nonzero || v != 0;
    }
    return nonzero ? Truth::yes : Truth::no;
  }

  std::span<const std::string_view> words_;
  bool cxx_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

struct Conditional {
  bool outer_dead = false;  // the whole #if … #endif sits in dead code
  bool taken = false;       // an earlier branch is certainly taken: later ones are dead
  bool dead = false;        // the current branch is dead
};

// ---------------------------------------------------------------------------------------
// Shaping raw lexemes into the common token stream.

class Shaper {
 public:
  Shaper(std::string_view source, std::span<const RawToken> raw, Language language)
      : src_(source), raw_(raw), cxx_(language != Language::c) {}

  LexResult run() {
    out_.tokens.reserve(raw_.size());
    std::size_t i = 0;
    while (i < raw_.size()) {
      const RawToken& t = raw_[i];
      note_gap(t);
      if (t.kind == CXToken_Comment) {
        comment(t, dead());
        ++i;
      } else if (at_line_start_ && is_hash(t)) {
        i = directive(i);
      } else {
        at_line_start_ = false;
        i = dead() ? drop(i) : emit(i);
      }
    }
    flush_dead();
    return std::move(out_);
  }

 private:
  std::string_view text(const RawToken& t) const { return src_.substr(t.begin, t.end - t.begin); }
  bool is_hash(const RawToken& t) const { return t.kind == CXToken_Punctuation && (text(t) == "#" || text(t) == "%:"); }
  bool dead() const { return !conds_.empty() && (conds_.back().outer_dead || conds_.back().dead); }

  // Line breaks in the whitespace before t (comments add theirs in comment()).
  void note_gap(const RawToken& t) {
    if (has_line_break(src_, prev_end_, t.begin)) {
      at_line_start_ = true;
      newline_ = true;
    }
    prev_end_ = t.end;
  }

  void comment(const RawToken& t, bool is_dead) {
    if (text(t).find_first_of("\n\r") != std::string_view::npos) newline_ = true;
    if (is_dead) {
      extend_dead(t);
    } else {
      flush_dead();
      out_.comments.push_back({t.begin, t.end});
    }
  }

  void extend_dead(const RawToken& t) {
    if (!dead_open_) dead_ = {t.begin, t.end};
    dead_.end = t.end;
    dead_open_ = true;
  }
  void flush_dead() {
    if (dead_open_) out_.comments.push_back(dead_);
    dead_open_ = false;
  }

  std::size_t drop(std::size_t i) {
    extend_dead(raw_[i]);
    return i + 1;
  }

  // A directive runs from `#` to the end of its logical line. Conditionals update the stack;
  // the directive line itself is kept when the code around it is live.
  std::size_t directive(std::size_t i) {
    std::size_t end = i + 1;
    while (end < raw_.size() && !has_line_break(src_, raw_[end - 1].end, raw_[end].begin)) ++end;
    std::vector<std::string_view> words;  // the line's words after `#`, comments skipped
    for (std::size_t k = i + 1; k < end; ++k)
      if (raw_[k].kind != CXToken_Comment) words.push_back(text(raw_[k]));
    std::string_view name = words.empty() ? std::string_view{} : words.front();
    std::span<const std::string_view> expr =
        words.empty() ? std::span<const std::string_view>{} : std::span<const std::string_view>(words).subspan(1);

    bool keep = !dead();
    if (name == "if" || name == "ifdef" || name == "ifndef") {
      Truth t = name == "if" ? Condition(expr, cxx_).evaluate() : Truth::unknown;
      conds_.push_back({dead(), t == Truth::yes, t == Truth::no});
    } else if (!conds_.empty() && (name == "elif" || name == "elifdef" || name == "elifndef")) {
      Conditional& c = conds_.back();
      keep = !c.outer_dead;
      Truth t = name == "elif" ? Condition(expr, cxx_).evaluate() : Truth::unknown;
      c.dead = c.taken || t == Truth::no;
      c.taken = c.taken || t == Truth::yes;
    } else if (!conds_.empty() && name == "else") {
      Conditional& c = conds_.back();
      keep = !c.outer_dead;
      c.dead = c.taken;
      c.taken = true;
    } else if (!conds_.empty() && name == "endif") {
      keep = !conds_.back().outer_dead;
      conds_.pop_back();
    }

    at_line_start_ = false;
    for (std::size_t k = i; k < end;) {
      if (k > i) note_gap(raw_[k]);
      if (raw_[k].kind == CXToken_Comment) {
        comment(raw_[k], !keep);
        ++k;
      } else {
        k = keep ? emit(k) : drop(k);
      }
    }
    return end;
  }

  // Emits raw_[i] (joined with the next lexeme for ObjC `@"…"` and `@name`); returns the index
  // after what was consumed.
  std::size_t emit(std::size_t i) {
    flush_dead();
    const RawToken& t = raw_[i];
    Token tok;
    tok.begin = t.begin;
    tok.end = t.end;
    tok.newline_before = newline_;
    newline_ = false;
    std::size_t consumed = 1;

    const RawToken* body = &t;
    if (t.kind == CXToken_Punctuation && text(t) == "@" && i + 1 < raw_.size() && raw_[i + 1].begin == t.end &&
        raw_[i + 1].kind != CXToken_Comment) {
      const RawToken& n = raw_[i + 1];
      bool word = n.kind == CXToken_Identifier || n.kind == CXToken_Keyword;
      if (word || string_like(n)) {
        body = &n;
        tok.end = n.end;
        prev_end_ = n.end;
        consumed = 2;
      }
    }

    if (body->kind == CXToken_Identifier || body->kind == CXToken_Keyword) {
      tok.kind = TokKind::identifier;
    } else if (string_like(*body)) {
      std::string storage;
      std::string_view clean = without_splices(text(*body), storage);
      LiteralForm form = literal_form(clean);
      tok.kind = TokKind::string;
      // Raw strings keep their splices (the standard reverts phase 2 inside them).
      tok.value = string_value(form.raw ? text(*body) : clean, form, body->kind == CXToken_Literal);
    } else if (body->kind == CXToken_Literal) {
      tok.kind = TokKind::number;  // numbers and character literals
    } else {
      tok.kind = TokKind::punct;
    }
    out_.tokens.push_back(std::move(tok));
    return i + consumed;
  }

  // A string literal, or an unterminated one (clang's tok::unknown starting with a quote).
  bool string_like(const RawToken& t) const {
    if (t.kind != CXToken_Literal && t.kind != CXToken_Punctuation) return false;
    std::string_view s = text(t);
    if (s.empty() || is_digit(s[0]) || s[0] == '.') return false;
    std::string storage;  // the prefix and quote are in the first few characters
    std::string_view head = without_splices(s.substr(0, 16), storage);
    LiteralForm form = literal_form(head);
    return form.quote != std::string_view::npos && head[form.quote] == '"';
  }

  std::string_view src_;
  std::span<const RawToken> raw_;
  bool cxx_;
  LexResult out_;
  std::uint32_t prev_end_ = 0;
  bool at_line_start_ = true;  // only blanks and comments since the last logical line break
  bool newline_ = false;       // a line break since the last emitted token
  std::vector<Conditional> conds_;
  Span dead_;
  bool dead_open_ = false;
};

}  // namespace

namespace detail {
LexResult lex_clang_fallback(std::string_view source, Language language) {
  source = source.substr(0, std::numeric_limits<std::uint32_t>::max());
  std::vector<RawToken> raw = FallbackLexer(source).run();
  return Shaper(source, raw, language).run();
}
}  // namespace detail

LexResult lex_clang(std::string_view source, Language language) {
  if (source.empty()) return {};
  if (source.size() < kMaxClangSource) {
    if (std::optional<std::vector<RawToken>> raw = clang_raw_tokens(source))
      return Shaper(source, *raw, language).run();
  }
  return detail::lex_clang_fallback(source, language);
}

}  // namespace capmig::lang
