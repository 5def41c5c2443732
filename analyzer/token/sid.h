#pragma once
// Twilio SID shapes (TOKENS.md §6): a two-letter prefix and 32 hex digits, any case.
#include <string_view>

namespace capmig {

inline bool is_sid(std::string_view s, std::string_view prefix) {
  if (s.size() != 34 || s.substr(0, 2) != prefix) return false;
  for (char c : s.substr(2))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}
inline bool is_account_sid(std::string_view s) { return is_sid(s, "AC"); }
inline bool is_api_key_sid(std::string_view s) { return is_sid(s, "SK"); }
inline bool is_application_sid(std::string_view s) { return is_sid(s, "AP"); }

}  // namespace capmig
