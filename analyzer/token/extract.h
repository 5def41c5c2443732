#pragma once
// Finds JWT-shaped substrings in arbitrary text (logs, HAR files, source, .env): every JWS
// header starts "eyJ" ('{"' in base64url), so a cheap scan for it precedes any decoding.
#include <string_view>
#include <vector>

namespace capmig {

struct JwtSpan {
  std::size_t offset;
  std::string_view text;
};

// Three base64url parts, the first two starting "eyJ", the third possibly empty
// (alg none), delimited by characters outside [A-Za-z0-9_.-].
std::vector<JwtSpan> find_jwts(std::string_view text);

}  // namespace capmig
