#include "analyzer/fix/model.h"

#include <algorithm>

namespace capmig::fix {

std::string_view to_string(Status s) { return s == Status::rewritten ? "rewritten" : "needs-input"; }

std::size_t FixReport::rewritten() const {
  return static_cast<std::size_t>(
      std::count_if(rewrites.begin(), rewrites.end(), [](const Rewrite& r) { return r.status == Status::rewritten; }));
}

std::size_t FixReport::needs_input() const { return rewrites.size() - rewritten(); }

const Rewrite* FixReport::for_finding(std::string_view id) const {
  for (const auto& r : rewrites)
    if (r.finding_id == id) return &r;
  return nullptr;
}

}  // namespace capmig::fix
