#pragma once
// The languages a finding can be in (SPEC "Findings"), and how a file's name picks one.
// Language knowledge lives in the lang stage (analyzer/STAGES), below scan, codegen and fix.
#include <optional>
#include <string_view>

namespace capmig::lang {

enum class Language {
  javascript,
  typescript,
  python,
  ruby,
  php,
  java,
  kotlin,
  csharp,
  vbnet,
  go,
  elixir,
  apex,
  c,
  cpp,
  objc,
  swift,
  coffeescript,
  rust,
  text
};

std::string_view to_string(Language l);
// The value of SPEC's `language` field in machine-readable reports (JSON, SARIF, HTML): the
// dialect's name, or for a language SPEC does not list (CoffeeScript) the one whose library
// it calls; the path's extension still tells them apart.
std::string_view spec_name(Language l);
std::optional<Language> language_from_string(std::string_view name);

// By extension (and a few well-known names); text for configs, logs, HAR, .env and anything
// unrecognised that is not binary. The walker has already skipped binary files.
Language language_for_path(std::string_view rel_path);
// The language a Markdown fence or reStructuredText directive names (```js, ```C#, python3):
// a dialect's name, one of its extensions or doc_tags, case-insensitive. Nullopt for any other.
std::optional<Language> language_for_doc_tag(std::string_view tag);

}  // namespace capmig::lang
