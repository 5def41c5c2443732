#include "analyzer/lang/language.h"

#include <string>
#include <utility>

namespace capmig::lang {
namespace {

// Sizes deduced, not counted: a new language or extension is one more row.
constexpr std::pair<Language, std::string_view> kNames[] = {
    {Language::javascript, "javascript"}, {Language::typescript, "typescript"},
    {Language::python, "python"},         {Language::ruby, "ruby"},
    {Language::php, "php"},               {Language::java, "java"},
    {Language::kotlin, "kotlin"},         {Language::csharp, "csharp"},
    {Language::c, "c"},                   {Language::cpp, "cpp"},
    {Language::objc, "objc"},             {Language::swift, "swift"},
    {Language::text, "text"},
};

// Extensions people actually use for each language (lower-cased before lookup).
constexpr std::pair<std::string_view, Language> kExtensions[] = {
    {"js", Language::javascript},  {"mjs", Language::javascript}, {"cjs", Language::javascript},
    {"jsx", Language::javascript}, {"ts", Language::typescript},  {"tsx", Language::typescript},
    {"mts", Language::typescript}, {"cts", Language::typescript}, {"py", Language::python},
    {"pyw", Language::python},     {"rb", Language::ruby},        {"rake", Language::ruby},
    {"gemspec", Language::ruby},   {"ru", Language::ruby},        {"erb", Language::text},
    {"php", Language::php},        {"phtml", Language::php},      {"inc", Language::php},
    {"java", Language::java},      {"kt", Language::kotlin},      {"kts", Language::kotlin},
    {"cs", Language::csharp},      {"c", Language::c},            {"h", Language::c},
    {"cc", Language::cpp},         {"cpp", Language::cpp},        {"cxx", Language::cpp},
    {"hpp", Language::cpp},        {"hh", Language::cpp},         {"hxx", Language::cpp},
    {"m", Language::objc},         {"mm", Language::objc},        {"swift", Language::swift},
    {"php5", Language::php},       {"php7", Language::php},       {"groovy", Language::java},
};

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string_view to_string(Language l) {
  for (const auto& [lang, name] : kNames)
    if (lang == l) return name;
  return "text";
}

std::optional<Language> language_from_string(std::string_view name) {
  for (const auto& [lang, n] : kNames)
    if (n == name) return lang;
  return std::nullopt;
}

Language language_for_path(std::string_view rel_path) {
  const auto slash = rel_path.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? rel_path : rel_path.substr(slash + 1);
  if (base == "Rakefile" || base == "Gemfile" || base == "Podfile") return Language::ruby;
  const auto dot = base.find_last_of('.');
  if (dot == std::string_view::npos || dot == 0) return Language::text;
  std::string ext(base.substr(dot + 1));
  for (char& c : ext) c = lower(c);
  for (const auto& [e, lang] : kExtensions)
    if (e == ext) return lang;
  return Language::text;
}

}  // namespace capmig::lang
