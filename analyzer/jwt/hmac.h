#pragma once
// HMAC-SHA2 signing for HS256/HS384/HS512 on OpenSSL.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace capmig::jwt {

enum class HmacAlg { HS256, HS384, HS512 };

std::optional<HmacAlg> hmac_alg_from_name(std::string_view name);  // case-sensitive
std::string_view to_string(HmacAlg alg);

inline constexpr std::size_t kMaxMacBytes = 64;  // HS512

std::string hmac(HmacAlg alg, std::string_view key, std::string_view data);

// The MAC into out[0..kMaxMacBytes); returns its length. Each thread keeps a few keyed HMAC
// contexts, one per (algorithm, key) it lately used, so tokens under the same key pay the
// digest fetch and key schedule once instead of per token (what one-shot HMAC() redoes).
std::size_t hmac_to(HmacAlg alg, std::string_view key, std::string_view data, unsigned char* out);

// Constant-time comparison (CRYPTO_memcmp): a MAC check must not leak the matching prefix.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace capmig::jwt
