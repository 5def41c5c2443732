// Swift: the iOS client side (TwilioVoice, TwilioClient); no rewrite target.
#include "analyzer/lang/dialect.h"

namespace capmig::lang {

const Dialect& swift_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::swift;
    row.name = "swift";
    row.doc_tags = {"swift3", "swift4", "swift5"};
    row.extensions = {"swift"};
    row.lex = lex_swift;
    row.traits.member_ops = {".", "?.", "!!."};
    row.traits.generic_args = true;
    row.traits.type_annotations = true;
    row.traits.brace_blocks = true;
    row.traits.colon_labels = true;
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
