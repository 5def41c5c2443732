#pragma once
// SHA-256 as lower-case hex (OpenSSL): finding ids, history keys and token fingerprints.
#include <string>
#include <string_view>

namespace capmig {

std::string sha256_hex(std::string_view data);

}  // namespace capmig
