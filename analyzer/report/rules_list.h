#pragma once
// `capmig rules list`: every rule loaded, as a table for people or JSON for tools.
#include <ostream>

#include "analyzer/report/scan_model.h"
#include "analyzer/scan/rules/rule.h"

namespace capmig::report {

void write_rules_json(std::ostream& out, const scan::RuleSet& rules);
void write_rules_text(std::ostream& out, const scan::RuleSet& rules);

}  // namespace capmig::report
