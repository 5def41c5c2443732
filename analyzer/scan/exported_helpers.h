#pragma once
// The repository pass: a capability object returned by a helper that no code of its own file
// calls (a Node module's export, a Flask extension's function, a Rails helper method) is
// configured and signed by callers in other files. Only files that name such a helper, in its
// language family, are read again (from the list the scan's walk made, not by walking the tree
// twice); what their calls add is merged into the helper's finding.
#include <string>
#include <vector>

#include "analyzer/scan/finding.h"
#include "analyzer/scan/scanner.h"

namespace capmig::scan {

struct CodeFile {
  std::string path;  // as findings name it
  std::string abs;   // where to read it
};

void follow_exported_helpers(const ScanOptions& options, const RuleSet& rules, const std::vector<CodeFile>& files,
                             std::vector<Finding>& findings);

}  // namespace capmig::scan
