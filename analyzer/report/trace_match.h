#pragma once
// `capmig trace`'s evidence: which capability-mint constructs found by `scan` could have
// minted a given capability token. A literal parameter that differs rules a construct out; a
// parameter known only at run time (a variable) fits any value. Candidates rank by how many
// literals matched; a tie at the top is ambiguous and every tied construct is named.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analyzer/core/location.h"
#include "analyzer/scan/finding.h"
#include "analyzer/token/model.h"

namespace capmig::report {

// What one capability-mint construct says about the tokens it can mint. Each optional is
// set when the source holds a literal; empty means "decided at run time".
struct TraceConstruct {
  std::string path, rule_id, finding_id;
  Location location;
  std::optional<std::string> account_sid, incoming_client_name, outgoing_client_name, application_sid;
  std::optional<std::int64_t> ttl;
  std::optional<std::set<std::string>> param_keys;                // keys of the outgoing params, when all are known
  bool incoming = false, outgoing = false, event_stream = false;  // scopes the construct may add
};

// The capability-mint findings of a scan, in the scan's order (path, line).
std::vector<TraceConstruct> trace_constructs(const scan::ScanReport& report);
TraceConstruct trace_construct(const scan::Finding& f);

// What a capability token shows: the same fields, all literal.
struct TokenEvidence {
  std::string account_sid;
  std::optional<std::string> incoming_client_name;
  bool outgoing = false, event_stream = false;
  std::optional<std::string> application_sid, outgoing_client_name;
  std::set<std::string> param_keys;
  std::optional<std::int64_t> ttl;  // exp − iat (or nbf) when the token carries either
};
TokenEvidence token_evidence(const token::CapabilityToken& cap);

// How well one construct fits one token: nullopt when a literal (or a scope the construct never
// adds) rules it out, else the number of literals that matched.
std::optional<int> trace_score(const TraceConstruct& c, const TokenEvidence& t);

// The constructs tied at the best score (indexes into the constructs), empty when none fits.
struct TraceMatch {
  std::vector<std::size_t> candidates;
  int score = 0;
  bool ambiguous() const { return candidates.size() > 1; }
};
TraceMatch trace_match(const std::vector<TraceConstruct>& constructs, const TokenEvidence& t);

}  // namespace capmig::report
