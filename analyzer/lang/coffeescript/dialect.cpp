// CoffeeScript: Node servers and Rails asset-pipeline pages of the Twilio Client era, calling
// twilio-node and twilio.js. Calls may omit parentheses; blocks are indented. No rewrite
// target: the scan finds and maps its capability code, a person ports it.
#include "analyzer/lang/dialect.h"

namespace capmig::lang {

const Dialect& coffeescript_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::coffeescript;
    row.name = "coffeescript";
    row.doc_tags = {"coffee"};
    row.spec_name = "javascript";  // SPEC's language list has no CoffeeScript; it calls twilio-node
    row.extensions = {"coffee"};
    row.file_names = {"Cakefile"};
    row.lex = lex_coffeescript;
    row.traits.member_ops = {".", "?."};
    row.traits.assign_ops = {"=", "?=", "||="};
    row.traits.paren_less_calls = true;
    row.traits.implicit_objects = true;
    row.traits.block_openers = {"->", "=>"};
    row.traits.colon_labels = true;
    row.print_calls = {"console.log", "console.info", "console.debug", "console.warn", "console.error"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
