// capmig mint [TOKEN|-] --api-key-sid SK…: the equivalent Access Token, as twilio-node mints it.
#include <boost/json/serialize.hpp>

#include <iostream>

#include "analyzer/cli/commands.h"
#include "analyzer/cli/common.h"
#include "analyzer/cli/token_stream.h"
#include "analyzer/core/utf8.h"
#include "analyzer/token/decode.h"
#include "analyzer/token/mint_from_mapping.h"

namespace capmig::cli {
namespace json = boost::json;

// Ten years: far past the 24 h Twilio accepts (a warning), short of overflowing now + ttl.
constexpr std::int64_t kMaxTtl = 10LL * 366 * 86400;

int run_mint(int argc, char** argv) {
  CommonOptions o;
  std::string api_key_sid, identity, region, alg = "HS256";
  std::int64_t ttl = 0;
  po::options_description d("mint options");
  d.add_options()("api-key-sid", po::value(&api_key_sid), "API key SID (SK…) the token is issued by")(
      "identity", po::value(&identity), "identity to use when the capability token names no client (or to replace it)")(
      "ttl", po::value(&ttl), "lifetime in seconds (default: the capability token's, at most 86400)")(
      "region", po::value(&region), "region for the twr header, e.g. ie1")(
      "alg", po::value(&alg)->default_value("HS256"), "HS256 | HS384 | HS512");
  add_common_options(d, o, false, kNoColor);
  po::positional_options_description pos;
  pos.add("input", -1);
  if (!parse_command_line(argc, argv, "usage: capmig mint [TOKEN|-] --api-key-sid SK… [options]", d, pos, o)) return 0;
  finish_common_options(o, {"text", "json"});
  refuse_path_arguments(o, "mint");
  if (api_key_sid.empty()) throw UsageError("--api-key-sid is required");
  token::MintOverrides ov{api_key_sid, std::nullopt, std::nullopt, std::nullopt, jwt::HmacAlg::HS256};
  if (!identity.empty()) ov.identity = identity;
  if (ttl < 0 || ttl > kMaxTtl)
    throw UsageError("--ttl " + std::to_string(ttl) + ": expected seconds from 1 to " + std::to_string(kMaxTtl) +
                     " (0 or omitted: the capability token's)");
  if (ttl > 0) ov.ttl = ttl;
  if (ttl > 86400) print_error("warning: --ttl " + std::to_string(ttl) + " is over the 24 h maximum Twilio accepts");
  if (!region.empty()) ov.region = region;
  auto a = jwt::hmac_alg_from_name(alg);
  if (!a) throw UsageError("--alg must be HS256, HS384 or HS512");
  ov.alg = *a;

  const auto keys = load_keys(o);
  if (!keys.api_key_secret)
    throw UsageError("no API key secret: set " + o.api_key_secret_env + " or pass --api-key-secret-file");
  const token::DecodeOptions opt{{keys.auth_token, std::nullopt}, o.now, &mapping_table()};
  const auto totals = run_token_stream(
      o, o.format == "json" ? Framing::JsonArray : Framing::Plain, [&](const TokenItem& in, BatchOutput& out) {
        // The capability token is verified with the auth token when one is available; the
        // API secret must not be taken for an auth token.
        const token::DecodeResult r = decode_item(in, opt);
        if (r.error) {
          add_decode_error(
              in, r, out,
              r.error->code == TokenErrorCode::SignatureInvalid ? " (not minting from a forged token)" : "");
          return;
        }
        auto spec = token::access_token_spec(*r.token, ov, mapping_table());
        if (!spec) {
          add_error(out, in.name, spec.error());
          return;
        }
        const std::string token = token::mint_access_token(*spec, *keys.api_key_secret, o.now);
        if (o.format == "text") {
          out.out += token;
          out.out += '\n';
          return;
        }
        json::object grants{{"identity", spec->identity}};
        for (const auto& [k, v] : spec->grants) grants[k] = v;
        json::object obj{{"token", token},
                         {"account_sid", spec->account_sid},
                         {"api_key_sid", spec->api_key_sid},
                         {"identity", spec->identity},
                         {"ttl", spec->ttl},
                         {"grants", std::move(grants)}};
        if (in.several) obj["input"] = valid_utf8(in.name);
        append_json(out.out, obj);
        ++out.elements;
      });
  if (totals.tokens == 0 && totals.exit_code == 0) throw UsageError("no token in the input");
  return totals.exit_code;
}

}  // namespace capmig::cli
