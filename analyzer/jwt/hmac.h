#pragma once
// HMAC-SHA2 signing for HS256/HS384/HS512 on OpenSSL.
#include <optional>
#include <string>
#include <string_view>

namespace capmig::jwt {

enum class HmacAlg { HS256, HS384, HS512 };

std::optional<HmacAlg> hmac_alg_from_name(std::string_view name);  // case-sensitive
std::string_view to_string(HmacAlg alg);

std::string hmac(HmacAlg alg, std::string_view key, std::string_view data);

// Constant-time comparison (CRYPTO_memcmp): a MAC check must not leak the matching prefix.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace capmig::jwt
