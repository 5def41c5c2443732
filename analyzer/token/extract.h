#pragma once
// Finds JWT-shaped substrings in arbitrary text (logs, HAR files, source, .env): every JWS
// header starts "eyJ" ('{"' in base64url), so a cheap scan for it precedes any decoding.
#include <optional>
#include <string_view>
#include <vector>

namespace capmig::token {

struct JwtSpan {
  std::size_t offset;
  std::string_view text;
};

// Three base64url parts, the first two starting "eyJ", the third possibly empty
// (alg none), delimited by characters outside [A-Za-z0-9_.-].
std::vector<JwtSpan> find_jwts(std::string_view text);

// The first such JWT at or after `from` (memmem finds the "eyJ" candidates), so a streaming
// reader can stop when its batch is full and resume at the span's end.
std::optional<JwtSpan> next_jwt(std::string_view text, std::size_t from);

// A JWT's own characters: where a JWT-shaped run cut by a chunk boundary may continue.
inline bool is_jwt_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

}  // namespace capmig::token
