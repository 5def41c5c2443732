#include "analyzer/history/finding_key.h"

#include <cctype>
#include <stdexcept>

#include "analyzer/core/sha256.h"
#include "analyzer/scan/fingerprint.h"

namespace capmig::history {
namespace {

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
