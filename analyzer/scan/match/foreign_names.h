#pragma once
// Names a file binds to something other than the helper library. Rules match a class by its
// last name, and apps reuse those names: an ActiveRecord `class ClientCapability`, a C#
// `record ClientCapability(…)`, `const { Capability } = require('./permissions/capability')`,
// `import com.example.flags.ClientCapability;`. An unqualified construct of such a name is
// the app's own object, not a capability token.
#include <set>
#include <string>
#include <string_view>

#include "analyzer/scan/syntax/value.h"

namespace capmig::scan {

class ForeignNames {
 public:
  explicit ForeignNames(const Syntax& s);
  bool contains(std::string_view name) const { return names_.count(std::string(name)) != 0; }

 private:
  std::set<std::string> names_;
};

}  // namespace capmig::scan
