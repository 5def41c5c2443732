// libFuzzer target: the strict JSON parser, differentially against Boost.JSON's own
// parser with the same options.
//
// The first byte picks the depth limit (1..64); the rest is the document. Invariants:
// whatever strict accepts, boost::json::parse accepts with an equal value; whatever boost
// rejects, strict rejects; strict may reject what boost accepts only for a duplicate member
// name; an accepted value serialises to valid UTF-8 that strict parses back to an equal value;
// parse_strict_object accepts exactly the accepted objects.
//
// A number that overflows a double (1e309) parses to ±infinity, and Boost.JSON 1.81 reads
// 0e309 as NaN (0 × inf); it serialises both as the non-JSON words Infinity/NaN. Such values
// skip the comparison and round trip here (NaN != NaN); the decode fuzzer checks that
// capmig's own reports never contain one. Boost.JSON 1.81 also does not round long
// mantissas correctly (41 sevens reads back one ulp off after serialising), so the round
// trip compares doubles to a relative 1e-15.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/jwt/strict_json.h"
#include "fuzz/fuzz_util.h"

namespace {

bool all_finite(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::double_:
      return std::isfinite(v.get_double());
    case boost::json::kind::array:
      for (const auto& e : v.get_array())
        if (!all_finite(e)) return false;
      return true;
    case boost::json::kind::object:
      for (const auto& m : v.get_object())
        if (!all_finite(m.value())) return false;
      return true;
    default:
      return true;
  }
}

bool same_up_to_rounding(const boost::json::value& a, const boost::json::value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case boost::json::kind::double_: {
      const double x = a.get_double(), y = b.get_double();
      return x == y || std::fabs(x - y) <= 1e-15 * std::fmax(std::fabs(x), std::fabs(y));
    }
    case boost::json::kind::array: {
      const auto &p = a.get_array(), &q = b.get_array();
      if (p.size() != q.size()) return false;
      for (std::size_t i = 0; i < p.size(); ++i)
        if (!same_up_to_rounding(p[i], q[i])) return false;
      return true;
    }
    case boost::json::kind::object: {
      const auto &p = a.get_object(), &q = b.get_object();
      if (p.size() != q.size()) return false;
      for (auto i = p.begin(), j = q.begin(); i != p.end(); ++i, ++j)
        if (i->key() != j->key() || !same_up_to_rounding(i->value(), j->value())) return false;
      return true;
    }
    default:
      return a == b;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  using capmig::fuzz::fail;
  const unsigned depth = 1u + data[0] % 64u;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  const auto strict = capmig::jwt::parse_strict(text, depth);
  const auto object = capmig::jwt::parse_strict_object(text, depth);
  if (object.ok() != (strict.ok() && strict->is_object())) fail("parse_strict_object disagrees with parse_strict");
  if (!object.ok() && object.error().empty()) fail("error without a message");

  boost::json::parse_options opt;
  opt.max_depth = depth;
  boost::json::error_code ec;
  const boost::json::value reference = boost::json::parse(text, ec, {}, opt);

  if (strict.ok()) {
    if (ec) fail("strict accepted what Boost.JSON rejects");
    if (!all_finite(*strict)) return 0;
    if (*strict != reference) fail("strict and Boost.JSON values differ");
    const std::string out = boost::json::serialize(*strict);
    if (!capmig::fuzz::valid_utf8(out)) fail("serialised value is not valid UTF-8");
    const auto again = capmig::jwt::parse_strict(out, depth);
    if (!again.ok()) fail("serialised value does not parse back");
    if (!same_up_to_rounding(*again, *strict)) fail("round trip changed the value");
  } else {
    if (strict.error().empty()) fail("error without a message");
    if (!ec && !strict.error().starts_with("duplicate member name"))
      fail("strict rejected valid JSON without a duplicate");
  }
  return 0;
}
