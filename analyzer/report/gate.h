#pragma once
// `--fail-on`: which findings make `capmig scan` exit 1.
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/core/result.h"
#include "analyzer/report/scan_model.h"

namespace capmig::report {

inline constexpr std::string_view kDefaultFailOn = "low";  // SPEC: `--fail-on` default

// "info" | "low" | "medium" | "high" give that threshold; "never" gives nullopt.
// Anything else is a usage error whose message names the accepted values.
Result<std::optional<Severity>, std::string> parse_fail_on(std::string_view text);

// True when a new finding (not in the baseline) is at or above the threshold.
// nullopt (`--fail-on never`) never fails.
bool scan_fails(const ScanReport& report, std::optional<Severity> fail_on);

}  // namespace capmig::report
