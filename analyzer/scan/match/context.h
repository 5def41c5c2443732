#pragma once
// What every matcher gets for one file, and the one place a Finding's common fields
// (rule, location, snippet) are filled in, so all matchers report alike.
#include <cstdint>
#include <set>
#include <vector>

#include "analyzer/map/table.h"
#include "analyzer/scan/finding.h"
#include "analyzer/scan/lang_names.h"
#include "analyzer/scan/match/sites.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/syntax/value.h"
#include "analyzer/token/model.h"

namespace capmig::scan {

struct MatchOptions {
  token::VerificationKeys keys;  // embedded tokens are verified when a key is given
  std::int64_t now = 0;
  // The parameter mapping table: applied once per finding, after matching. Required.
  const map::MappingTable* table = nullptr;
};

struct MatchContext {
  const SourceFile& file;
  const Syntax& syntax;
  const Evaluator& eval;
  const MatchOptions& options;
  std::vector<Finding>& out;
  const Rule* secret_rule = nullptr;             // the hardcoded-secret rule, for literals fed to constructors
  std::set<std::size_t> reported_secrets = {};   // token indices: one finding per literal
  std::vector<ConstructSites>* sites = nullptr;  // `fix` asks constructs where they live
};

// A finding of `rule` over bytes [begin, end) of the file: rule fields, location, snippet.
Finding make_finding(const Rule& rule, const MatchContext& ctx, std::uint32_t begin, std::uint32_t end);
// What the mapping stage maps for a construct's parameters: the rule's library defaults filled
// in, and the outgoing client name copied from the incoming one where the library does.
CapabilityParameters mapping_input_for(const Rule& rule, CapabilityParameters params);

void match_construct(const Rule& rule, MatchContext& ctx);
// In a file other than the helper's: the calls of `helper` (a function of another file that
// returns a capability object of `rule`) and the calls made on what it returns. The number
// of call sites followed (0: none, or several of a helper that builds a fresh object each
// time); the parameters read go to `out`.
std::size_t follow_helper_callers(const Rule& rule, MatchContext& ctx, const std::string& helper, bool memo,
                                  CapabilityParameters& out);
// The construct rules again over code interpolated into strings, which the first pass sees as
// string literals (match/interpolated.cpp); fix leaves what it finds there to a person.
void match_in_interpolations(const std::vector<const Rule*>& rules, MatchContext& ctx);
void match_sequence(const Rule& rule, MatchContext& ctx);
void match_regex(const Rule& rule, MatchContext& ctx);
void detect_jwts(const Rule& rule, MatchContext& ctx);
void detect_scope_strings(const Rule& rule, MatchContext& ctx);
// Runs after the other rules: it skips literals they already reported.
void detect_auth_tokens(const Rule& rule, MatchContext& ctx);
// API key secrets (32 letters and digits) named as such or after a literal SK… SID.
void detect_api_key_secrets(const Rule& rule, MatchContext& ctx);
std::vector<std::pair<std::size_t, std::size_t>> api_key_secret_candidates(std::string_view text);
// Its raw-text pass, [begin, end) of each candidate, before any lexing: a file with none is
// never lexed for this rule.
std::vector<std::pair<std::size_t, std::size_t>> auth_token_candidates(std::string_view text);

}  // namespace capmig::scan
