// Rust: Twilio shipped no Rust helper, so capability tokens in Rust are hand-rolled: a
// `scope:client:…` string built with format! or concatenation, signed with the auth token by
// a JWT crate. Reported and mapped; the rewrite is by hand. SPEC's `language` has no rust:
// machine-readable reports say text (the path's .rs tells it apart).
#include "analyzer/lang/dialect.h"

namespace capmig::lang {

const Dialect& rust_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::rust;
    row.name = "rust";
    row.spec_name = "text";
    row.extensions = {"rs"};
    row.lex = lex_rust;
    row.traits.member_ops = {".", "::"};
    row.traits.semicolon_statements = true;
    row.traits.brace_blocks = true;
    row.traits.colon_labels = true;  // Claims { scope: s, exp }
    row.traits.generic_args = true;
    row.traits.type_annotations = true;
    row.print_calls = {"println!", "print!", "eprintln!", "eprint!", "dbg!"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
