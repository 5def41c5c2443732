#pragma once
// One target language as described by its data file, mapping/targets/<lang>.tmpl.
//
// File format (lines before `@body`):
//   ## text                 a comment
//   @key value              a setting; a value wrapped in backquotes keeps its spaces: `{ `
//   @string Q               a string-literal style quoted with the character Q; the first style
//     KEY REPLACEMENT       is the default. Indented lines under it are its escape rules, tried in
//                           order: KEY is one character, LF, CR, TAB, NUL, U+XXXX, `control`
//                           (any other C0 control or DEL), `bidi` (a bidi control, which must
//                           not reach source code raw) or `nonascii` (any code point >= 0x80);
//                           REPLACEMENT may hold {hex2}, {hex4} (UTF-16 units), {oct3}. Characters
//                           with no rule are copied as UTF-8. A style without a `control` rule
//                           cannot hold control characters, nor one without a `bidi` or
//                           `nonascii` rule bidi controls: the next style is used instead.
//   @imports                the lines up to `@body` are the imports template, one import a line
//   @body                   the rest of the file is the body template (copied verbatim)
// Settings: language, library (for the reader), requires (`ECOSYSTEM PACKAGE VERSION`: the
// first release whose API the body uses, for `fix` to compare with the project's), before (the
// first release it no longer fits), earlier (the template for releases before requires), comment, indent (spaces per
// level in the templates, and the default output indent), true, env (placeholders {{name}}, {{name_literal}}),
// identity_missing, identity_string ({{expr}}: the identity as a string, for a library whose
// capability scope stringified the client name and whose Access Token does not), map.open/entry/separator/close (entry
// placeholders {{key}}, {{value}}), map.bare_keys
// (`identifier`: keys that are identifiers go unquoted), map.max_entries with map.long.* used
// beyond it, map.expression ({{expr}}: how a params map from source code is passed), and
// `var NAME VALUE` (a variable name the body uses as {{NAME}}), jwt_expression (the token's
// serialising call, which `fix` puts where the capability's generate/toJwt call was),
// grant.declare, grant.incoming, grant.outgoing, grant.outgoing_params (see GrantStatements).
// Template syntax: analyzer/codegen/template.h; placeholders: analyzer/codegen/access_token_code.cpp.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/result.h"

namespace capmig::codegen {

struct EscapeRule {
  enum class Match { CodePoint, Control, NonAscii, Bidi } match = Match::CodePoint;
  char32_t code_point = 0;
  std::string replacement;
};

struct StringStyle {
  char quote = '"';
  std::vector<EscapeRule> rules;
  bool holds_controls() const;
};

struct MapStyle {
  std::string open, entry, separator, close;
};

// The package release the generated code needs: {"pypi", "twilio", "6.12.0"}.
struct LibraryRequirement {
  std::string ecosystem, package, version;
  std::string before;  // @before: the first release whose API differs again ("": none)
};

struct TargetLanguage {
  std::string name, library, comment = "//", true_literal = "true";
  LibraryRequirement requirement;
  std::size_t indent = 2;
  std::string env;               // template over {{name}}, {{name_literal}}
  std::string identity_missing;  // template; may use {{str:...}}
  std::string identity_string;   // template over {{expr}}; empty: the expression as written
  std::vector<StringStyle> strings;
  MapStyle map, long_map;
  std::size_t map_max_entries = 0;  // 0 = no limit
  bool bare_identifier_keys = false;
  std::string map_expression = "{{expr}}";
  // @earlier NAME: the template (mapping/targets/NAME.tmpl) for the releases before @requires.
  std::string earlier;
  std::string jwt_expression;  // template: the expression that serialises the token (fix rewrites)
  std::map<std::string, std::string, std::less<>> variables;
  // @qualified VAR NAME: a type variable whose default spelling the file already uses for
  // something else (`class Token : IHttpHandler`) is written as NAME instead.
  std::map<std::string, std::string, std::less<>> qualified;
  std::string imports, body;  // templates
  // @grant.declare / .incoming / .outgoing / .outgoing_params: one statement each, for a grant
  // built field by field where the capability's scopes were (`fix` on scopes added under a
  // condition). Empty declare: the language has no such form, and those constructs stay drafts.
  // Empty outgoing_params: `outgoing` sets the params too (its {{#outgoing_params}} section).
  // identity_declare / identity: the identity kept in a variable when each branch of an
  // if/else adds its own incoming scope ({{identity}} the variable, {{identity_value}} the
  // branch's client name); identity_declare may be empty (no declaration needed).
  struct GrantStatements {
    std::string declare, incoming, outgoing, outgoing_params, identity_declare, identity;
  } grant;

  const StringStyle* string_style(char quote) const;  // nullptr when not declared
};

Result<TargetLanguage, std::string> parse_target_language(std::string_view text);

// `text` (UTF-8; invalid bytes become U+FFFD) as a string literal: in the style quoted with
// `quote` when the language has it and it can hold the text, else in the first style that can.
// nullopt if no style can.
std::optional<std::string> string_literal(const TargetLanguage& lang, std::string_view text, char quote);

}  // namespace capmig::codegen
