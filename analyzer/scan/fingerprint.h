#pragma once
// Stable finding ids: the same finding keeps its id across runs and when unrelated edits
// move it, so baselines and SARIF partialFingerprints survive ordinary churn.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/scan/finding.h"

namespace capmig::scan {

// "cm1-" + the first 20 hex digits of a SHA-256. The prefix names the scheme, so a later
// scheme can change the inputs without old baselines silently matching wrong findings.
inline constexpr std::string_view kFingerprintPrefix = "cm1-";

// The snippet with all whitespace removed: re-indenting, re-wrapping or reformatting a
// construct does not change what it is.
std::string normalize_snippet(std::string_view snippet);

// The id of the `occurrence`-th (0-based, in file order) finding with this rule, path and
// normalised snippet.
std::string fingerprint(std::string_view rule_id, std::string_view path, std::string_view normalized_snippet,
                        std::size_t occurrence);

// Sets Finding::id on every finding. Line numbers are not hashed; identical constructs in
// one file are told apart by their order. The result does not depend on the input order.
void assign_ids(std::vector<Finding>& findings);

}  // namespace capmig::scan
