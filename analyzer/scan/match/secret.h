#pragma once
// Hard-coded secrets (TOKENS.md §6): which literals are real-looking secrets rather than
// placeholders, and how a secret is shown — its first 4 characters and "…", never more.
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/scan/finding.h"

namespace capmig::scan {

// nullopt: not a secret (empty, a placeholder such as your_auth_token or [AUTH_TOKEN], an
// environment reference). Otherwise the severity: high for a real-looking value, low for the
// fakes docs and tests use (one repeated character, a short repeated period).
std::optional<Severity> secret_severity(std::string_view value);

std::string redact(std::string_view secret);

// Replaces every occurrence of `secret` in `text` by redact(secret).
std::string redact_in(std::string text, std::string_view secret);

}  // namespace capmig::scan
