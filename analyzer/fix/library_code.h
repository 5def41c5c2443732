#pragma once
// Code that belongs to a Twilio helper library rather than to the application: the library's
// own sources, vendored or copied into the tree, and tests asserting the scope strings a
// capability class produces. Rewriting it would change the library or break a test of the
// old behaviour, so `fix` never patches it and says why.
#include <optional>
#include <string>
#include <string_view>

namespace capmig::fix {

struct LibraryCode {
  std::string code;    // Rewrite::reason_code: "vendored-library" or "library-test"
  std::string reason;  // one sentence for the reader
};

std::optional<LibraryCode> library_code(std::string_view rel_path, std::string_view text);

}  // namespace capmig::fix
