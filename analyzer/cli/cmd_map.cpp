// capmig map [TOKEN|-] [--identity NAME] [--as LANG]: the Access Token + VoiceGrant
// configuration a capability token becomes, as JSON or as code for LANG.
#include <boost/json/serialize.hpp>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/cli/token_stream.h"
#include "analyzer/codegen/access_token_code.h"
#include "analyzer/core/utf8.h"
#include "analyzer/report/terminal_safe.h"
#include "analyzer/report/token_json.h"
#include "analyzer/report/token_text.h"
#include "analyzer/token/decode.h"
#include "analyzer/token/mint_from_mapping.h"

namespace capmig::cli {
namespace json = boost::json;

namespace {

// The configuration in the helper libraries' own parameter names (the seed's table).
json::object configuration(const AccessTokenMapping& m, const std::string& account_sid) {
  json::object o;
  const auto id = m.identity_value();
  o["accountSid"] = account_sid;
  o["identity"] = id ? json::value(*id) : json::value(nullptr);
  o["ttl"] = *m.ttl_value();
  json::object voice;
  if (const auto* p = m.get("voice.incoming_allow"); p && p->value) voice["incomingAllow"] = *p->value;
  if (const auto* p = m.get("voice.outgoing_application_sid"); p && p->value)
    voice["outgoingApplicationSid"] = *p->value;
  if (const auto* p = m.get("voice.outgoing_application_params"); p && p->value)
    voice["outgoingApplicationParams"] = *p->value;
  o["voiceGrant"] = std::move(voice);
  return o;
}

}  // namespace

int run_map(int argc, char** argv) {
  CommonOptions o;
  std::string identity, language;
  po::options_description d("map options");
  d.add_options()("identity", po::value(&identity),
                  "identity to use when the capability token names no client (or to replace it)")(
      "as", po::value(&language), "print code for node | python | java | csharp | ruby | php");
  add_common_options(d, o, false, kNoApiKeySecret);  // maps capability tokens only
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig map [TOKEN|-] [--identity NAME] [--as LANG] [options]", d, pos, o))
    return 0;
  finish_common_options(o, {"text", "json"});
  refuse_path_arguments(o, "map");

  if (!language.empty() && !canonical_language(language))  // bad usage, said before any input is read
    throw UsageError(render_access_token_code(AccessTokenMapping{}, language).error().message);
  const token::DecodeOptions opt{load_keys(o), o.now, &mapping_table()};
  const TextStyle st = stdout_style(o);
  const auto totals = run_token_stream(
      o, o.format == "json" && language.empty() ? Framing::JsonArray : Framing::Plain,
      [&](const TokenItem& in, BatchOutput& out) {
        const token::DecodeResult r = decode_item(in, opt);
        add_decode_error(in, r, out);
        if (r.error && (!r.token || r.error->code != TokenErrorCode::SignatureInvalid)) return;
        if (!r.token->mapping) {
          add_error(out, in.name,
                    "a " + std::string(to_string(r.token->kind)) + " token, not a capability token: nothing to map");
          return;
        }
        AccessTokenMapping m = *r.token->mapping;
        if (!identity.empty()) token::override_identity(m, identity, mapping_table());
        const std::string& account = r.token->capability->account_sid;

        if (!language.empty()) {
          auto code = render_access_token_code(m, language, CodeStyle{});
          if (!code) throw UsageError(code.error().message);
          if (in.several) out.out += "// " + terminal_safe(in.name) + "\n";
          out.out += to_snippet(*code);
          for (const auto& diag : m.diagnostics)
            out.err += "capmig: note: " + terminal_safe(in.name) + ": " + diag + "\n";
          return;
        }
        if (o.format == "text") {
          out.out += st.bold(terminal_safe(in.name)) + ": Access Token + VoiceGrant for " + terminal_safe(account) +
                     "\n" + mapping_to_text(m, st);
          return;
        }
        json::object obj = mapping_to_json(m);
        obj["configuration"] = configuration(m, account);
        if (in.several) obj["input"] = valid_utf8(in.name);
        append_json(out.out, obj);
        ++out.elements;
      });
  if (totals.tokens == 0 && totals.exit_code == 0) throw UsageError("no token in the input");
  return totals.exit_code;
}

}  // namespace capmig::cli
