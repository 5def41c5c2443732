#pragma once
// A git pack delta: a base object plus copy and insert instructions give the target object.
// Packs store most trees (and some blobs) this way, each against another version.
#include <cstdint>
#include <string>
#include <string_view>

namespace capmig::history {

// Writes the object `delta` makes from `base` into `out`. False when the delta is malformed
// (sizes that disagree, a copy outside the base): the caller reads the object another way.
bool apply_delta(std::string_view base, std::string_view delta, std::string& out);

// The size of the object `delta` makes, from its header, without its base. False when the
// header is malformed.
bool delta_target_size(std::string_view delta, std::uint64_t& size);

}  // namespace capmig::history
