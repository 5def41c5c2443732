// Java and Kotlin (one lexer): `import a.b.C;`; the capability library's checked exception.
#include "analyzer/lang/dialect.h"
#include "analyzer/lang/syntax.h"

namespace capmig::lang {
namespace {

// import a.b.C;  import a.b.*;  (import static: left alone)
void read_import(const Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const auto d = directive_at(s, k);
  if (!d) return;
  const std::size_t e = d->body_end;
  ImportStatement im{d->statement, {}, {}, false, false};
  im.module = joined_text(s, k + 1, e);
  if (!s.is(e - 1, "*") && s.is_ident(e - 1)) im.names.emplace_back(s.text(e - 1));
  out.push_back(std::move(im));
}

}  // namespace

const Dialect& java_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::java;
    row.name = "java";
    row.doc_tags = {"jsp"};
    row.extensions = {"java", "groovy"};
    row.lex = [](std::string_view src) { return lex_java(src, false); };
    row.traits.member_ops = {".", "->", "::", "?."};
    row.traits.semicolon_statements = true;
    row.traits.generic_args = true;
    row.traits.implicit_this = true;
    row.traits.type_before_name = true;
    row.traits.brace_blocks = true;
    row.imports.keywords = {"import"};
    row.imports.read = read_import;
    row.target = "java";
    row.print_calls = {"System.out.println", "System.err.println", "System.out.print"};
    row.absent_env_reads = {"System.getenv"};
    row.capability_checked_exception = "DomainException";
    return row;
  }();
  return d;
}

const Dialect& kotlin_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::kotlin;
    row.name = "kotlin";
    row.doc_tags = {"kotlinscript"};
    row.extensions = {"kt", "kts"};
    row.lex = [](std::string_view src) { return lex_java(src, true); };
    row.traits.member_ops = {".", "?.", "!!."};
    row.traits.equals_named_args = true;
    row.traits.generic_args = true;
    row.traits.type_annotations = true;
    row.traits.implicit_this = true;
    row.traits.brace_blocks = true;
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
