#pragma once
// The import statements of a file, read in its language (each dialect's ImportSyntax): what
// names they bind and from which module, so a rewrite can drop the ones it made unused and
// add the ones its new code needs.
#include <optional>
#include <string>
#include <vector>

#include "analyzer/lang/syntax.h"

namespace capmig::lang {

struct ImportStatement {
  TokenRange range;
  std::vector<std::string> names;  // the names it binds; empty when unknown (never removed)
  std::string module;              // 'twilio', twilio.jwt.client, Twilio\Jwt\ClientToken, ...
  bool esm = false;                // JavaScript `import … from`
  bool esm_default = false;        // `import X from` / `import * as X from`: names.front() is X
  bool top_level = false;          // at file level (where new imports may go)
  bool from_object = false;        // `const { A } = obj;`: module is a variable's name, not a module
};

std::vector<ImportStatement> find_imports(const Syntax& s);

// A `keyword a.b.C;` directive starting at token k (Java import, C# using): the statement and
// the end of its body before any ';'; nullopt when it has no body or is a `static` one.
struct Directive {
  TokenRange statement;
  std::size_t body_end = 0;
};
std::optional<Directive> directive_at(const Syntax& s, std::size_t k);

// The tokens [b, e) as written, without the spaces between them (a dotted module name).
std::string joined_text(const Syntax& s, std::size_t b, std::size_t e);

}  // namespace capmig::lang
