#pragma once
// scan names the languages by lang's registry (analyzer/lang/language.h); these aliases keep
// scan::Language spelled as before while the rest of the language knowledge moves to lang.
#include "analyzer/lang/language.h"

namespace capmig::scan {

using lang::Language;
using lang::language_for_path;
using lang::language_from_string;
using lang::to_string;

}  // namespace capmig::scan
