#include "analyzer/jwt/hmac.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace capmig::jwt {

std::optional<HmacAlg> hmac_alg_from_name(std::string_view name) {
  if (name == "HS256") return HmacAlg::HS256;
  if (name == "HS384") return HmacAlg::HS384;
  if (name == "HS512") return HmacAlg::HS512;
  return std::nullopt;
}

std::string_view to_string(HmacAlg alg) {
  switch (alg) {
    case HmacAlg::HS256: return "HS256";
    case HmacAlg::HS384: return "HS384";
    case HmacAlg::HS512: return "HS512";
  }
  return "HS256";
}

std::string hmac(HmacAlg alg, std::string_view key, std::string_view data) {
  const EVP_MD* md = alg == HmacAlg::HS256   ? EVP_sha256()
                     : alg == HmacAlg::HS384 ? EVP_sha384()
                                             : EVP_sha512();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // An empty key is legal in HMAC; OpenSSL wants a non-null pointer for it.
  static const unsigned char empty = 0;
  const void* k = key.empty() ? static_cast<const void*>(&empty) : key.data();
  if (!HMAC(md, k, static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), out, &len))
    throw std::runtime_error("OpenSSL HMAC failed");
  return std::string(reinterpret_cast<const char*>(out), len);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // MAC lengths are public
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace capmig::jwt
