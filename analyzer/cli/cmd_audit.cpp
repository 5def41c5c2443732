// capmig audit [FILE…|-]: the log audit. Every JWT in the logs (plain or gzip), counted by
// kind, account, client or identity and TwiML app: who still gets capability tokens.
#include <boost/json/serialize.hpp>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/cli/token_stream.h"
#include "analyzer/report/audit_report.h"
#include "analyzer/token/audit.h"
#include "analyzer/token/decode.h"

namespace capmig::cli {
namespace json = boost::json;

int run_audit(int argc, char** argv) {
  CommonOptions o;
  po::options_description d("audit options");
  add_common_options(d, o, false, kAllCommonOptions, "text | json | markdown");
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig audit [FILE...|-] [--format text|json|markdown] [options]", d, pos,
                          o))
    return 0;
  finish_common_options(o, {"text", "json", "markdown"});
  o.extract = true;  // logs, HAR captures, token dumps: every JWT in the text counts

  const token::DecodeOptions opt{load_keys(o), o.now, &mapping_table()};
  // Malformed JWT-shaped strings are common in logs (cut lines): counted, not each an error.
  const auto totals = run_token_stream(o, Framing::Plain, [&](const TokenItem& in, BatchOutput& out) {
    out.audited = true;
    out.audit.add(decode_item(in, opt), in.name, o.now);
  });
  const token::TokenAudit& a = totals.audit;
  if (o.format == "json")
    std::cout << json::serialize(token::audit_to_json(a)) << "\n";
  else if (o.format == "markdown")
    std::cout << audit_to_markdown(a);
  else
    std::cout << audit_to_text(a, stdout_style(o));
  if (totals.exit_code) return totals.exit_code;  // an input could not be read (to its end)
  const bool capability = a.by_kind[static_cast<std::size_t>(token::AuditKind::Capability)].tokens ||
                          a.by_kind[static_cast<std::size_t>(token::AuditKind::TaskRouterCapability)].tokens;
  return capability || a.total.failed ? 1 : 0;
}

}  // namespace capmig::cli
