#pragma once
// What makes two findings in history "the same" wherever and whenever they are: a hard-coded
// secret is its value and an embedded token its text, wherever they are (a secret moved to
// another file is still the one secret to rotate); code is its rule, path and whitespace-free
// text, as scan's fingerprint (the same mint in two files is two mints to migrate).
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
