#include "analyzer/jwt/base64url.h"

#include <array>
#include <cstdint>

namespace capmig::jwt {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::array<std::int8_t, 256> make_table() {
  std::array<std::int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
  return t;
}
constexpr auto kTable = make_table();

// kShifted[k][c]: character c's six bits already in place for position k of a group of
// four (bits 18-23, 12-17, 6-11, 0-5); an invalid character sets bit 31 instead, so one
// OR of four lookups both assembles the three bytes and flags any bad character.
constexpr std::array<std::array<std::uint32_t, 256>, 4> make_shifted() {
  std::array<std::array<std::uint32_t, 256>, 4> t{};
  for (int k = 0; k < 4; ++k)
    for (int c = 0; c < 256; ++c)
      t[k][c] = kTable[c] < 0 ? 0x80000000u : static_cast<std::uint32_t>(kTable[c]) << (18 - 6 * k);
  return t;
}
constexpr auto kShifted = make_shifted();

}  // namespace

std::string base64url_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  std::size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2];
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (std::size_t rest = in.size() - i; rest > 0) {
    std::uint32_t v = std::uint32_t{p[i]} << 16;
    if (rest == 2) v |= std::uint32_t{p[i + 1]} << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (rest == 2) out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

bool base64url_decode_to(std::string_view text, char* out, std::size_t* where) {
  auto fail = [&](std::size_t at) {
    if (where) *where = at;
    return false;
  };
  const std::size_t n = text.size();
  if (n % 4 == 1) return fail(n - 1);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  // The first invalid character at or after `from` (one is known to be there).
  auto first_invalid = [&](std::size_t from) {
    while (kTable[p[from]] >= 0) ++from;
    return from;
  };
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4, out += 3) {
    const std::uint32_t v = kShifted[0][p[i]] | kShifted[1][p[i + 1]] | kShifted[2][p[i + 2]] | kShifted[3][p[i + 3]];
    if (v & 0x80000000u) return fail(first_invalid(i));
    out[0] = static_cast<char>(v >> 16);
    out[1] = static_cast<char>((v >> 8) & 0xFF);
    out[2] = static_cast<char>(v & 0xFF);
  }
  if (const std::size_t rest = n - i; rest > 0) {  // 2 or 3 characters: 1 or 2 bytes
    // NOLINTNEXTLINE(bugprone-signed-char-misuse): the table is signed on purpose, -1 = invalid
    const std::int32_t a = kTable[p[i]], b = kTable[p[i + 1]], c = rest == 3 ? kTable[p[i + 2]] : 0;
    if ((a | b | c) < 0) return fail(first_invalid(i));
    const auto v = static_cast<std::uint32_t>((a << 18) | (b << 12) | (c << 6));
    // The bits past the last whole byte must be zero: a canonical encoding.
    if ((rest == 2 ? (v & 0xFFFF) : (v & 0xFF)) != 0) return fail(n - 1);
    out[0] = static_cast<char>(v >> 16);
    if (rest == 3) out[1] = static_cast<char>((v >> 8) & 0xFF);
  }
  return true;
}

std::optional<std::string> base64url_decode(std::string_view text, std::size_t* where) {
  std::string out(base64url_decoded_size(text.size()), '\0');
  if (!base64url_decode_to(text, out.data(), where)) return std::nullopt;
  return out;
}

}  // namespace capmig::jwt
