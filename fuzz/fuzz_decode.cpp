// libFuzzer target: the whole token pipeline plus the JSON report.
//
// Every input is decoded as a raw token twice (no keys; both keys set). When the input
// contains a newline it is also read as "<header JSON>\n<payload JSON>": the harness
// base64url-encodes both parts and signs them with HS256, so the fuzzer can explore the
// claim, scope and mapping code with verifiable tokens instead of having to invent base64.
//
// Invariants checked besides ASan/UBSan: a result is a token, an error, or both (only for
// signature-invalid); the report serialises to strict JSON (valid UTF-8, no duplicates);
// a token the harness signed with the right key verifies.
#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/jwt/base64url.h"
#include "analyzer/jwt/hmac.h"
#include "analyzer/jwt/strict_json.h"
#include "analyzer/report/token_json.h"
#include "analyzer/token/decode.h"
#include "fuzz/fuzz_util.h"

namespace {

constexpr std::string_view kKey = "not-a-real-token";

void check(std::string_view token, const capmig::token::DecodeOptions& opt, bool signed_by_harness) {
  const capmig::token::DecodeResult r = capmig::token::decode_token(token, opt);
  if (!r.token && !r.error) capmig::fuzz::fail("neither token nor error");
  if (r.token && r.error && r.error->code != capmig::TokenErrorCode::SignatureInvalid)
    capmig::fuzz::fail("token with an error other than signature-invalid");
  if (r.error && r.error->message.empty()) capmig::fuzz::fail("error without a message");
  if (r.ok() != (r.token && !r.error)) capmig::fuzz::fail("ok() disagrees");
  if (signed_by_harness && r.token && r.token->alg == "HS256" && r.token->verified && !*r.token->verified)
    capmig::fuzz::fail("a token signed with the key given did not verify");

  const std::string report = boost::json::serialize(capmig::decode_result_to_json(r));
  if (!capmig::fuzz::valid_utf8(report)) capmig::fuzz::fail("report is not valid UTF-8");
  // 32 levels of token JSON sit a few levels down in the report.
  if (!capmig::jwt::parse_strict(report, 64)) capmig::fuzz::fail("report does not re-parse as strict JSON");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);

  capmig::token::DecodeOptions none{{}, 0, &capmig::map::MappingTable::builtin()};
  none.now = 1700000000;
  check(in, none, false);

  capmig::token::DecodeOptions keyed = none;
  keyed.keys.auth_token = std::string(kKey);
  keyed.keys.api_key_secret = std::string(kKey);
  check(in, keyed, false);

  if (const std::size_t nl = in.find('\n'); nl != std::string_view::npos) {
    std::string token = capmig::jwt::base64url_encode(in.substr(0, nl));
    token += '.';
    token += capmig::jwt::base64url_encode(in.substr(nl + 1));
    const std::string mac = capmig::jwt::hmac(capmig::jwt::HmacAlg::HS256, kKey, token);
    token += '.';
    token += capmig::jwt::base64url_encode(mac);
    check(token, keyed, true);
  }
  return 0;
}
