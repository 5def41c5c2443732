#pragma once
// SARIF `fixes` from `capmig fix`'s patches, for SarifOptions::fixes: each rewritten construct
// becomes one fix whose artifactChanges replace exactly the bytes `fix` replaces, so code
// scanning UIs (and SARIF viewers) can offer it. Needs-input constructs get no fix.
#include <boost/json/array.hpp>

#include <functional>

#include "analyzer/fix/model.h"
#include "analyzer/report/scan_model.h"

namespace capmig::report {

inline constexpr std::string_view kFixDescription = "Migrate to Access Token + VoiceGrant.";

// `fixes` must outlive the returned function.
std::function<boost::json::array(const Finding&)> sarif_fixes(const fix::FixReport& fixes);

}  // namespace capmig::report
