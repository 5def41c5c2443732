#pragma once
// `fix` patches are the file's own text, so a hard-coded auth token or API key secret that sits
// on a line a rewrite touches (or in a hunk's context) would appear in a report verbatim. The
// reports show secrets the way findings do (first 4 characters and "…"): this learns each
// secret's text from the patches, at the positions of the scan's hardcoded-secret findings,
// and redacts every occurrence of it in any patch text a report prints.
#include <string>
#include <vector>

#include "analyzer/fix/model.h"
#include "analyzer/report/scan_model.h"

namespace capmig::report {

class PatchRedactor {
 public:
  explicit PatchRedactor(const fix::FixReport* fixes);  // null: nothing to redact
  std::string operator()(std::string text) const;
  const std::vector<std::string>& secrets() const { return secrets_; }

 private:
  std::vector<std::string> secrets_;  // raw values, longest first
};

}  // namespace capmig::report
