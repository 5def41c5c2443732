#pragma once
// What the construct matcher needs to know about a language's surface syntax, in one table
// (traits.cpp), so the matcher itself is written once for every language.
#include <string_view>
#include <vector>

#include "analyzer/scan/language.h"

namespace capmig::scan {

struct LanguageTraits {
  std::vector<std::string_view> member_ops;    // between a receiver and a member: "." "->" "::"
  std::vector<std::string_view> assign_ops;    // "=" and friends that bind a name
  // Statements end only at ';' (C family, Java, C#, PHP): a newline never ends one.
  bool semicolon_statements = false;
  // Ruby: `obj.method arg, arg` calls without parentheses.
  bool paren_less_calls = false;
  // `<…>` after a type name in `new T<…>(` (Java, C#, TypeScript, Kotlin, Swift, C++).
  bool generic_args = false;
};

const LanguageTraits& traits_for(Language language);

}  // namespace capmig::scan
