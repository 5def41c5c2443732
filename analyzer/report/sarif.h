#pragma once
// `scan --format sarif`: SARIF 2.1.0 as GitHub code scanning takes it. One run; rules from
// the rule files; one result per finding with partialFingerprints from the finding id.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <functional>
#include <string>
#include <string_view>

#include "analyzer/report/scan_model.h"

namespace capmig::report {

inline constexpr std::string_view kToolVersion = "0.1.0";  // CMakeLists.txt project(VERSION)
inline constexpr std::string_view kToolInformationUri = "https://github.com/capmig/capmig";
inline constexpr std::string_view kSarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";
inline constexpr std::string_view kFingerprintKey = "capmigFindingId/v1";

struct SarifOptions {
  // A baseline was applied: each result gets baselineState "new" or "unchanged".
  bool baseline_given = false;
  // SARIF `fix` objects for a finding (from `fix`'s patches); none when unset or empty.
  std::function<boost::json::array(const Finding&)> fixes;
  // "file:///…/" for %SRCROOT%; empty means derived from report.root.
  std::string root_uri;
};

boost::json::object scan_to_sarif(const ScanReport& report, const SarifOptions& options = {});

// "src/my file.js" -> "src/my%20file.js": every byte but unreserved characters and '/'.
std::string percent_encode_path(std::string_view path);
// The absolute directory `root` names (its parent for a file), as a file URI ending in '/'.
std::string root_file_uri(const std::string& root);

}  // namespace capmig::report
