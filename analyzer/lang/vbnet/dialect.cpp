// VB.NET: the .NET helper libraries called from Visual Basic (Twilio.Client's TwilioCapability,
// Twilio 5.x's ClientCapability), in ASP.NET Web Forms pages and MVC controllers.
// No Access Token template: capmig reports and maps it, the rewrite is by hand.
#include "analyzer/lang/dialect.h"

namespace capmig::lang {

const Dialect& vbnet_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::vbnet;
    row.name = "vbnet";
    row.doc_tags = {"vb.net", "visualbasic", "vba"};
    row.extensions = {"vb"};
    row.lex = lex_vbnet;
    row.traits.member_ops = {".", "?."};
    row.traits.implicit_this = true;
    row.traits.case_insensitive_keywords = true;
    row.traits.as_clauses = true;
    row.print_calls = {"Console.WriteLine", "Debug.WriteLine", "Trace.WriteLine", "Console.Write"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
