#pragma once
// The one escaper for untrusted text on a terminal (scan's findings and every token command's
// claims): a claim or a path must not clear the screen, set the title or reorder a line.
#include <string>
#include <string_view>

namespace capmig {

// Control characters, including C1 ones that some terminals read as escape sequences, become
// \n, \t or \xNN; the bidi controls (U+061C, U+200E/F, U+202A..U+202E, U+2066..U+2069),
// which reorder what follows them on the line, become \u{NNNN}. Everything else is kept.
std::string terminal_safe(std::string_view s);

}  // namespace capmig
