#pragma once
// application/x-www-form-urlencoded decoding as the helper libraries' scope strings need it.
#include <string>
#include <string_view>

#include "analyzer/token/model.h"

namespace capmig::token {

// '+' is a space, %XX a byte; a malformed escape is kept as written. Invalid UTF-8 in the
// result is replaced by U+FFFD and *lossy set, so every decoded string is valid JSON text.
std::string form_unescape(std::string_view s, bool* lossy = nullptr);

// Splits "k=v&k2=v2" into ordered pairs; a repeated key keeps its first position and takes
// the last value, and *repeated is set. Empty input gives no pairs.
OrderedParams parse_form(std::string_view query, bool* repeated = nullptr, bool* lossy = nullptr);

}  // namespace capmig::token
