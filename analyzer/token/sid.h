#pragma once
// Twilio SID shapes (TOKENS.md §6): a two-letter prefix and 32 hex digits, any case.
#include <array>
#include <string_view>

namespace capmig::token {

inline bool is_sid(std::string_view s, std::string_view prefix) {
  if (s.size() != 34 || s.substr(0, 2) != prefix) return false;
  static constexpr auto kHex = [] {
    std::array<bool, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = true;
    for (int c = 'a'; c <= 'f'; ++c) {
      const int upper = c - 'a' + 'A';
      t[static_cast<std::size_t>(c)] = t[static_cast<std::size_t>(upper)] = true;
    }
    return t;
  }();
  bool hex = true;  // no early exit: 32 table reads, no branches
  for (char c : s.substr(2)) hex &= kHex[static_cast<unsigned char>(c)];
  return hex;
}
inline bool is_account_sid(std::string_view s) { return is_sid(s, "AC"); }
inline bool is_api_key_sid(std::string_view s) { return is_sid(s, "SK"); }
inline bool is_application_sid(std::string_view s) { return is_sid(s, "AP"); }

}  // namespace capmig::token
