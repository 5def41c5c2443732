#pragma once
// Scanning a source text in a unit test: the built-in rules and mapping table, a fixed clock.
#include <catch2/catch.hpp>

#include <string_view>
#include <vector>

#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"

namespace capmig::scan::testing {

inline std::vector<Finding> scan_text(std::string_view path, std::string_view src) {
  static const auto rules = load_rules({});
  REQUIRE(rules.ok());
  MatchOptions o;
  o.table = &capmig::map::MappingTable::builtin();
  o.now = 1700000000;
  return scan_source(path, src, *rules, o);
}

}  // namespace capmig::scan::testing
