#pragma once
// What the construct matcher needs to know about a language's surface syntax, set in each
// language's dialect row (analyzer/lang/<family>/dialect.cpp), so the matcher itself is
// written once for every language.
#include <string_view>
#include <vector>

#include "analyzer/lang/language.h"

namespace capmig::lang {

struct LanguageTraits {
  std::vector<std::string_view> member_ops;          // between a receiver and a member: "." "->" "::"
  std::vector<std::string_view> assign_ops = {"="};  // "=" and friends that bind a name
  // Statements end only at ';' (C family, Java, C#, PHP): a newline never ends one.
  bool semicolon_statements = false;
  // Python, Kotlin: `f(name=value)` names an argument; elsewhere (Ruby, JavaScript, PHP, C#)
  // `f(x=600)` assigns x and passes 600.
  bool equals_named_args = false;
  // Ruby: `obj.method arg, arg` calls without parentheses.
  bool paren_less_calls = false;
  // `<…>` after a type name in `new T<…>(` (Java, C#, TypeScript, Kotlin, Swift, C++).
  bool generic_args = false;
  // `name: Type` annotations on bindings (Python, TypeScript, Kotlin, Swift).
  bool type_annotations = false;
  // Parameters and fields are declared `Type name` (Java, C#, PHP's `Type $name`).
  bool type_before_name = false;
  // VB.NET: keywords are matched in any case (`New`, `new`, `NEW`).
  bool case_insensitive_keywords = false;
  // VB.NET: `Dim x As T = …` binds x, and `Dim x As New T(…)` binds x to the new object.
  bool as_clauses = false;
  // Punctuation that opens an indented block at a line's end, so the next line starts a
  // statement: Python's ':', CoffeeScript's function arrows '->' and '=>'.
  std::vector<std::string_view> block_openers;
  // Ruby: a name that starts with a capital is a constant every file of the program sees
  // (`VOICE = Twilio::Util::Capability.new(…)` in an initializer, used in controllers).
  bool capitalised_globals = false;
  // CoffeeScript: `f a, k: v, k2: w` passes one object {k, k2} (the labelled arguments at the
  // end, or `k: v` lines indented under the call), not named arguments.
  bool implicit_objects = false;
  // Ruby: `cap.generate` with no arguments and no parentheses calls generate; in CoffeeScript
  // it names the function, so a paren-less call there needs an argument.
  bool bare_calls = false;
  // Ruby: objects are constructed by calling this method on the class (`Klass.new(…)`).
  std::string_view constructor_method;
  // Ruby, PHP: `key => value` pairs, so a '{' after '=>' starts an expression.
  bool pair_arrow = false;
  // Java, Kotlin, C#: a field is named bare inside its class as well as with `this.`.
  bool implicit_this = false;
  // Blocks are `{…}` (C family, Java, Kotlin, C#, PHP, JavaScript, Swift): a statement is
  // nested only behind braces or a control keyword, whatever its indentation says.
  bool brace_blocks = false;
  // `{ name: v }`, `f(name: v)`: a name before ':' right after '{', '(' or ',' is a key or a
  // parameter label, not the variable (JavaScript, Ruby, PHP 8, C#, Swift, Kotlin, Elixir;
  // not Python, where `{name: v}` uses the variable as the key).
  bool colon_labels = false;
  // PHP: `new $cls(…)` instantiates the class whose name the variable holds as a string.
  bool class_in_variable = false;
  // Elixir: `x |> M.f(a)` calls M.f(x, a), so a pipeline continues a construct's chain.
  std::string_view pipe_op;
};

const LanguageTraits& traits_for(Language language);

}  // namespace capmig::lang
