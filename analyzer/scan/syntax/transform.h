#pragma once
// A rule binding's "transform": how an argument written in the library's own unit becomes the
// capability parameter (a ttl in seconds). Each transform keeps the argument's text as written
// and gives a value only when the expression is a literal in a form it knows.
#include <optional>
#include <string_view>

#include "analyzer/scan/syntax/value.h"

namespace capmig::scan {

// Whether a rule may name this transform ("datetime-offset", "from-now", "duration").
bool known_transform(std::string_view name);
// The parameter the argument r stands for under the transform `name` (a known one).
Param transformed(std::string_view name, const Syntax& s, const Evaluator& ev, TokenRange r);

}  // namespace capmig::scan
