#include "analyzer/scan/match/foreign_names.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "analyzer/lang/imports.h"

namespace capmig::scan {
namespace {

bool names_twilio(std::string_view module) {
  std::string lower(module);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("twilio") != std::string::npos;
}

// Go's `func NewCapability(` declares the constructor function a package's callers use as a
// class name; a method (`func (c *T) Name(`) has a receiver first and declares nothing here.
// JavaScript's `function Capability(sid, tkn)` is a constructor of the file's own (a bundled
// copy of the library constructs itself with `new Capability(sid, tkn)`).
bool type_keyword(std::string_view t) {
  for (std::string_view k : {"class", "record", "struct", "interface", "enum", "trait", "object", "func", "function"})
    if (t == k) return true;
  return false;
}

}  // namespace

ForeignNames::ForeignNames(const Syntax& s) {
  // Declared here: `class A`, `class A::B < Base` (the last segment), `record struct A`, `func A`.
  for (std::size_t k = 0; k + 1 < s.size(); ++k) {
    if (!s.is_ident(k) || !type_keyword(s.text(k)) || !s.is_ident(k + 1)) continue;
    std::size_t last = k + 1;
    while (last + 2 < s.size() && s.is_member_op(last + 1) && s.is_ident(last + 2)) last += 2;
    if (!type_keyword(s.text(last))) names_.emplace(s.text(last));
  }
  // Imported from a module that is not Twilio's. Only statements that name a module count:
  // `const { ClientCapability } = jwt;` destructures an object that may well be twilio.jwt.
  for (const auto& im : lang::find_imports(s)) {
    if (im.module.empty() || im.from_object || names_twilio(im.module)) continue;
    for (const auto& n : im.names) names_.insert(n);
  }
}

}  // namespace capmig::scan
