#include "analyzer/report/trace.h"

#include "analyzer/core/sha256.h"

#include <stdexcept>

namespace capmig::report {

void TraceSighting::add(std::string_view where, std::string_view fingerprint, const token::DecodedToken& t) {
  if (tokens++ == 0) first = where;
  last = where;
  last_fingerprint = fingerprint;
  if (t.verified)
    ++(*t.verified ? verified : failed);
  else
    ++unverified;
  const auto& cap = *t.capability;
  last_issued = cap.issued_at ? cap.issued_at : cap.not_before;
  last_expires = cap.expires_at;
}

void TraceSighting::merge(const TraceSighting& later) {
  if (later.tokens == 0) return;
  if (tokens == 0) first = later.first;
  last = later.last;
  last_fingerprint = later.last_fingerprint;
  last_issued = later.last_issued;
  last_expires = later.last_expires;
  tokens += later.tokens;
  verified += later.verified;
  failed += later.failed;
  unverified += later.unverified;
}

std::string token_fingerprint(std::string_view token) { return "tok-" + sha256_hex(token).substr(0, 12); }

namespace {

// Adds to map[key], unless the map is full and the key new: then the token is dropped.
template <class Map, class Key>
TraceSighting* row(Map& map, const Key& key, std::uint64_t& dropped) {
  auto it = map.find(key);
  if (it == map.end()) {
    if (map.size() >= TokenTrace::kMaxRows) {
      ++dropped;
      return nullptr;
    }
    it = map.emplace(key, TraceSighting{}).first;
  }
  return &it->second;
}

template <class Map>
void merge_rows(Map& into, const Map& later, std::uint64_t& dropped) {
  for (const auto& [key, s] : later) {
    if (auto* r = row(into, key, dropped))
      r->merge(s);
    else
      dropped += s.tokens - 1;  // row() counted one
  }
}

}  // namespace

void TokenTrace::add(const token::DecodeResult& r, std::string_view token, std::string_view where,
                     const std::vector<TraceConstruct>& constructs) {
  // A token whose signature failed still decoded: it is traced, its signature counted.
  if (!r.token) {
    ++malformed;
    return;
  }
  const token::DecodedToken& t = *r.token;
  if (t.kind != token::TokenKind::Capability || !t.capability) {
    ++other;
    return;
  }
  ++capability;
  const std::string fp = token_fingerprint(token);
  const TokenEvidence e = token_evidence(*t.capability);
  const TraceMatch m = trace_match(constructs, e);
  TraceSighting* s = nullptr;
  if (m.candidates.size() == 1)
    s = &live[m.candidates[0]];  // bounded by the constructs
  else if (m.ambiguous())
    s = row(ambiguous, m.candidates, dropped);
  else
    s = row(unexplained,
            TraceGroupKey{e.account_sid, e.application_sid.value_or(""),
                          e.incoming_client_name.value_or(e.outgoing_client_name.value_or(""))},
            dropped);
  if (s) s->add(where, fp, t);
}

void TokenTrace::merge(const TokenTrace& later) {
  for (const auto& [i, s] : later.live) live[i].merge(s);
  merge_rows(ambiguous, later.ambiguous, dropped);
  merge_rows(unexplained, later.unexplained, dropped);
  capability += later.capability;
  other += later.other;
  malformed += later.malformed;
  dropped += later.dropped;
}

}  // namespace capmig::report
