#pragma once
// gitleaks' prefilter in one pass: every rule's keywords (exact) and file_requires /
// file_excludes (case-folded) are literals of one Hyperscan database, so a file is read once
// for all rules instead of once per literal per rule (which was 43% of a scan's time).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/lang/language.h"

struct hs_database;

namespace capmig::scan {

struct Rule;

class Prefilter {
 public:
  // Rule indices below are indices into `rules`.
  explicit Prefilter(const std::vector<Rule>& rules);
  ~Prefilter();
  Prefilter(const Prefilter&) = delete;
  Prefilter& operator=(const Prefilter&) = delete;

  // Which literals the bytes hold (index: literal id), for passes().
  using Present = std::vector<unsigned char>;
  void find(std::string_view bytes, Present& present) const;
  // The rule's literal conditions hold: one keyword (if it has any), one file_requires (if
  // any), no file_excludes.
  bool passes(std::size_t rule, const Present& present) const;
  // Rules that run on files of this language (before their path globs), in rule order.
  const std::vector<std::size_t>& candidates(lang::Language lang) const;

  // The same answer without Hyperscan: one search per literal. Used where the CPU lacks the
  // SSSE3 Hyperscan needs, and by the tests as the reference.
  void find_slowly(std::string_view bytes, Present& present) const;

 private:
  struct Literal {
    std::string text;
    bool caseless;
  };
  struct RuleLiterals {
    std::vector<unsigned> keywords, required, excludes;
  };
  unsigned literal_id(const std::string& text, bool caseless);

  std::vector<Literal> literals_;
  std::vector<RuleLiterals> rules_;
  std::vector<std::vector<std::size_t>> by_language_;
  std::size_t longest_ = 0;  // the longest literal: how far pieces of a huge buffer overlap
  hs_database* db_ = nullptr;
  // Tells this database from any other one (an address can be reused): a thread's scratch
  // space already grown for it needs no new hs_alloc_scratch, which re-checks the whole
  // database each call (5% of `scan --history` on 13,000 small blobs).
  std::uint64_t serial_ = 0;
};

}  // namespace capmig::scan
