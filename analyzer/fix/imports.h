#pragma once
// The import lines a rewrite changes: capability imports the rewrite left unused go, the
// Access Token imports the new code needs come in (once, and only when not already there).
// How each language's imports read and where new ones go is its dialect (analyzer/lang).
#include <optional>
#include <string>
#include <vector>

#include "analyzer/fix/model.h"
#include "analyzer/lang/imports.h"

namespace capmig::fix {

using lang::ImportStatement;

// A namespace import that binds names without spelling them (C# `using Twilio.Jwt.Client;`),
// from the rule's "fix" data: the rewrite may drop it once none of those names is used.
struct NamespaceBinds {
  std::string module;
  std::vector<std::string> names;
};

// Edits for the imports of one file, given every statement the rewrites delete, the import
// lines their code asks for (in order, duplicates allowed) and that code itself.
std::vector<Edit> import_edits(const lang::Syntax& s, const std::vector<lang::TokenRange>& removed,
                               const std::vector<std::string>& wanted, const std::string& new_code,
                               const std::vector<NamespaceBinds>& namespace_binds, const std::string& newline);

// A name the new code's import lines bind (AccessToken, VoiceGrant) that the file already
// binds to something else: an import from another package, or its own class, function or
// variable. The new code would then build that other thing, so the rewrite stops with this
// text (naming the binding and its line) instead; nullopt when there is none.
std::optional<std::string> import_clash(const lang::Syntax& s, const std::vector<std::string>& wanted);

}  // namespace capmig::fix
