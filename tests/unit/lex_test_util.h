#pragma once
// Helpers shared by the hand-written lexers' unit tests (tests/unit/test_lex_*.cpp): token
// rendering and the offset invariants every lexer must keep, even on garbage.
#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/lang/token.h"

namespace capmig::lang::lextest {

inline char kind_letter(TokKind k) {
  switch (k) {
    case TokKind::identifier:
      return 'i';
    case TokKind::string:
      return 's';
    case TokKind::number:
      return 'n';
    case TokKind::symbol:
      return 'y';
    case TokKind::regex:
      return 'r';
    case TokKind::punct:
      return 'p';
  }
  return '?';
}

// "i:const", "s:'twilio'", "p:(" ... one entry per token.
inline std::vector<std::string> texts(std::string_view src, const LexResult& r) {
  std::vector<std::string> out;
  for (const Token& t : r.tokens) out.push_back(std::string(1, kind_letter(t.kind)) + ":" + std::string(t.text(src)));
  return out;
}

// One line per token: kind, text as written, and for strings " => value" (+ " [i]" when
// interpolated), so a failing check shows the whole stream.
inline std::vector<std::string> render(std::string_view src, const LexResult& r) {
  std::vector<std::string> out;
  for (const Token& t : r.tokens) {
    std::string line;
    switch (t.kind) {
      case TokKind::identifier:
        line = "id ";
        break;
      case TokKind::string:
        line = "s ";
        break;
      case TokKind::number:
        line = "n ";
        break;
      case TokKind::punct:
        line = "p ";
        break;
      default:
        line = "? ";
        break;
    }
    line += t.text(src);
    if (t.kind == TokKind::string) line += " => " + t.value.str() + (t.interpolated ? " [i]" : "");
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

// Buffers for the robustness loops, deterministic per seed: iteration i draws the kind
// cycle[i % cycle.size()]. Each kind draws from the generator in a fixed order.
enum class Garbage {
  prefix,   // a truncated real snippet
  mutated,  // a real snippet with 3 bytes replaced by first bytes of pieces
  pieces,   // up to max_pieces syntax fragments
  bytes,    // bytes_prefix, then up to 63 arbitrary bytes (NULs included)
};

struct GarbageSource {
  std::vector<std::string> snippets;     // real code (one: drawn without the generator)
  std::vector<std::string_view> pieces;  // the language's syntax fragments
  std::size_t max_pieces = 64;
  std::string bytes_prefix;  // PHP needs "<?php " before its code
};

// Each character of `alphabet` as a one-byte piece.
inline std::vector<std::string_view> one_char_pieces(std::string_view alphabet) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < alphabet.size(); ++i) out.push_back(alphabet.substr(i, 1));
  return out;
}

// visit(buffer, iteration) for `count` buffers.
template <class Visit>
void for_each_garbage(std::uint32_t seed, int count, std::initializer_list<Garbage> cycle, const GarbageSource& g,
                      Visit visit) {
  std::mt19937 rng(seed);
  const std::vector<Garbage> kinds(cycle);
  auto snippet = [&]() -> const std::string& {
    return g.snippets.size() == 1 ? g.snippets[0] : g.snippets[rng() % g.snippets.size()];
  };
  for (int iter = 0; iter < count; ++iter) {
    std::string buf;
    switch (kinds[static_cast<std::size_t>(iter) % kinds.size()]) {
      case Garbage::prefix: {
        const std::string& s = snippet();
        buf = s.substr(0, rng() % (s.size() + 1));
        break;
      }
      case Garbage::mutated:
        buf = snippet();
        for (int k = 0; k < 3; ++k) buf[rng() % buf.size()] = g.pieces[rng() % g.pieces.size()][0];
        break;
      case Garbage::pieces: {
        const std::size_t n = rng() % g.max_pieces;
        for (std::size_t k = 0; k < n; ++k) buf += g.pieces[rng() % g.pieces.size()];
        break;
      }
      case Garbage::bytes: {
        const std::size_t n = rng() % 64;
        buf = g.bytes_prefix;
        for (std::size_t k = 0; k < n; ++k) buf += static_cast<char>(rng() % 256);
        break;
      }
    }
    visit(buf, iter);
  }
}

}  // namespace capmig::lang::lextest
