#include "analyzer/scan/finding.h"

namespace capmig::scan {

std::string_view to_string(Category c) {
  switch (c) {
    case Category::capability_mint:
      return "capability-mint";
    case Category::capability_client:
      return "capability-client";
    case Category::embedded_token:
      return "embedded-token";
    case Category::hardcoded_secret:
      return "hardcoded-secret";
  }
  return "capability-mint";
}

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info:
      return "info";
    case Severity::low:
      return "low";
    case Severity::medium:
      return "medium";
    case Severity::high:
      return "high";
  }
  return "info";
}

std::optional<Severity> severity_from_string(std::string_view s) {
  for (auto v : {Severity::info, Severity::low, Severity::medium, Severity::high})
    if (to_string(v) == s) return v;
  return std::nullopt;
}

}  // namespace capmig::scan
