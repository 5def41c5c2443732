#include "analyzer/history/finding_key.h"

#include <openssl/evp.h>

#include <cctype>
#include <stdexcept>

#include "analyzer/scan/fingerprint.h"

namespace capmig::history {
namespace {

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed (OpenSSL EVP_Digest)");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex += kHex[md[i] >> 4];
    hex += kHex[md[i] & 0xf];
  }
  return hex;
}

std::string_view finding_text(const scan::Finding& f, std::string_view blob) {
  const std::size_t b = f.location.begin_offset, e = f.location.end_offset;
  if (b > e || e > blob.size()) return {};
  return blob.substr(b, e - b);
}

bool hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string_view secret_value(const scan::Finding& f, std::string_view blob) {
  const std::string_view text = finding_text(f, blob);
  constexpr std::size_t kAuthToken = 32;
  for (std::size_t i = 0; i < text.size();) {
    if (!hex(text[i])) {
      ++i;
      continue;
    }
    std::size_t e = i;
    while (e < text.size() && hex(text[e])) ++e;
    if (e - i == kAuthToken) return text.substr(i, kAuthToken);
    i = e;
  }
  return text;
}

std::string finding_key(const scan::Finding& f, std::string_view blob) {
  // Length-prefixed fields, as fingerprint.cpp does: no two inputs hash the same bytes.
  auto field = [](std::string_view s) { return std::to_string(s.size()) + ":" + std::string(s); };
  switch (f.category) {
    case scan::Category::hardcoded_secret:
      return sha256_hex(field("secret") + field(secret_value(f, blob)));
    case scan::Category::embedded_token:
      return sha256_hex(field("token") + field(finding_text(f, blob)));
    default:
      // Code is where it is: the same mint in two files is two mints to migrate, as in scan.
      return sha256_hex(field(f.rule_id) + field(f.path) + field(scan::normalize_snippet(finding_text(f, blob))));
  }
}

}  // namespace capmig::history
