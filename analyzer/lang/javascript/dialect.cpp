// JavaScript and TypeScript: CommonJS require and ES module imports.
#include <string>
#include <string_view>

#include "analyzer/lang/dialect.h"
#include "analyzer/lang/syntax.h"

namespace capmig::lang {
namespace {

// The package a module specifier names: Deno's `npm:twilio@4.19.0` and a CDN's
// `https://esm.sh/twilio@4` load the same package as 'twilio', so the file's own import of it
// is the one the new code reads (a second `import twilio` would declare the name twice).
std::string package_of(std::string_view spec) {
  if (spec.starts_with("npm:")) {
    spec.remove_prefix(4);
  } else if (spec.starts_with("https://") || spec.starts_with("http://")) {
    const auto path = spec.find('/', spec.find("//") + 2);
    if (path == std::string_view::npos) return std::string(spec);
    spec.remove_prefix(path + 1);
    if (spec.starts_with("npm/")) spec.remove_prefix(4);  // cdn.jsdelivr.net/npm/twilio
    if (spec.find('/') != std::string_view::npos && !spec.starts_with("@")) return std::string(spec);
  } else {
    return std::string(spec);
  }
  // name, @scope/name, then an optional @version
  const auto at = spec.find('@', spec.starts_with("@") ? 1 : 0);
  return std::string(spec.substr(0, at));
}

// const X = require('m')…; const { a, b: { c } } = require('m'); const { A } = Other;
// import X from 'm'; import * as X from 'm'; import { a, b as c } from 'm';
void read_import(const Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const auto kw = s.text(k);
  const TokenRange st = s.statement_at(k);
  ImportStatement im{st, {}, {}, false, false};
  if (kw == "import") {
    if (s.is(k + 1, "(")) return;  // dynamic import()
    im.esm = true;
    im.esm_default = !s.is(k + 1, "{");
    for (std::size_t q = k + 1; q < st.end; ++q) {
      if (s.is_ident(q) && s.text(q) == "from") {
        if (q + 1 < st.end && s.tok(q + 1).kind == TokKind::string) im.module = package_of(s.tok(q + 1).value.str());
        break;
      }
      if (!s.is_ident(q) || s.text(q) == "as" || s.text(q) == "type") continue;
      if (s.is_ident(q + 1) && s.text(q + 1) == "as") continue;  // `a as b` binds b
      im.names.emplace_back(s.text(q));
    }
    out.push_back(std::move(im));
    return;
  }
  // const/let/var: a require(…) on the right, or destructuring of a bound name.
  std::size_t eq = npos;
  for (std::size_t q = k + 1; q < st.end; ++q)
    if (s.is(q, "=")) {
      eq = q;
      break;
    }
  if (eq == npos) return;
  // `var express = require('express')⏎  , twilio = require('twilio'), app = express();` declares
  // more than imports (statement_at stops at its first ','): never dropped, and new imports do
  // not go inside it.
  if (st.end < s.size() && s.is(st.end, ",")) return;
  bool require = false;
  for (std::size_t q = eq + 1; q + 2 < st.end; ++q)
    if (s.is_ident(q) && s.text(q) == "require" && s.is(q + 1, "(") && s.tok(q + 2).kind == TokKind::string) {
      require = true;
      im.module = package_of(s.tok(q + 2).value.str());
    }
  // `= Name;` or a member chain `= twilio.jwt;`: the object destructured.
  std::size_t chain_end = eq + 1;
  while (chain_end < st.end && s.is_ident(chain_end) && s.is(chain_end + 1, ".") && chain_end + 2 < st.end)
    chain_end += 2;
  const bool whole_chain =
      chain_end < st.end && s.is_ident(chain_end) && (chain_end + 1 == st.end || s.is(chain_end + 1, ";"));
  const bool destructure_name = s.is(k + 1, "{") && whole_chain;
  // `const AccessToken = twilio.jwt.AccessToken;`: a member taken under its own name, as
  // `const { AccessToken } = twilio.jwt;` takes it.
  const bool member_alias = !require && s.is_ident(k + 1) && eq == k + 2 && whole_chain && chain_end > eq + 1 &&
                            s.text(chain_end) == s.text(k + 1);
  if (!require && !destructure_name && !member_alias) return;
  if (destructure_name) {
    im.module = s.range_text({eq + 1, chain_end + 1});
    im.from_object = true;
  } else if (member_alias) {
    im.module = s.range_text({eq + 1, chain_end - 1});
    im.from_object = true;
    im.names.emplace_back(s.text(k + 1));
    out.push_back(std::move(im));
    return;
  }
  for (std::size_t q = k + 1; q < eq; ++q)
    if (s.is_ident(q) && !s.is(q + 1, ":")) im.names.emplace_back(s.text(q));
  out.push_back(std::move(im));
}

Dialect script(Language language, bool typescript) {
  Dialect d;
  d.language = language;
  d.traits.member_ops = {".", "?."};
  d.traits.generic_args = typescript;
  d.traits.type_annotations = typescript;
  d.traits.brace_blocks = true;
  d.traits.colon_labels = true;
  d.imports.keywords = {"const", "let", "var", "import"};
  d.imports.read = read_import;
  d.imports.directive_prologue = true;
  d.imports.es_modules = true;
  d.target = "node";
  d.runtime_env_reads = {
      {"Deno.env.get(", "process.env", "Deno.env.get(\"{var}\")", "Deno.env.get(\"{var}\") as string"}};
  d.print_calls = {"console.log", "console.info", "console.debug", "console.warn", "console.error", "console.dir"};
  d.absent_env_reads = {"process.env", "Deno.env.get"};
  return d;
}

}  // namespace

const Dialect& javascript_dialect() {
  static const Dialect d = [] {
    Dialect row = script(Language::javascript, false);
    row.name = "javascript";
    row.doc_tags = {"node", "nodejs", "node.js", "es6", "ecmascript"};
    row.extensions = {"js", "mjs", "cjs", "jsx"};
    row.lex = [](std::string_view src) { return lex_javascript(src, false); };
    row.lex_interpolations = [](std::string_view src) { return lex_javascript_interpolations(src, false); };
    return row;
  }();
  return d;
}

const Dialect& typescript_dialect() {
  static const Dialect d = [] {
    Dialect row = script(Language::typescript, true);
    row.name = "typescript";
    row.doc_tags = {"typescriptreact", "deno"};
    row.extensions = {"ts", "tsx", "mts", "cts"};
    row.lex = [](std::string_view src) { return lex_javascript(src, true); };
    row.lex_interpolations = [](std::string_view src) { return lex_javascript_interpolations(src, true); };
    row.typed_env_read = "process.env.{var} as string";
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
