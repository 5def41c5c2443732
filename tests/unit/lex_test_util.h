#pragma once
// Helpers shared by the hand-written lexers' unit tests (tests/unit/test_lex_*.cpp): token
// rendering and the offset invariants every lexer must keep, even on garbage.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/scan/lex/token.h"

namespace capmig::scan::lextest {

inline char kind_letter(TokKind k) {
  switch (k) {
    case TokKind::identifier: return 'i';
    case TokKind::string: return 's';
    case TokKind::number: return 'n';
    case TokKind::symbol: return 'y';
    case TokKind::regex: return 'r';
    case TokKind::punct: return 'p';
  }
  return '?';
}

// "i:const", "s:'twilio'", "p:(" ... one entry per token.
inline std::vector<std::string> texts(std::string_view src, const LexResult& r) {
  std::vector<std::string> out;
  for (const Token& t : r.tokens)
    out.push_back(std::string(1, kind_letter(t.kind)) + ":" + std::string(t.text(src)));
  return out;
}

// One line per token: kind, text as written, and for strings " => value" (+ " [i]" when
// interpolated), so a failing check shows the whole stream.
inline std::vector<std::string> render(std::string_view src, const LexResult& r) {
  std::vector<std::string> out;
  for (const Token& t : r.tokens) {
    std::string line;
    switch (t.kind) {
      case TokKind::identifier: line = "id "; break;
      case TokKind::string: line = "s "; break;
      case TokKind::number: line = "n "; break;
      case TokKind::punct: line = "p "; break;
      default: line = "? "; break;
    }
    line += t.text(src);
    if (t.kind == TokKind::string) line += " => " + t.value + (t.interpolated ? " [i]" : "");
    out.push_back(line);
  }
  return out;
}

// Every token covers at least one byte, in range and in order; comments in range.
inline void check_well_formed(std::string_view src, const LexResult& r) {
  std::uint32_t last_end = 0;
  for (std::size_t k = 0; k < r.tokens.size(); ++k) {
    const Token& t = r.tokens[k];
    REQUIRE(t.begin < t.end);
    REQUIRE(t.end <= src.size());
    if (k > 0) REQUIRE(t.begin >= last_end);
    last_end = t.end;
  }
  for (const Span& c : r.comments) {
    REQUIRE(c.begin <= c.end);
    REQUIRE(c.end <= src.size());
  }
}

// Offsets in range, tokens and comments in order and never overlapping each other.
inline void check_invariants(std::string_view src, const LexResult& r) {
  std::size_t prev = 0;
  for (const Token& t : r.tokens) {
    REQUIRE(t.begin < t.end);
    REQUIRE(t.end <= src.size());
    REQUIRE(t.begin >= prev);
    prev = t.end;
  }
  prev = 0;
  for (const Span& c : r.comments) {
    REQUIRE(c.begin <= c.end);
    REQUIRE(c.end <= src.size());
    REQUIRE(c.begin >= prev);
    prev = c.end;
    for (const Token& t : r.tokens) REQUIRE((t.end <= c.begin || t.begin >= c.end));
  }
}

}  // namespace capmig::scan::lextest
