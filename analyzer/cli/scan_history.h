#pragma once
// `capmig scan --history [REV-RANGE] [PATH]`: scan's flags, applied to a repository's history.
#include <string>

#include "analyzer/cli/common.h"
#include "analyzer/cli/scan_flags.h"

namespace capmig::cli {

// o.inputs holds the positionals: [REV-RANGE] [PATH]. One positional is the PATH when it is an
// existing directory and has no "..", the REV-RANGE otherwise.
int run_scan_history(const ScanFlags& flags, CommonOptions& o);

}  // namespace capmig::cli
