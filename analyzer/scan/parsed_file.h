#pragma once
// A file with capability mints as the scan read, lexed and matched it, kept (on request) for
// `capmig fix`: the bytes, the parse, and where each construct lives. Fix plans its edits from
// this, so a file is read, lexed and matched once, and a construct is never "located again".
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/scan/lang_names.h"
#include "analyzer/scan/match/sites.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/syntax/value.h"

namespace capmig::scan {

struct ConstructAt {
  const Rule* rule = nullptr;
  std::uint32_t begin_offset = 0;  // its finding's; with the rule id, names the finding
  ConstructSites sites;            // token indices into the file's syntax
};

struct ParsedFile {
  std::string path;  // as the findings name it
  std::shared_ptr<const std::string> bytes;
  // Each reads the one before it, by reference: held by pointer so they never move.
  std::unique_ptr<SourceFile> file;
  std::unique_ptr<Syntax> syntax;
  std::unique_ptr<Evaluator> eval;
  std::vector<ConstructAt> constructs;

  // The construct a finding of `rule_id` starting at `begin_offset` reported, or nullptr.
  const ConstructAt* construct_of(std::string_view rule_id, std::uint32_t begin_offset) const {
    for (const auto& c : constructs)
      if (c.begin_offset == begin_offset && c.rule->summary.id == rule_id) return &c;
    return nullptr;
  }
};

}  // namespace capmig::scan
