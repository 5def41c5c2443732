#include "analyzer/scan/match/secret.h"

#include <algorithm>
#include <cctype>

namespace capmig::scan {
namespace {

bool token_chars(std::string_view v) {
  return std::all_of(v.begin(), v.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; });
}

std::string lower(std::string_view v) {
  std::string s(v);
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The shortest period of at most 16 characters the value repeats (0123456789abcdef0123…: 16,
// yyyy…: 1), or 0.
std::size_t period(std::string_view v) {
  for (std::size_t p = 1; p <= 16 && p < v.size(); ++p) {
    bool same = true;
    for (std::size_t i = p; i < v.size() && same; ++i) same = v[i] == v[i - p];
    if (same) return p;
  }
  return 0;
}

}  // namespace

std::optional<Severity> secret_severity(std::string_view value) {
  if (value.size() < 16) return std::nullopt;  // AC123, "secret", "changeme"
  const char first = value.front(), last = value.back();
  if ((first == '[' && last == ']') || (first == '<' && last == '>') || (first == '{' && last == '}') ||
      (first == '$' && value.size() > 1 && value[1] == '{') || (first == '%' && last == '%'))
    return std::nullopt;  // [AUTH_TOKEN], <auth token>, {{token}}, ${TOKEN}, %TOKEN%
  const std::string l = lower(value);
  for (std::string_view word : {"your", "auth_token", "authtoken", "xxxx", "placeholder", "example", "token_here",
                                "changeme", "replace", "insert", "dummy", "redacted"})
    if (l.find(word) != std::string::npos) return std::nullopt;
  if (!token_chars(value)) return std::nullopt;
  // yyyy…, 0000…, abab…: a placeholder; a longer period (0123…f0123…) a test value.
  if (const auto p = period(l); p > 0 && p <= 4) return std::nullopt;
  if (period(l) > 0) return Severity::low;
  return Severity::high;
}

std::string redact(std::string_view secret) {
  // Cut on a UTF-8 boundary: 4 code points at most.
  std::size_t cut = 0, points = 0;
  while (cut < secret.size() && points < 4) {
    ++cut;
    while (cut < secret.size() && (static_cast<unsigned char>(secret[cut]) & 0xC0) == 0x80) ++cut;
    ++points;
  }
  return std::string(secret.substr(0, cut)) + "\u2026";
}

std::string redact_in(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  const std::string shown = redact(secret);
  for (std::size_t pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos + shown.size()))
    text.replace(pos, secret.size(), shown);
  return text;
}

}  // namespace capmig::scan
