#pragma once
// The repository pass: a capability object returned by a helper that no code of its own file
// calls (a Node module's export, a Flask extension's function, a Rails helper method) is
// configured and signed by callers in other files. Only files that name such a helper, in its
// language family, are read again (from the list the scan's walk made, not by walking the tree
// twice); what their calls add is merged into the helper's finding.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/scan/finding.h"
#include "analyzer/scan/scanner.h"

namespace capmig::scan {

struct CodeFile {
  std::string path;         // as findings name it
  std::string abs;          // where to read it
  std::size_t checked = 0;  // HelperNames::names()[0, checked) were looked for while it was read…
  bool named = false;       // …and one of them is in it
};

// Helper names as the walk finds them: each file is looked at for the names known while its
// bytes are in memory, so the repository pass reads again only files that name one or that
// were read before a name was found (half the tree on average, instead of all of it).
class HelperNames {
 public:
  // The exported helpers among a file's findings.
  void add(const std::vector<Finding>& found);
  // Looks in a file of `lang` for every name known now of a helper it could call (its
  // language family's); fills cf.checked and cf.named.
  void check(std::string_view bytes, Language lang, CodeFile& cf) const;
  struct Name {
    std::string name;
    Language language;
  };
  std::shared_ptr<const std::vector<Name>> names() const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const std::vector<Name>> names_ = std::make_shared<const std::vector<Name>>();
};

// `names`: what the walk looked for (CodeFile::checked counts into it); null: read every file.
void follow_exported_helpers(const ScanOptions& options, const RuleSet& rules, const std::vector<CodeFile>& files,
                             std::vector<Finding>& findings, const HelperNames* names = nullptr);

}  // namespace capmig::scan
