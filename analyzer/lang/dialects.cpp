// The registry: every language's dialect row (analyzer/lang/<family>/dialect.cpp), in
// Language order, and the lookups that used to be switches on Language.
#include <array>
#include <stdexcept>

#include "analyzer/lang/dialect.h"

namespace capmig::lang {

const Dialect& javascript_dialect();
const Dialect& typescript_dialect();
const Dialect& python_dialect();
const Dialect& ruby_dialect();
const Dialect& php_dialect();
const Dialect& java_dialect();
const Dialect& kotlin_dialect();
const Dialect& csharp_dialect();
const Dialect& vbnet_dialect();
const Dialect& go_dialect();
const Dialect& elixir_dialect();
const Dialect& apex_dialect();
const Dialect& c_dialect();
const Dialect& cpp_dialect();
const Dialect& objc_dialect();
const Dialect& swift_dialect();
const Dialect& coffeescript_dialect();
const Dialect& rust_dialect();
const Dialect& text_dialect();

namespace {

constexpr std::size_t kLanguages = static_cast<std::size_t>(Language::text) + 1;

// Each row lands at its own Language's index, whatever order the list is written in; a
// Language with no row fails the first lookup rather than reading another language's row.
const std::array<const Dialect*, kLanguages>& table() {
  static const std::array<const Dialect*, kLanguages> t = [] {
    std::array<const Dialect*, kLanguages> out{};
    for (const Dialect* d :
         {&javascript_dialect(), &typescript_dialect(), &python_dialect(), &ruby_dialect(), &php_dialect(),
          &java_dialect(), &kotlin_dialect(), &csharp_dialect(), &vbnet_dialect(), &go_dialect(), &elixir_dialect(),
          &apex_dialect(), &c_dialect(), &cpp_dialect(), &objc_dialect(), &swift_dialect(), &coffeescript_dialect(),
          &rust_dialect(), &text_dialect()})
      out[static_cast<std::size_t>(d->language)] = d;
    for (const Dialect* d : out)
      if (!d) throw std::logic_error("a Language has no dialect row (analyzer/lang/dialects.cpp)");
    return out;
  }();
  return t;
}

}  // namespace

const Dialect& dialect(Language language) { return *table()[static_cast<std::size_t>(language)]; }

std::span<const Dialect* const> dialects() { return table(); }

LexResult lex(Language language, std::string_view source) {
  const Dialect& d = dialect(language);
  return d.lex ? d.lex(source) : LexResult{};
}

const LanguageTraits& traits_for(Language language) { return dialect(language).traits; }

}  // namespace capmig::lang
