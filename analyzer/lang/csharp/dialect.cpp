// C#: `using A.B;` and `using X = A.B;` directives, usually inside a namespace block.
#include "analyzer/lang/dialect.h"
#include "analyzer/lang/syntax.h"

namespace capmig::lang {
namespace {

// using A.B;  using X = A.B;  (a `using (…)` or `using var` statement is not a directive).
// A namespace directive binds no name by itself: the rewrite reads the names a namespace
// brings in from the rules (ImportStatement::names stays empty, never removed, unless they do).
void read_using(const Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const auto d = directive_at(s, k);
  if (!d) return;
  const std::size_t e = d->body_end;
  ImportStatement im{d->statement, {}, {}, false, false};
  if (s.is(k + 1, "(") || s.is(k + 1, "var")) return;
  if (s.is(k + 2, "=")) {
    im.names.emplace_back(s.text(k + 1));
    im.module = joined_text(s, k + 3, e);
  } else {
    im.module = joined_text(s, k + 1, e);
  }
  out.push_back(std::move(im));
}

}  // namespace

const Dialect& csharp_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::csharp;
    row.name = "csharp";
    row.doc_tags = {"c#", "cs", "dotnet", "aspx-cs"};
    row.extensions = {"cs"};
    row.lex = lex_csharp;
    row.traits.member_ops = {".", "->", "::", "?."};
    row.traits.semicolon_statements = true;
    row.traits.brace_blocks = true;
    row.traits.colon_labels = true;
    row.traits.implicit_this = true;
    row.traits.type_before_name = true;
    row.traits.generic_args = true;
    row.imports.keywords = {"using"};
    row.imports.read = read_using;
    row.imports.inside_namespace_block = true;
    row.target = "csharp";
    row.print_calls = {"Console.WriteLine", "Debug.WriteLine", "Trace.WriteLine", "Console.Write"};
    row.absent_env_reads = {"Environment.GetEnvironmentVariable", "System.Environment.GetEnvironmentVariable"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
