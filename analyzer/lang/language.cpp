#include "analyzer/lang/language.h"

#include <string>

#include "analyzer/lang/dialect.h"

namespace capmig::lang {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view to_string(Language l) { return dialect(l).name; }

std::string_view spec_name(Language l) {
  const Dialect& d = dialect(l);
  return d.spec_name.empty() ? d.name : d.spec_name;
}

std::optional<Language> language_from_string(std::string_view name) {
  for (const Dialect* d : dialects())
    if (d->name == name) return d->language;
  return std::nullopt;
}

Language language_for_path(std::string_view rel_path) {
  const auto slash = rel_path.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? rel_path : rel_path.substr(slash + 1);
  for (const Dialect* d : dialects())
    for (std::string_view n : d->file_names)
      if (n == base) return d->language;
  const auto dot = base.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return Language::text;
  std::string ext(base.substr(dot + 1));
  for (char& c : ext) c = lower(c);
  for (const Dialect* d : dialects())
    for (std::string_view e : d->extensions)
      if (e == ext) return d->language;
  return Language::text;
}

std::optional<Language> language_for_doc_tag(std::string_view tag) {
  std::string t(tag);
  for (char& c : t) c = lower(c);
  if (t.empty()) return std::nullopt;
  for (const Dialect* d : dialects()) {
    if (d->language == Language::text) continue;
    if (d->name == t) return d->language;
    for (std::string_view e : d->extensions)
      if (e == t) return d->language;
    for (std::string_view e : d->doc_tags)
      if (e == t) return d->language;
  }
  return std::nullopt;
}

}  // namespace capmig::lang
