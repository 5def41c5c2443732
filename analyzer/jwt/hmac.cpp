#include "analyzer/jwt/hmac.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

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
    case HmacAlg::HS256:
      return "HS256";
    case HmacAlg::HS384:
      return "HS384";
    case HmacAlg::HS512:
      return "HS512";
  }
  return "HS256";
}

namespace {

// A few keyed EVP_MAC_CTXs per thread, one per (algorithm, key) lately used: decoding a mix
// of capability tokens (auth token) and access tokens (API key secret) keeps both keyed.
// EVP_MAC_init with a null key restarts a context under the key it already holds (OpenSSL
// keeps the ipad/opad states), which is what makes reuse cheap. The keys are kept to tell
// them apart, and wiped with the contexts when the thread ends.
class MacCache {
 public:
  MacCache() = default;
  MacCache(const MacCache&) = delete;
  MacCache& operator=(const MacCache&) = delete;
  ~MacCache() {
    for (auto& s : slots_) release(s);
    EVP_MAC_free(mac_);
  }

  // A context ready for update(), keyed with `key`.
  EVP_MAC_CTX* ready(HmacAlg alg, std::string_view key) {
    ++clock_;
    Slot* victim = &slots_[0];
    for (auto& s : slots_) {
      if (s.ctx && s.alg == alg && s.key.size() == key.size() &&
          CRYPTO_memcmp(s.key.data(), key.data(), key.size()) == 0) {
        if (!EVP_MAC_init(s.ctx, nullptr, 0, nullptr)) fail();
        s.used = clock_;
        return s.ctx;
      }
      if (s.used < victim->used) victim = &s;  // the least recently used (or a free one)
    }
    Slot& s = *victim;
    release(s);
    if (!mac_ && !(mac_ = EVP_MAC_fetch(nullptr, "HMAC", nullptr))) fail();
    if (!(s.ctx = EVP_MAC_CTX_new(mac_))) fail();
    char digest[] = "SHA256";
    if (alg == HmacAlg::HS384) std::string_view("SHA384").copy(digest, 6);
    if (alg == HmacAlg::HS512) std::string_view("SHA512").copy(digest, 6);
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_END};
    // An empty key is legal in HMAC; OpenSSL wants a non-null pointer for it (a null one
    // means "keep the current key").
    static const unsigned char empty = 0;
    const auto* k = key.empty() ? &empty : reinterpret_cast<const unsigned char*>(key.data());
    if (!EVP_MAC_init(s.ctx, k, key.size(), params)) {
      release(s);
      fail();
    }
    s.alg = alg;
    s.key.assign(key);
    s.used = clock_;
    return s.ctx;
  }

 private:
  struct Slot {
    EVP_MAC_CTX* ctx = nullptr;
    HmacAlg alg = HmacAlg::HS256;
    std::string key;
    unsigned long used = 0;  // clock_ at the last use; 0: free
  };
  [[noreturn]] static void fail() { throw std::runtime_error("OpenSSL HMAC failed"); }
  static void release(Slot& s) {
    EVP_MAC_CTX_free(s.ctx);  // frees and cleanses the keyed state
    s.ctx = nullptr;
    if (!s.key.empty()) OPENSSL_cleanse(s.key.data(), s.key.size());
    s.key.clear();
    s.used = 0;
  }

  EVP_MAC* mac_ = nullptr;
  Slot slots_[4];
  unsigned long clock_ = 0;
};

}  // namespace

std::size_t hmac_to(HmacAlg alg, std::string_view key, std::string_view data, unsigned char* out) {
  thread_local MacCache cache;
  EVP_MAC_CTX* ctx = cache.ready(alg, key);
  std::size_t len = 0;
  if (!EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(data.data()), data.size()) ||
      !EVP_MAC_final(ctx, out, &len, kMaxMacBytes))
    throw std::runtime_error("OpenSSL HMAC failed");
  return len;
}

std::string hmac(HmacAlg alg, std::string_view key, std::string_view data) {
  unsigned char out[kMaxMacBytes];
  const std::size_t len = hmac_to(alg, key, data, out);
  return std::string(reinterpret_cast<const char*>(out), len);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;  // MAC lengths are public
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace capmig::jwt
