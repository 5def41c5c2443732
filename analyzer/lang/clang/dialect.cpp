// C, C++ and Objective-C: lexed through libclang (lexer.cpp); no rewrite target.
#include "analyzer/lang/dialect.h"

namespace capmig::lang {
namespace {

Dialect c_family(Language language, std::string_view name, std::vector<std::string_view> extensions) {
  Dialect d;
  d.language = language;
  d.name = name;
  d.extensions = std::move(extensions);
  d.traits.member_ops = {".", "->", "::", "?."};
  d.traits.semicolon_statements = true;
  d.traits.brace_blocks = true;
  d.traits.generic_args = language == Language::cpp;
  return d;
}

}  // namespace

const Dialect& c_dialect() {
  static const Dialect d = [] {
    Dialect row = c_family(Language::c, "c", {"c", "h"});
    row.lex = [](std::string_view src) { return lex_clang(src, Language::c); };
    return row;
  }();
  return d;
}

const Dialect& cpp_dialect() {
  static const Dialect d = [] {
    Dialect row = c_family(Language::cpp, "cpp", {"cc", "cpp", "cxx", "hpp", "hh", "hxx"});
    row.lex = [](std::string_view src) { return lex_clang(src, Language::cpp); };
    row.doc_tags = {"c++", "cplusplus"};
    return row;
  }();
  return d;
}

const Dialect& objc_dialect() {
  static const Dialect d = [] {
    Dialect row = c_family(Language::objc, "objc", {"m", "mm"});
    row.lex = [](std::string_view src) { return lex_clang(src, Language::objc); };
    row.doc_tags = {"objective-c", "objectivec", "obj-c", "objc++", "objective-c++"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
