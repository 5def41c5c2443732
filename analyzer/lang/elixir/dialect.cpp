// Elixir: the community ex_twilio package's ExTwilio.Capability, built in a pipeline
// (`Capability.new |> Capability.allow_client_incoming(name) |> Capability.token`).
// No Access Token template: capmig reports and maps it, the rewrite is by hand.
#include "analyzer/lang/dialect.h"

namespace capmig::lang {

const Dialect& elixir_dialect() {
  static const Dialect d = [] {
    Dialect row;
    row.language = Language::elixir;
    row.name = "elixir";
    row.doc_tags = {"iex"};
    row.extensions = {"ex", "exs"};
    row.lex = lex_elixir;
    row.traits.member_ops = {"."};
    row.traits.paren_less_calls = true;
    row.traits.bare_calls = true;
    row.traits.constructor_method = "new";
    row.traits.pair_arrow = true;
    row.traits.colon_labels = true;
    row.traits.pipe_op = "|>";
    row.print_calls = {"IO.puts", "IO.inspect"};
    return row;
  }();
  return d;
}

}  // namespace capmig::lang
