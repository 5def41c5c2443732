// libFuzzer target: form_unescape and parse_form (the scope query decoder).
//
// Invariants: every decoded string is valid UTF-8; lossy is set exactly when the
// percent-decoded bytes were not UTF-8; text without '%' or '+' that is valid UTF-8 comes
// back unchanged; parse_form's keys are unique, and `repeated` is set when the query has
// more pairs than the result.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "analyzer/token/form_decode.h"
#include "fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  using capmig::fuzz::fail;
  using capmig::fuzz::valid_utf8;

  bool lossy = false;
  const std::string u = capmig::token::form_unescape(in, &lossy);
  if (!valid_utf8(u)) fail("token::form_unescape gave invalid UTF-8");
  if (u.size() > 3 * in.size()) fail("token::form_unescape output grew more than U+FFFD allows");
  if (in.find_first_of("%+") == std::string_view::npos) {
    if (valid_utf8(in) && (u != in || lossy)) fail("plain UTF-8 text changed");
    if (!valid_utf8(in) && !lossy) fail("invalid UTF-8 without lossy");
  }
  if (!lossy && capmig::token::form_unescape(in) != u) fail("token::form_unescape not deterministic");

  bool repeated = false, lossy2 = false;
  const capmig::token::OrderedParams ps = capmig::token::parse_form(in, &repeated, &lossy2);
  std::set<std::string_view> keys;
  for (const auto& [k, v] : ps) {
    if (!valid_utf8(k) || !valid_utf8(v)) fail("token::parse_form gave invalid UTF-8");
    if (!keys.insert(k).second) fail("token::parse_form returned a duplicate key");
  }
  std::size_t pairs = 0;
  for (std::size_t start = 0; start <= in.size();) {
    std::size_t amp = in.find('&', start);
    if (amp == std::string_view::npos) amp = in.size();
    if (amp > start) ++pairs;
    start = amp + 1;
  }
  if (pairs < ps.size()) fail("more params than non-empty pairs");
  if ((pairs > ps.size()) != repeated) fail("repeated flag disagrees with the pair count");
  return 0;
}
