#pragma once
// Strict base64url (RFC 4648 §5) without padding, as JWS compact serialisation requires.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace capmig::jwt {

std::string base64url_encode(std::string_view bytes);

// Rejects any character outside [A-Za-z0-9_-], a length of 1 mod 4, and non-zero padding
// bits (a non-canonical encoding would let two texts carry one signature).
// On failure returns nullopt and sets *where to the offending offset.
std::optional<std::string> base64url_decode(std::string_view text, std::size_t* where = nullptr);

// How many bytes `text` decodes to when it is valid (its length is not 1 mod 4).
constexpr std::size_t base64url_decoded_size(std::size_t text_size) {
  return text_size / 4 * 3 + (text_size % 4 > 1 ? text_size % 4 - 1 : 0);
}

// The same checks, decoding into out[0..base64url_decoded_size(text.size())): no allocation.
// On failure returns false and sets *where as above; out then holds garbage.
bool base64url_decode_to(std::string_view text, char* out, std::size_t* where = nullptr);

}  // namespace capmig::jwt
