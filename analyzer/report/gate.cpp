#include "analyzer/report/gate.h"

#include <algorithm>

namespace capmig::report {

Result<std::optional<Severity>, std::string> parse_fail_on(std::string_view text) {
  if (text == "never") return std::optional<Severity>{};
  if (auto s = severity_from_string(text)) return std::optional<Severity>{*s};
  return Unexpected(std::string("--fail-on: expected info, low, medium, high or never, got '") + std::string(text) +
                    "'");
}

bool scan_fails(const ScanReport& report, std::optional<Severity> fail_on) {
  if (!fail_on) return false;
  return std::any_of(report.findings.begin(), report.findings.end(), [&](const Finding& f) {
    return f.is_new && static_cast<int>(f.severity) >= static_cast<int>(*fail_on);
  });
}

}  // namespace capmig::report
