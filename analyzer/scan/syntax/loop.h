#pragma once
// Whether a call runs once per item of a loop: `for`/`while` headers, `.forEach(…)`,
// `.each do |n|`, `.times`, a postfix `… for n in names`. Read from the lines between the
// object's constructor and the call, by indentation, so it is one rule for every language
// (braces or not): a scope added in a loop gives the token one scope per iteration.
#include <cstddef>

#include "analyzer/lang/syntax.h"

namespace capmig::scan {

// The statement at token `call` is inside a loop that is itself inside the block of the
// statement at token `from` (the constructor), or carries a loop on its own line.
bool in_loop_since(const lang::Syntax& s, std::size_t from, std::size_t call);

}  // namespace capmig::scan
