#pragma once
// Typed declarations of a name: a parameter (`TwilioCapability cap`, `ClientToken $token`,
// `cap: ClientCapability`) with the body of the function it belongs to, or a field declared
// without a value (`@Autowired private TwilioCapability cap;`), whose object the caller or a
// framework's dependency injection provides.
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/lang/syntax.h"

namespace capmig::lang {

struct TypedDeclaration {
  enum class Kind { parameter, field };
  Kind kind = Kind::parameter;
  TokenRange type;                     // the type as written: `Twilio.TwilioCapability`, `\Twilio\Jwt\ClientToken`
  std::vector<std::string> type_path;  // its segments
  std::size_t name = 0;                // the declared name's token
  TokenRange body;                     // a parameter's function body, inside its braces
  // A constructor parameter that declares a field too (TypeScript `private readonly cap: T`,
  // PHP 8 `private T $cap`): the class's other methods use it as `this.cap`.
  bool property = false;
};

// Every declaration in the file whose type's last segment is `type_name`.
std::vector<TypedDeclaration> typed_declarations(const Syntax& s, std::string_view type_name);

}  // namespace capmig::lang
