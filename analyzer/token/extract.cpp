#include "analyzer/token/extract.h"

namespace capmig {
namespace {
bool b64(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}
}  // namespace

std::vector<JwtSpan> find_jwts(std::string_view text) {
  std::vector<JwtSpan> out;
  std::size_t pos = 0;
  while ((pos = text.find("eyJ", pos)) != std::string_view::npos) {
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
    if (ok && dots == 2) {
      out.push_back({pos, text.substr(pos, i - pos)});
      pos = i;
    } else {
      pos += 3;
    }
  }
  return out;
}

}  // namespace capmig
