// Python: `import a.b as c`, `from m import a, b as c`.
#include "analyzer/lang/dialect.h"
#include "analyzer/lang/syntax.h"

namespace capmig::lang {
namespace {

// import a.b as c; from m import a, b as c; from m import (a, b)
void read_import(const Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const TokenRange st = s.statement_at(k);
  ImportStatement im{st, {}, {}, false, false};
  std::size_t q = k + 1;
  if (s.text(k) == "from") {
    std::size_t imp = q;
    while (imp < st.end && !(s.is_ident(imp) && s.text(imp) == "import")) ++imp;
    if (imp >= st.end) return;
    im.module = joined_text(s, q, imp);
    q = imp + 1;
    for (; q < st.end; ++q) {
      if (!s.is_ident(q)) {
        if (s.is(q, "*")) im.names.clear();
        if (s.is(q, "*")) break;
        continue;
      }
      if (s.text(q) == "as") continue;
      if (s.is_ident(q + 1) && s.text(q + 1) == "as") continue;
      im.names.emplace_back(s.text(q));
    }
  } else {
    // `import a.b.c` binds a; `import a.b as c` binds c.
    std::size_t seg = q;
    for (; q <= st.end; ++q) {
      if (q == st.end || s.is(q, ",")) {
        std::size_t as = seg;
        while (as < q && !(s.is_ident(as) && s.text(as) == "as")) ++as;
        if (as + 1 < q)
          im.names.emplace_back(s.text(as + 1));
        else if (seg < q)
          im.names.emplace_back(s.text(seg));
        if (im.module.empty()) im.module = joined_text(s, seg, as);
        seg = q + 1;
      }
    }
  }
  out.push_back(std::move(im));
}

}  // namespace

const Dialect& python_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::python;
    row.name = "python";
    row.doc_tags = {"python2", "python3", "py3", "pycon", "django"};
    row.extensions = {"py", "pyw"};
    row.lex = lex_python;
    row.traits.member_ops = {"."};
    row.traits.block_openers = {":"};
    row.traits.equals_named_args = true;
    row.traits.type_annotations = true;
    row.imports.keywords = {"import", "from"};
    row.imports.read = read_import;
    row.imports.directive_prologue = true;
    row.target = "python";
    row.print_calls = {"print", "pprint", "pprint.pprint"};
    row.absent_env_reads = {"os.getenv", "os.environ.get", "getenv", "environ.get"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
