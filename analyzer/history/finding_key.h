#pragma once
// What makes two findings in history "the same" wherever and whenever they are: a hard-coded
// secret is its value, an embedded token its text, code its rule and whitespace-free text.
// The path is not part of it, so a renamed or moved file still holds the same finding.
#include <string>
#include <string_view>

#include "analyzer/scan/finding.h"

namespace capmig::history {

// A SHA-256 (hex) of the finding's identity, read from the blob bytes it was found in: never
// the secret itself, so a key may be kept and compared without holding the secret.
std::string finding_key(const scan::Finding& f, std::string_view blob);

// The hard-coded secret's value inside the finding's bytes (the 32-hex-digit auth token), or
// the finding's whole text when there is no such run.
std::string_view secret_value(const scan::Finding& f, std::string_view blob);

}  // namespace capmig::history
