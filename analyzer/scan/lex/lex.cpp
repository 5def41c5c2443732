#include "analyzer/scan/lex/token.h"

namespace capmig::scan {

LexResult lex(Language language, std::string_view source) {
  switch (language) {
    case Language::javascript: return lex_javascript(source, false);
    case Language::typescript: return lex_javascript(source, true);
    case Language::python: return lex_python(source);
    case Language::ruby: return lex_ruby(source);
    case Language::php: return lex_php(source);
    case Language::java: return lex_java(source, false);
    case Language::kotlin: return lex_java(source, true);
    case Language::csharp: return lex_csharp(source);
    case Language::swift: return lex_swift(source);
    case Language::c:
    case Language::cpp:
    case Language::objc: return lex_clang(source, language);
    case Language::text: break;
  }
  return {};
}

}  // namespace capmig::scan
