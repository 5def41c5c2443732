#include "analyzer/report/trace_match.h"

#include <boost/json/value.hpp>

namespace capmig::report {
namespace {

const Param* field(const CapabilityParameters& p, std::string_view name) {
  const auto it = p.fields.find(name);
  return it == p.fields.end() ? nullptr : &it->second;
}

std::optional<std::string> literal_string(const Param* p) {
  if (p && p->value && p->value->is_string()) return std::string(p->value->get_string());
  return std::nullopt;
}

std::optional<std::int64_t> literal_int(const Param* p) {
  if (!p || !p->value) return std::nullopt;
  if (p->value->is_int64()) return p->value->get_int64();
  if (p->value->is_uint64() && p->value->get_uint64() <= INT64_MAX)
    return static_cast<std::int64_t>(p->value->get_uint64());
  return std::nullopt;
}

// A literal on both sides must be equal; anything unknown fits. Counts the literals matched.
bool fits(const std::optional<std::string>& code, const std::optional<std::string>& token, int& score) {
  if (!code || !token) return true;
  if (*code != *token) return false;
  ++score;
  return true;
}

}  // namespace

TraceConstruct trace_construct(const scan::Finding& f) {
  TraceConstruct c;
  c.path = f.path;
  c.rule_id = f.rule_id;
  c.finding_id = f.id;
  c.location = f.location;
  const CapabilityParameters& p = f.capability;
  c.account_sid = literal_string(field(p, "account_sid"));
  const Param* incoming = field(p, "incoming_client_name");
  c.incoming = incoming != nullptr;
  c.incoming_client_name = literal_string(incoming);
  const Param* app = field(p, "outgoing_application_sid");
  const Param* out_client = field(p, "outgoing_client_name");
  const Param* params = field(p, "outgoing_params");
  c.outgoing = app || out_client || params;
  c.application_sid = literal_string(app);
  c.outgoing_client_name = literal_string(out_client);
  if (!params) {
    c.param_keys.emplace();  // the construct adds no params
  } else if (params->value && params->value->is_object()) {
    c.param_keys.emplace();
    for (const auto& kv : params->value->get_object()) c.param_keys->insert(std::string(kv.key()));
  } else if (!params->entries.empty()) {
    c.param_keys.emplace();
    for (const auto& [key, text] : params->entries) c.param_keys->insert(key);
  }
  c.event_stream = field(p, "event_stream") != nullptr;
  // No ttl in the source: the library's default, which the mapping filled in.
  const Param* ttl = field(p, "ttl");
  c.ttl = ttl ? literal_int(ttl) : (f.mapping ? literal_int(f.mapping->get("ttl")) : std::nullopt);
  return c;
}

std::vector<TraceConstruct> trace_constructs(const scan::ScanReport& report) {
  std::vector<TraceConstruct> out;
  for (const auto& f : report.findings)
    if (f.category == scan::Category::capability_mint) out.push_back(trace_construct(f));
  return out;
}

TokenEvidence token_evidence(const token::CapabilityToken& cap) {
  TokenEvidence t;
  t.account_sid = cap.account_sid;
  if (cap.incoming) t.incoming_client_name = cap.incoming->client_name;
  if (cap.outgoing) {
    t.outgoing = true;
    t.application_sid = cap.outgoing->application_sid;
    t.outgoing_client_name = cap.outgoing->client_name;
    for (const auto& [key, value] : cap.outgoing->params) t.param_keys.insert(key);
  }
  t.event_stream = cap.event_stream.has_value();
  const auto start = cap.issued_at ? cap.issued_at : cap.not_before;
  if (start) t.ttl = cap.expires_at - *start;
  return t;
}

std::optional<int> trace_score(const TraceConstruct& c, const TokenEvidence& t) {
  // A scope the construct never adds rules it out. One it adds but the token lacks does
  // not: code often adds the outgoing scope under a condition (`if outbound:`).
  if ((t.incoming_client_name && !c.incoming) || (t.outgoing && !c.outgoing) || (t.event_stream && !c.event_stream))
    return std::nullopt;
  int score = 0;
  if (!fits(c.account_sid, t.account_sid, score)) return std::nullopt;
  if (!fits(c.incoming_client_name, t.incoming_client_name, score)) return std::nullopt;
  if (t.outgoing) {
    if (!fits(c.application_sid, t.application_sid, score)) return std::nullopt;
    // Without a literal outgoing name the libraries copy the incoming one: no evidence.
    if (!fits(c.outgoing_client_name, t.outgoing_client_name, score)) return std::nullopt;
    if (c.param_keys) {
      if (*c.param_keys != t.param_keys) return std::nullopt;
      if (!t.param_keys.empty()) ++score;
    }
  }
  if (c.ttl && t.ttl) {
    if (*c.ttl != *t.ttl) return std::nullopt;
    ++score;
  }
  return score;
}

TraceMatch trace_match(const std::vector<TraceConstruct>& constructs, const TokenEvidence& t) {
  TraceMatch m;
  for (std::size_t i = 0; i < constructs.size(); ++i) {
    const auto s = trace_score(constructs[i], t);
    if (!s) continue;
    if (m.candidates.empty() || *s > m.score) {
      m.candidates.assign(1, i);
      m.score = *s;
    } else if (*s == m.score) {
      m.candidates.push_back(i);
    }
  }
  return m;
}

}  // namespace capmig::report
