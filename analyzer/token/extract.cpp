#include "analyzer/token/extract.h"

#include <cstring>

namespace capmig {
namespace {
bool b64(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// glibc's memmem is vectorised; string_view::find walks a character at a time.
std::size_t find_eyj(std::string_view text, std::size_t from) {
  if (from >= text.size()) return std::string_view::npos;
  const void* p = ::memmem(text.data() + from, text.size() - from, "eyJ", 3);
  return p ? static_cast<std::size_t>(static_cast<const char*>(p) - text.data()) : std::string_view::npos;
}
}  // namespace

std::optional<JwtSpan> next_jwt(std::string_view text, std::size_t pos) {
  while ((pos = find_eyj(text, pos)) != std::string_view::npos) {
    if (pos > 0 && (b64(text[pos - 1]) || text[pos - 1] == '.')) {  // inside a longer run
      pos += 3;
      continue;
    }
    std::size_t i = pos, dots = 0, part_start = pos;
    bool ok = true;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (b64(c)) continue;
      if (c != '.') break;
      if (++dots > 2 || i == part_start) {
        ok = false;
        break;
      }
      part_start = i + 1;
      if (dots == 1 && text.substr(part_start, 3) != "eyJ") {
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

}  // namespace capmig
