#pragma once
// Strict base64url (RFC 4648 §5) without padding, as JWS compact serialisation requires.
#include <optional>
#include <string>
#include <string_view>

namespace capmig::jwt {

std::string base64url_encode(std::string_view bytes);

// Rejects any character outside [A-Za-z0-9_-], a length of 1 mod 4, and non-zero padding
// bits (a non-canonical encoding would let two texts carry one signature).
// On failure returns nullopt and sets *where to the offending offset.
std::optional<std::string> base64url_decode(std::string_view text, std::size_t* where = nullptr);

}  // namespace capmig::jwt
