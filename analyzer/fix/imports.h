#pragma once
// The import lines a rewrite changes: capability imports the rewrite left unused go, the
// Access Token imports the new code needs come in (once, and only when not already there).
// Every language's import syntax lives in imports.cpp.
#include <string>
#include <vector>

#include "analyzer/fix/model.h"
#include "analyzer/scan/syntax/structure.h"

namespace capmig::fix {

struct ImportStatement {
  scan::TokenRange range;
  std::vector<std::string> names;  // the names it binds; empty when unknown (never removed)
  std::string module;              // 'twilio', twilio.jwt.client, Twilio\Jwt\ClientToken, ...
  bool esm = false;                // JavaScript `import … from`
  bool esm_default = false;        // `import X from` / `import * as X from`: names.front() is X
  bool top_level = false;          // at file level (where new imports may go)
};

std::vector<ImportStatement> find_imports(const scan::Syntax& s);

// Edits for the imports of one file, given every statement the rewrites delete, the import
// lines their code asks for (in order, duplicates allowed) and that code itself.
std::vector<Edit> import_edits(const scan::Syntax& s, const std::vector<scan::TokenRange>& removed,
                               const std::vector<std::string>& wanted, const std::string& new_code,
                               const std::string& newline);

}  // namespace capmig::fix
