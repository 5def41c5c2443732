#include "analyzer/fix/library_code.h"

#include <array>
#include <cctype>

#include "analyzer/scan/syntax/test_code.h"

namespace capmig::fix {
namespace {

// Folders the helper libraries ship their capability classes in, as vendored copies keep them.
constexpr std::array<std::string_view, 14> kLibraryPaths{
    "Services/Twilio/", "twilio-php/",     "twilio-python/",     "twilio-ruby/",          "twilio-node/",
    "twilio-java/",     "twilio-csharp/",  "twilio-salesforce/", "site-packages/twilio/", "twilio/jwt/",
    "Twilio/Jwt/",      "com/twilio/jwt/", "com/twilio/sdk/",    "twilio/util/"};

// Files only a helper library ships, by name: twilio-salesforce is deployed into an org's own
// classes/ folder, where its TwilioAPI (which makes the TwilioCapability) and tests sit
// beside the app's classes.
constexpr std::array<std::string_view, 3> kLibraryFiles{"TwilioAPI.cls", "TwilioCapability.cls",
                                                        "Twilio_TestCapability.cls"};

// The capability classes themselves: a file defining one is the library, wherever it sits.
constexpr std::array<std::string_view, 6> kCapabilityClasses{
    "Services_Twilio_Capability", "ClientCapabilityToken", "ClientCapability",
    "TwilioCapability",           "ClientToken",           "token::CapabilityToken"};

bool ident(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// The library classes an app's own wrapper builds its capability with.
constexpr std::array<std::string_view, 8> kLibraryConstructors{
    "Util::Capability.new", "ClientCapability.new",  "new Services_Twilio_Capability(", "ClientCapabilityToken(",
    "new ClientToken(",     "new ClientCapability(", "new TwilioCapability(",           "twilio.Capability("};

// `class NAME` with NAME a capability class, as a whole word: NAME, or empty.
std::string_view defined_capability_class(std::string_view text) {
  for (std::size_t at = text.find("class"); at != std::string_view::npos; at = text.find("class", at + 5)) {
    if (at > 0 && ident(text[at - 1])) continue;
    std::size_t n = at + 5;
    if (n >= text.size() || (text[n] != ' ' && text[n] != '\t')) continue;
    while (n < text.size() && (text[n] == ' ' || text[n] == '\t')) ++n;
    std::size_t e = n;
    while (e < text.size() && ident(text[e])) ++e;
    const std::string_view name = text.substr(n, e - n);
    for (auto c : kCapabilityClasses)
      if (name == c) return name;
  }
  return {};
}

// An app's class that shares a library class's name (`class TwilioCapability` in lib/) but
// builds its capability with another library class inside: the app's code, not the library.
bool wraps_another_class(std::string_view text, std::string_view defined) {
  for (auto ctor : kLibraryConstructors)
    if (ctor.find(defined) == std::string_view::npos && text.find(ctor) != std::string_view::npos) return true;
  return false;
}

}  // namespace

std::optional<LibraryCode> library_code(std::string_view rel_path, std::string_view text) {
  for (auto dir : kLibraryPaths)
    if (rel_path.starts_with(dir) || rel_path.find("/" + std::string(dir)) != std::string_view::npos)
      return LibraryCode{"vendored-library", "this file sits in a Twilio helper library's own tree (" +
                                                 std::string(dir) + "): upgrade the library instead of patching it"};
  const auto slash = rel_path.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? rel_path : rel_path.substr(slash + 1);
  for (auto name : kLibraryFiles)
    if (base == name)
      return LibraryCode{"vendored-library", "this file is " + std::string(name) +
                                                 " of a Twilio helper library (twilio-salesforce): it is library "
                                                 "code, migrated by upgrading or replacing the library"};
  if (const auto defined = defined_capability_class(text); !defined.empty() && !wraps_another_class(text, defined))
    return LibraryCode{"vendored-library",
                       "this file defines a capability class of a Twilio helper library: it is library code, "
                       "migrated by upgrading the library, not by a patch"};
  // A test suite comparing scope strings (scan reports only what it mints itself).
  if (text.find("scope:client:") != std::string_view::npos && scan::looks_like_test(text))
    return LibraryCode{"library-test",
                       "a test that asserts capability scope strings (scope:client:…): migrate it together "
                       "with the code it tests, by hand"};
  return std::nullopt;
}

}  // namespace capmig::fix
