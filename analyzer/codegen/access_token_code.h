#pragma once
// Code that mints the Access Token an AccessTokenMapping describes, in one helper library's
// current API (AccessToken + VoiceGrant), rendered from the data files mapping/targets/<lang>.tmpl.
// `capmig map --as <lang>` prints to_snippet(); the `fix` rewriter uses imports and body apart.
//
// Each Param of the mapping is rendered one of two ways:
//  * value set    -> a literal of the target language (string escaping per the template's rules);
//  * value absent -> Param::text is a source expression, inserted verbatim (it must already be
//                    written in the target language).
// account_sid is always read from TWILIO_ACCOUNT_SID unless it is a source expression; the API key
// SID and secret always come from TWILIO_API_KEY_SID / TWILIO_API_KEY_SECRET.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/codegen/target_language.h"
#include "analyzer/core/capability_params.h"
#include "analyzer/core/result.h"

namespace capmig {

struct CodeStyle {
  std::string indent;              // one indentation level; empty = the language's (@indent)
  char quote = 0;                  // '\'' or '"'; 0, or a quote the language lacks = its default
  std::string newline = "\n";      // line ending of imports and body
  std::string base_indent;         // prefixed to every non-empty body line (in-place rewrites)
  std::size_t inline_map_max = 3;  // params maps with more entries go one entry per line
  bool notes = true;               // comment lines explaining diagnostics (clamped ttl, ...)
  // In-place rewrite (`fix`): the body stops before serialising the token; the caller puts
  // GeneratedCode::jwt_expression where the capability token was produced.
  bool rewrite = false;
  // With `rewrite`: the grant is declared and filled by GeneratedCode::grant statements placed
  // where the capability's constructor and scopes were; the body only adds it to the token.
  // Only for a language whose template has @grant.* statements.
  bool split_grant = false;
  // With split_grant and a template @grant.identity: the client name of each branch's incoming
  // scope, as source text; GeneratedCode::grant.identities holds one assignment for each, and
  // the identity variable is CodeStyle::variables["identity"].
  std::vector<std::string> branch_identities;
  // Overrides of the template's variable names, as written in the language (PHP with '$'):
  // "token", "grant", "jwt".
  std::map<std::string, std::string, std::less<>> variables;
  // Names the file already declares or uses: a type variable that would clash is qualified.
  std::set<std::string, std::less<>> taken_names;
};

struct GeneratedCode {
  std::string language;                     // canonical name: node, python, java, csharp, ruby, php
  std::string library;                      // e.g. "twilio-node >= 3.15.0"
  codegen::LibraryRequirement requirement;  // the same, for comparing with a project's manifests
  std::string earlier;                      // the template for releases before it ("": none)
  std::vector<std::string> imports;         // one statement each, no line ending
  std::string body;                         // statements minting the token; every line ends in newline
  std::string result_variable;              // variable that holds the JWT string after body, e.g. "jwt"
  std::string jwt_expression;               // e.g. "token.toJwt()": serialises the token
  std::string comment;                      // the language's line-comment prefix, e.g. "//"
  // CodeStyle::split_grant: each statement without base indent or line ending; `outgoing`
  // may be two lines (the params), joined by the requested line ending.
  struct GrantStatements {
    std::string declare, incoming, outgoing;
    std::string identity_declare;         // may be empty
    std::vector<std::string> identities;  // CodeStyle::branch_identities, assigned
  } grant;
  std::string newline = "\n";
};

struct CodegenError {
  std::string message;
};

// Canonical names in a fixed order.
const std::vector<std::string>& codegen_languages();
// node|js|javascript, python|py, java, csharp|cs|c#|dotnet, ruby|rb, php -> canonical name.
std::optional<std::string> canonical_language(std::string_view name);

// Unknown language or a broken template -> CodegenError; never throws.
Result<GeneratedCode, CodegenError> render_access_token_code(const AccessTokenMapping& mapping,
                                                             std::string_view language, const CodeStyle& style = {});

// Whether the language's template can build a grant field by field (CodeStyle::split_grant).
// `identity`: it can also keep the identity in a variable set per branch (@grant.identity).
bool split_grant_supported(std::string_view language, bool identity = false);

// A pasteable snippet: a comment naming the library, the imports, a blank line, the body.
std::string to_snippet(const GeneratedCode& code);

}  // namespace capmig
