// Apex (Salesforce): twilio-salesforce's TwilioCapability, made with `new TwilioCapability(sid,
// token)` or `TwilioAPI.createCapability()` in Visualforce controllers. Apex reads like Java
// ('…' strings, // and /* */ comments), so the Java lexer tokenizes it; its keywords ignore
// case (`NEW`). No Access Token template: the library has none, the rewrite is by hand.
#include "analyzer/lang/dialect.h"

namespace capmig::lang {

const Dialect& apex_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::apex;
    row.name = "apex";
    row.doc_tags = {"salesforce"};
    row.extensions = {"cls", "trigger"};
    row.lex = [](std::string_view src) { return lex_java(src, false); };
    row.traits.member_ops = {"."};
    row.traits.semicolon_statements = true;
    row.traits.generic_args = true;
    row.traits.implicit_this = true;
    row.traits.type_before_name = true;
    row.traits.brace_blocks = true;
    row.traits.case_insensitive_keywords = true;
    row.traits.pair_arrow = true;  // new Map<String, String>{'k' => v}
    row.print_calls = {"System.debug"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
