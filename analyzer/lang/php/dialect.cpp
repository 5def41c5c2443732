// PHP: `use A\B\C as D;` inside or outside a namespace block; require/include bind nothing.
#include "analyzer/lang/dialect.h"
#include "analyzer/lang/syntax.h"

namespace capmig::lang {
namespace {

// use A\B\C; use A\B\C as D;  (require/include bind nothing: kept, but anchor new imports)
void read_use(const Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const TokenRange st = s.statement_at(k);
  ImportStatement im{st, {}, {}, false, false};
  if (s.text(k) == "use") {
    std::size_t e = st.end;
    if (e > k && s.is(e - 1, ";")) --e;
    if (e <= k + 1 || s.is(e - 1, "}")) return;  // group use: left alone
    std::size_t name = e - 1;
    if (name >= k + 2 && s.is_ident(name - 1) && s.text(name - 1) == "as")
      im.module = joined_text(s, k + 1, name - 1);
    else
      im.module = joined_text(s, k + 1, e);
    if (s.is_ident(name)) im.names.emplace_back(s.text(name));
  }
  out.push_back(std::move(im));
}

}  // namespace

const Dialect& php_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::php;
    row.name = "php";
    row.doc_tags = {"php3", "php4", "html+php"};
    row.extensions = {"php", "phtml", "inc", "php5", "php7"};
    row.lex = lex_php;
    row.traits.member_ops = {"->", "?->", "::", "\\"};
    row.traits.semicolon_statements = true;
    row.traits.brace_blocks = true;
    row.traits.colon_labels = true;
    row.traits.class_in_variable = true;
    row.traits.type_before_name = true;
    row.traits.pair_arrow = true;
    row.imports.keywords = {"use", "require", "require_once", "include", "include_once"};
    row.imports.read = read_use;
    row.imports.inside_namespace_block = true;
    row.imports.member_names_are_uses = true;
    row.imports.namespace_prologue = true;
    row.target = "php";
    row.print_calls = {"var_dump", "print_r", "error_log", "var_export"};
    row.absent_env_reads = {"getenv", "$_ENV", "$_SERVER"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
