// libFuzzer target: apply_delta, the git pack delta decoder `scan --history` runs on every
// deltified tree and blob of a repository it is pointed at (untrusted bytes).
//
// Input: first byte = the base's length n, the next n bytes = the base, the rest = the delta.
// Invariants: a success yields exactly the target size the delta declares, built only from
// insert bytes and base copies (so never more than the delta's inserts plus its copies can
// give); the decoder is deterministic; a failure leaves no requirement on `out`.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/history/delta.h"
#include "fuzz/fuzz_util.h"

namespace {

// The target size the delta's header declares (the second varint), if it has one.
bool declared_target(std::string_view d, std::uint64_t& out) {
  std::size_t pos = 0;
  for (int field = 0; field < 2; ++field) {
    out = 0;
    bool done = false;
    for (unsigned shift = 0; pos < d.size() && shift < 64 && !done; shift += 7) {
      const auto c = static_cast<unsigned char>(d[pos++]);
      out |= static_cast<std::uint64_t>(c & 0x7fU) << shift;
      done = !(c & 0x80U);
    }
    if (!done) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using capmig::fuzz::fail;
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::size_t n = std::min<std::size_t>(data[0], in.size());
  const std::string_view base = in.substr(0, n), delta = in.substr(n);
  std::string out;
  const bool ok = capmig::history::apply_delta(base, delta, out);
  std::string again = "not empty";
  if (capmig::history::apply_delta(base, delta, again) != ok || (ok && again != out))
    fail("apply_delta is not deterministic");
  if (!ok) return 0;
  std::uint64_t target = 0;
  if (!declared_target(delta, target) || out.size() != target) fail("success with a size the delta did not declare");
  // Each instruction byte yields at most 0xffffff copied bytes (or 127 inserted ones).
  if (out.size() > delta.size() * std::uint64_t{0xffffff}) fail("output larger than the delta can describe");
  return 0;
}
