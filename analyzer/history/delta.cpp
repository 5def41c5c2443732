#include "analyzer/history/delta.h"

#include <algorithm>
#include <cstdint>

namespace capmig::history {
namespace {

// A size in the delta's header: seven bits a byte, least significant first.
bool read_size(std::string_view d, std::size_t& pos, std::uint64_t& out) {
  out = 0;
  for (unsigned shift = 0; pos < d.size() && shift < 64; shift += 7) {
    const auto c = static_cast<unsigned char>(d[pos++]);
    out |= static_cast<std::uint64_t>(c & 0x7fU) << shift;
    if (!(c & 0x80U)) return true;
  }
  return false;
}

}  // namespace

bool delta_target_size(std::string_view delta, std::uint64_t& size) {
  std::size_t pos = 0;
  std::uint64_t base_size = 0;
  return read_size(delta, pos, base_size) && read_size(delta, pos, size);
}

bool apply_delta(std::string_view base, std::string_view delta, std::string& out) {
  std::size_t pos = 0;
  std::uint64_t base_size = 0, target_size = 0;
  if (!read_size(delta, pos, base_size) || !read_size(delta, pos, target_size) || base_size != base.size())
    return false;
  out.clear();
  // The header is untrusted: reserve no more than the instructions could plausibly need.
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(target_size, base.size() + delta.size())));
  while (pos < delta.size()) {
    const auto op = static_cast<unsigned char>(delta[pos++]);
    if (op & 0x80U) {
      // Copy from the base: bits 0-3 say which offset bytes follow, bits 4-6 which size bytes.
      std::uint64_t offset = 0, size = 0;
      for (unsigned i = 0; i < 4; ++i)
        if (op & (1U << i)) {
          if (pos >= delta.size()) return false;
          offset |= static_cast<std::uint64_t>(static_cast<unsigned char>(delta[pos++])) << (8 * i);
        }
      for (unsigned i = 0; i < 3; ++i)
        if (op & (0x10U << i)) {
          if (pos >= delta.size()) return false;
          size |= static_cast<std::uint64_t>(static_cast<unsigned char>(delta[pos++])) << (8 * i);
        }
      if (size == 0) size = 0x10000;  // the format's way to say 64 KiB
      if (offset > base.size() || size > base.size() - offset) return false;
      out.append(base.substr(offset, size));
    } else if (op != 0) {
      // Insert the next `op` bytes of the delta itself.
      if (op > delta.size() - pos) return false;
      out.append(delta.substr(pos, op));
      pos += op;
    } else {
      return false;  // reserved
    }
    if (out.size() > target_size) return false;
  }
  return out.size() == target_size;
}

}  // namespace capmig::history
