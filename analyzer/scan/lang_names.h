#pragma once
// The vocabulary scan reads from the lang stage (analyzer/lang): languages, tokens, source
// files and their syntax. Declared here once so matcher code spells them without `lang::`.
#include "analyzer/lang/language.h"
#include "analyzer/lang/syntax.h"

namespace capmig::scan {

using lang::Arg;
using lang::Assignment;
using lang::Call;
using lang::Language;
using lang::language_for_path;
using lang::language_from_string;
using lang::LanguageTraits;
using lang::npos;
using lang::SourceFile;
using lang::Span;
using lang::spec_name;
using lang::Syntax;
using lang::to_string;
using lang::Token;
using lang::TokenRange;
using lang::TokKind;

}  // namespace capmig::scan
