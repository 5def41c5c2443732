#pragma once
// Everything capmig knows about one language, in one row: its names, extensions, lexer,
// syntax traits, how its imports read, and which code template writes its Access Token.
// Each language family defines its rows in analyzer/lang/<family>/dialect.cpp; dialects.cpp
// lists them. Nothing outside analyzer/lang switches on a Language: it reads this row.
#include <span>
#include <string_view>
#include <vector>

#include "analyzer/lang/imports.h"
#include "analyzer/lang/language.h"
#include "analyzer/lang/token.h"
#include "analyzer/lang/traits.h"

namespace capmig::lang {

class Syntax;

// The statements that import or require something, and how new ones go in.
struct ImportSyntax {
  // Words that start such a statement (`import`, `from`, `require`, `using`, `use`).
  std::vector<std::string_view> keywords;
  // Reads the statement that starts at token k (one of the keywords); appends nothing when it
  // is not an import after all (a dynamic import(), a C# using statement).
  void (*read)(const Syntax& s, std::size_t k, std::vector<ImportStatement>& out) = nullptr;
  // Imports live inside one namespace block (C#, PHP), and still count as file level there.
  bool inside_namespace_block = false;
  // A leading string literal is a directive that stays first ('use strict', a docstring).
  bool directive_prologue = false;
  // The library may be loaded for the file (Bundler, Rails): a file that requires nothing at
  // file level gets no require line for it.
  bool library_autoloaded = false;
  // `x.Name` can be a use of an imported Name (PHP `Foo::Name`, `\Ns\Name`).
  bool member_names_are_uses = false;
  // A `namespace X;` line opens the file and new imports go after it (PHP).
  bool namespace_prologue = false;
  // ES modules: `import … from` alongside CommonJS `require`.
  bool es_modules = false;
};

struct Dialect {
  Language language = Language::text;
  std::string_view name;                     // SPEC "Findings": javascript, python, …
  std::string_view spec_name;                // reported as this when SPEC lacks `name`
  std::vector<std::string_view> extensions;  // lower case, without the dot
  std::vector<std::string_view> file_names;  // whole names: Rakefile, Gemfile
  // Other words a documentation code block names the language by (```node, .. code-block:: c#);
  // its name and extensions count too. Lower case.
  std::vector<std::string_view> doc_tags;
  LexResult (*lex)(std::string_view source) = nullptr;  // null: not lexed (text)
  // The file's tokens with each interpolated string replaced by the code interpolated into it
  // (null: the language's interpolations are not followed).
  LexResult (*lex_interpolations)(std::string_view source) = nullptr;
  LanguageTraits traits;
  ImportSyntax imports;
  // mapping/targets/<target>.tmpl writes its Access Token code; empty: no rewrite.
  std::string_view target;
  // Access Token fields the target reads from the environment with a type the language
  // checks (TypeScript: `process.env.X` is `string | undefined`); {var} is the variable name.
  std::string_view typed_env_read;
  // Another runtime's environment read, used instead of the target's when a file reads its
  // environment only that way (Deno 1.x has no `process`): the text that shows it, the text
  // whose presence means the target's own read works too, and the read of {var} (typed:
  // where typed_env_read applies).
  struct RuntimeEnvRead {
    std::string_view evidence, unless, read, typed_read;
  };
  std::vector<RuntimeEnvRead> runtime_env_reads;
  // A checked exception the capability library throws and callers must catch (Java).
  std::string_view capability_checked_exception;
  // Calls that only print their arguments (`console.log`, `puts`), as written; loggers
  // (`logger.info`, `log.debug`) are recognised in every language alike.
  std::vector<std::string_view> print_calls;
  // Environment reads that give nothing (None, undefined, false, nil, null) for an unset
  // variable, as written before the name: `os.getenv` ('X'), `process.env` (.X or ['X']).
  // With a default (a second argument, `|| 'guest'`) the expression is longer and not one.
  std::vector<std::string_view> absent_env_reads;
};

const Dialect& dialect(Language language);
// Every dialect, in Language order.
std::span<const Dialect* const> dialects();

}  // namespace capmig::lang
