// capmig map [TOKEN|-] [--identity NAME] [--as LANG]: the Access Token + VoiceGrant
// configuration a capability token becomes, as JSON or as code for LANG.
#include <boost/json/serialize.hpp>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/codegen/access_token_code.h"
#include "analyzer/mint/from_mapping.h"
#include "analyzer/report/token_text.h"
#include "analyzer/token/decode.h"
#include "analyzer/token/report_json.h"

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
  if (const auto* p = m.get("voice.outgoing_application_sid"); p && p->value) voice["outgoingApplicationSid"] = *p->value;
  if (const auto* p = m.get("voice.outgoing_application_params"); p && p->value) voice["outgoingApplicationParams"] = *p->value;
  o["voiceGrant"] = std::move(voice);
  return o;
}

}  // namespace

int run_map(int argc, char** argv) {
  CommonOptions o;
  std::string identity, language;
  po::options_description d("map options");
  d.add_options()
    ("identity", po::value(&identity), "identity to use when the capability token names no client (or to replace it)")
    ("as", po::value(&language), "print code for node | python | java | csharp | ruby | php");
  add_common_options(d, o, false, kNoApiKeySecret);  // maps capability tokens only
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig map [TOKEN|-] [--identity NAME] [--as LANG] [options]", d, pos, o))
    return 0;
  finish_common_options(o, {"text", "json"});
  refuse_path_arguments(o, "map");

  const auto inputs = read_token_inputs(o);
  if (inputs.empty()) throw UsageError("no token in the input");
  const DecodeOptions opt{load_keys(o), o.now};
  const TextStyle st = stdout_style(o);
  int exit_code = 0;
  json::array all;
  for (const auto& in : inputs) {
    DecodeResult r = decode_token(in.token, opt);
    report_decode_error(in, r, exit_code);
    if (r.error && (!r.token || r.error->code != TokenErrorCode::SignatureInvalid)) continue;
    if (!r.token->mapping) {
      exit_code = 2;
      print_error(in.name + ": a " + std::string(to_string(r.token->kind)) + " token, not a capability token: nothing to map");
      continue;
    }
    AccessTokenMapping m = *r.token->mapping;
    if (!identity.empty()) override_identity(m, identity);
    const std::string& account = r.token->capability->account_sid;

    if (!language.empty()) {
      auto code = render_access_token_code(m, language, CodeStyle{});
      if (!code) throw UsageError(code.error().message);
      if (inputs.size() > 1) std::cout << "// " << in.name << "\n";
      std::cout << to_snippet(*code);
      for (const auto& diag : m.diagnostics) std::cerr << "capmig: note: " << in.name << ": " << diag << "\n";
      continue;
    }
    if (o.format == "text") {
      std::cout << st.bold(in.name) << ": Access Token + VoiceGrant for " << account << "\n" << mapping_to_text(m, st);
      continue;
    }
    json::object obj = mapping_to_json(m);
    obj["configuration"] = configuration(m, account);
    if (inputs.size() > 1) obj["input"] = in.name;
    all.push_back(std::move(obj));
  }
  if (o.format == "json" && language.empty() && !all.empty())
    std::cout << (all.size() == 1 ? json::serialize(all[0]) : json::serialize(all)) << "\n";
  return exit_code;
}

}  // namespace capmig::cli
