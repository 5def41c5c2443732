#include "analyzer/scan/syntax/traits.h"

namespace capmig::scan {
namespace {

LanguageTraits make(Language l) {
  LanguageTraits t;
  t.assign_ops = {"="};
  switch (l) {
    case Language::javascript:
    case Language::typescript:
      t.member_ops = {".", "?."};
      t.generic_args = l == Language::typescript;
      break;
    case Language::python:
      t.member_ops = {"."};
      break;
    case Language::ruby:
      t.member_ops = {".", "&.", "::"};
      t.assign_ops = {"=", "||="};
      t.paren_less_calls = true;
      break;
    case Language::php:
      t.member_ops = {"->", "?->", "::", "\\"};
      t.semicolon_statements = true;
      break;
    case Language::java:
    case Language::csharp:
    case Language::c:
    case Language::cpp:
    case Language::objc:
      t.member_ops = {".", "->", "::", "?."};
      t.semicolon_statements = true;
      t.generic_args = l != Language::c && l != Language::objc;
      break;
    case Language::kotlin:
    case Language::swift:
      t.member_ops = {".", "?.", "!!."};
      t.generic_args = true;
      break;
    case Language::text:
      break;
  }
  return t;
}

}  // namespace

const LanguageTraits& traits_for(Language language) {
  static const LanguageTraits all[] = {
      make(Language::javascript), make(Language::typescript), make(Language::python),
      make(Language::ruby),       make(Language::php),        make(Language::java),
      make(Language::kotlin),     make(Language::csharp),     make(Language::c),
      make(Language::cpp),        make(Language::objc),       make(Language::swift),
      make(Language::text)};
  return all[static_cast<int>(language)];
}

}  // namespace capmig::scan
