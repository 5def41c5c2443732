// Text: configs, logs, HAR files, .env, ERB views and anything unrecognised that is not
// binary. Not lexed: text is searched for JWTs and scope strings directly.
#include "analyzer/lang/dialect.h"

namespace capmig::lang {

const Dialect& text_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::text;
    row.name = "text";
    row.extensions = {"erb"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
