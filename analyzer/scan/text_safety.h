#pragma once
// Repository content may be any bytes; reports must be valid UTF-8 JSON/SARIF/HTML.
#include <string>
#include <string_view>

namespace capmig::scan {

// Invalid UTF-8 sequences become U+FFFD; NUL and other C0 controls except \t \n \r are kept
// (JSON escapes them) — only encoding errors are replaced.
std::string valid_utf8(std::string_view bytes);

}  // namespace capmig::scan
