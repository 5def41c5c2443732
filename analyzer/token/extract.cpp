#include "analyzer/token/extract.h"

#include <array>

#include "analyzer/core/byte_scan.h"

namespace capmig::token {
namespace {
// Each byte's class in a table: a token's body is hundreds of bytes, and one load per byte
// is what keeps that walk cheap next to the vector search for its start.
enum : unsigned char { kOther = 0, kB64 = 1, kDot = 2 };
constexpr auto kClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool b = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    t[static_cast<std::size_t>(c)] = b ? kB64 : c == '.' ? kDot : kOther;
  }
  return t;
}();
unsigned char cls(char c) { return kClass[static_cast<unsigned char>(c)]; }

// The prefilter: "eyJ" candidates a vector at a time (analyzer/core/byte_scan), so a log
// line without a token costs about a cycle per 32 bytes.
std::size_t find_eyj(std::string_view text, std::size_t from) { return find_marker3(text, from, "eyJ"); }
}  // namespace

std::optional<JwtSpan> next_jwt(std::string_view text, std::size_t pos) {
  const char* p = text.data();
  const std::size_t n = text.size();
  while ((pos = find_eyj(text, pos)) != std::string_view::npos) {
    if (pos > 0 && cls(p[pos - 1]) != kOther) {  // inside a longer run
      pos += 3;
      continue;
    }
    std::size_t i = pos + 3, dots = 0, part_start = pos;
    bool ok = true;
    for (;;) {
      while (i < n && cls(p[i]) == kB64) ++i;
      if (i == n || p[i] != '.') break;
      if (++dots > 2 || i == part_start) {
        ok = false;
        break;
      }
      part_start = ++i;
      if (dots == 1 && !(n - i >= 3 && p[i] == 'e' && p[i + 1] == 'y' && p[i + 2] == 'J')) {
        ok = false;
        break;
      }
    }
    if (ok && dots == 2) return JwtSpan{pos, text.substr(pos, i - pos)};
    pos += 3;
  }
  return std::nullopt;
}

std::vector<JwtSpan> find_jwts(std::string_view text) {
  std::vector<JwtSpan> out;
  std::size_t pos = 0;
  while (auto span = next_jwt(text, pos)) {
    pos = span->offset + span->text.size();
    out.push_back(*span);
  }
  return out;
}

}  // namespace capmig::token
