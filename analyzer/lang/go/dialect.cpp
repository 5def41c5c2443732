// Go: capability packages its users wrote or took from GitHub (Twilio shipped no Go helper
// before twilio-go, which has no capability token): `twilio.NewCapability(sid, token)` and
// `NewTwilioCapability`, then AllowClientIncoming/AllowClientOutgoing and ToJWT/GenerateToken.
// No Access Token template: capmig reports and maps it, the rewrite is by hand.
#include "analyzer/lang/dialect.h"

namespace capmig::lang {

const Dialect& go_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::go;
    row.name = "go";
    row.doc_tags = {"golang"};
    row.extensions = {"go"};
    row.lex = lex_go;
    row.traits.member_ops = {"."};
    row.traits.assign_ops = {"=", ":="};
    row.traits.brace_blocks = true;
    row.traits.colon_labels = true;  // Capability{AccountSid: sid}
    row.print_calls = {"fmt.Println", "fmt.Printf",  "fmt.Print", "fmt.Fprintln",
                       "fmt.Fprintf", "log.Println", "log.Printf"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
