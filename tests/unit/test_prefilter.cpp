// The one-pass prefilter against its reference (one search per literal) and the rule
// semantics it must keep: a keyword exact, file_requires and file_excludes case-folded.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "analyzer/scan/prefilter.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"

using namespace capmig;
using namespace capmig::scan;

namespace {

Rule rule(std::vector<std::string> keywords, std::vector<std::string> requires_, std::vector<std::string> excludes) {
  Rule r;
  r.summary.id = "t";
  r.summary.languages = {lang::Language::javascript};
  r.kind = RuleKind::sequence;
  r.keywords = std::move(keywords);
  r.file_requires = std::move(requires_);
  r.file_excludes = std::move(excludes);
  return r;
}

bool passes(const Prefilter& p, std::size_t i, std::string_view bytes) {
  Prefilter::Present fast, slow;
  p.find(bytes, fast);
  p.find_slowly(bytes, slow);
  REQUIRE(fast == slow);
  return p.passes(i, fast);
}

}  // namespace

TEST_CASE("prefilter: keywords are exact, requires and excludes case-folded") {
  const std::vector<Rule> rules = {rule({"Capability"}, {}, {}), rule({"Capability"}, {"twilio"}, {"TaskRouter"}),
                                   rule({"x", ""}, {}, {}), rule({""}, {}, {})};
  const Prefilter p(rules);
  CHECK(passes(p, 0, "new Capability(sid)"));
  CHECK_FALSE(passes(p, 0, "new capability(sid)"));
  CHECK(passes(p, 1, "require('TWILIO'); new Capability()"));
  CHECK_FALSE(passes(p, 1, "new Capability()"));
  CHECK_FALSE(passes(p, 1, "require('twilio'); taskrouter; new Capability()"));
  CHECK(passes(p, 2, "x"));
  CHECK_FALSE(passes(p, 3, "anything"));  // only an empty keyword: never satisfied
  CHECK_FALSE(passes(p, 0, ""));
}

TEST_CASE("prefilter: the built-in rules agree with one search per literal") {
  const auto set = load_rules({});
  REQUIRE(set.ok());
  REQUIRE(set->prefilter);
  // Random text woven from pieces of the rules' literals, in mixed case.
  std::vector<std::string> pieces = {" ", "\n", "(", "'", "\xff", std::string(1, '\0')};
  for (const auto& r : set->rules)
    for (const auto* words : {&r.keywords, &r.file_requires, &r.file_excludes})
      for (const auto& w : *words) {
        pieces.push_back(w);
        if (w.size() > 3) pieces.push_back(w.substr(0, w.size() / 2));
      }
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      std::string piece = pieces[rng() % pieces.size()];
      if (rng() % 4 == 0)
        for (auto& c : piece) c = static_cast<char>(rng() % 2 ? toupper(static_cast<unsigned char>(c)) : c);
      text += piece;
    }
    Prefilter::Present fast, slow;
    set->prefilter->find(text, fast);
    set->prefilter->find_slowly(text, slow);
    REQUIRE(fast == slow);
  }
}
