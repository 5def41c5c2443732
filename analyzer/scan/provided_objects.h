#pragma once
// The repository pass for objects a framework provides: a capability object a Laravel service
// provider, a Spring @Bean or an ASP.NET registration builds from the credentials, and that
// an action or a service receives as a typed parameter or an injected field to add scopes and
// sign. Each side alone is half a construct (credentials without scopes, scopes without
// credentials); when the repository holds exactly one way of building that class, the receiver
// takes the builder's credentials and both findings name each other.
#include <vector>

#include "analyzer/scan/finding.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"

namespace capmig::scan {

void tie_provided_objects(const ScanOptions& options, const RuleSet& rules, std::vector<Finding>& findings);

}  // namespace capmig::scan
