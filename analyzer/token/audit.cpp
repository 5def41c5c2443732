#include "analyzer/token/audit.h"

#include <boost/json/array.hpp>

#include <algorithm>
#include <vector>

namespace capmig::token {
namespace json = boost::json;

std::string_view to_string(AuditKind k) {
  switch (k) {
    case AuditKind::Capability:
      return "capability";
    case AuditKind::TaskRouterCapability:
      return "taskrouter-capability";
    case AuditKind::Access:
      return "access";
    case AuditKind::Other:
      return "other";
    case AuditKind::Malformed:
      return "malformed";
  }
  return "other";
}

void AuditCounts::add(std::optional<bool> is_expired, std::optional<bool> is_verified, std::string_view where) {
  if (tokens++ == 0) first = where;
  last = where;
  if (is_expired) ++(*is_expired ? expired : live);
  if (is_verified)
    ++(*is_verified ? verified : failed);
  else
    ++unverified;
}

void AuditCounts::merge(const AuditCounts& later) {
  if (later.tokens == 0) return;
  if (tokens == 0) first = later.first;
  last = later.last;
  tokens += later.tokens;
  live += later.live;
  expired += later.expired;
  verified += later.verified;
  failed += later.failed;
  unverified += later.unverified;
}

namespace {

std::string_view str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

std::optional<std::int64_t> exp_of(const json::object& payload) {
  const auto* v = payload.if_contains("exp");
  if (v && v->is_int64()) return v->get_int64();
  if (v && v->is_uint64()) return static_cast<std::int64_t>(std::min<std::uint64_t>(v->get_uint64(), INT64_MAX));
  if (v && v->is_double()) return static_cast<std::int64_t>(v->get_double());
  return std::nullopt;
}

AuditKind audit_kind(TokenKind k) {
  switch (k) {
    case TokenKind::Capability:
      return AuditKind::Capability;
    case TokenKind::TaskRouterCapability:
      return AuditKind::TaskRouterCapability;
    case TokenKind::Access:
      return AuditKind::Access;
    case TokenKind::UnknownJwt:
      return AuditKind::Other;
  }
  return AuditKind::Other;
}

void count(std::map<AuditKey, AuditCounts>& table, std::uint64_t& dropped, AuditKey key, std::optional<bool> expired,
           std::optional<bool> verified, std::string_view where) {
  auto it = table.find(key);
  if (it == table.end()) {
    if (table.size() >= TokenAudit::kMaxRows) {
      ++dropped;
      return;
    }
    it = table.emplace(std::move(key), AuditCounts{}).first;
  }
  it->second.add(expired, verified, where);
}

void merge_table(std::map<AuditKey, AuditCounts>& into, const std::map<AuditKey, AuditCounts>& later,
                 std::uint64_t& dropped) {
  for (const auto& [k, c] : later) {
    auto it = into.find(k);
    if (it == into.end()) {
      if (into.size() >= TokenAudit::kMaxRows) {
        dropped += c.tokens;
        continue;
      }
      it = into.emplace(k, AuditCounts{}).first;
    }
    it->second.merge(c);
  }
}

json::object counts_to_json(const AuditCounts& c) {
  return json::object{
      {"tokens", c.tokens},
      {"live", c.live},
      {"expired", c.expired},
      {"signature", json::object{{"verified", c.verified}, {"failed", c.failed}, {"unknown", c.unverified}}},
      {"first_seen", c.first},
      {"last_seen", c.last}};
}

json::array table_to_json(const std::map<AuditKey, AuditCounts>& t, std::string_view name_field) {
  std::vector<const std::pair<const AuditKey, AuditCounts>*> rows;
  rows.reserve(t.size());
  for (const auto& row : t) rows.push_back(&row);
  // Most tokens first; ties in key order, so the output is stable.
  std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->second.tokens > b->second.tokens; });
  json::array out;
  for (const auto* row : rows) {
    const auto& [kind, account, name] = row->first;
    json::object o{{"kind", to_string(kind)},
                   {"account_sid", account.empty() ? json::value(nullptr) : json::value(account)}};
    if (!name_field.empty()) o[name_field] = name.empty() ? json::value(nullptr) : json::value(name);
    for (auto& [k, v] : counts_to_json(row->second)) o[k] = v;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

void TokenAudit::add(const DecodeResult& r, std::string_view where, std::int64_t now) {
  if (!r.token) {  // malformed: no claims to file it under
    total.add(std::nullopt, std::nullopt, where);
    by_kind[static_cast<std::size_t>(AuditKind::Malformed)].add(std::nullopt, std::nullopt, where);
    return;
  }
  const DecodedToken& t = *r.token;
  const AuditKind kind = audit_kind(t.kind);
  std::string_view account;
  std::optional<std::int64_t> exp;
  std::vector<std::string_view> names, apps_seen;
  if (t.capability) {
    const auto& c = *t.capability;
    account = c.account_sid;
    exp = c.expires_at;
    if (c.incoming) names.push_back(c.incoming->client_name);
    for (const auto& n : c.more_incoming_names) names.push_back(n);
    if (c.outgoing) {
      if (c.outgoing->client_name) names.push_back(*c.outgoing->client_name);
      apps_seen.push_back(c.outgoing->application_sid);
    }
  } else if (t.access) {
    const auto& a = *t.access;
    account = a.account_sid;
    exp = a.expires_at;
    names.push_back(a.identity ? std::string_view(*a.identity) : std::string_view());
    if (const auto* voice = a.grants.if_contains("voice"); voice && voice->is_object())
      if (const auto* out = voice->get_object().if_contains("outgoing"); out && out->is_object())
        if (auto app = str(out->get_object(), "application_sid"); !app.empty()) apps_seen.push_back(app);
  } else {
    account = str(t.payload, "account_sid");
    if (account.empty()) account = str(t.payload, "iss");
    exp = exp_of(t.payload);
  }
  // A token names a client once, however many scopes name it.
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (names.empty() && (kind == AuditKind::Capability || kind == AuditKind::Access)) names.push_back({});

  const std::optional<bool> expired = exp ? std::optional<bool>(*exp <= now) : std::nullopt;
  total.add(expired, t.verified, where);
  by_kind[static_cast<std::size_t>(kind)].add(expired, t.verified, where);
  count(accounts, dropped, {kind, std::string(account), {}}, expired, t.verified, where);
  for (auto n : names)
    count(clients, dropped, {kind, std::string(account), std::string(n)}, expired, t.verified, where);
  for (auto app : apps_seen)
    count(apps, dropped, {kind, std::string(account), std::string(app)}, expired, t.verified, where);
}

void TokenAudit::merge(const TokenAudit& later) {
  total.merge(later.total);
  for (std::size_t k = 0; k < kAuditKinds; ++k) by_kind[k].merge(later.by_kind[k]);
  merge_table(accounts, later.accounts, dropped);
  merge_table(clients, later.clients, dropped);
  merge_table(apps, later.apps, dropped);
  dropped += later.dropped;
}

void TokenAudit::clear() { *this = TokenAudit{}; }

json::object audit_to_json(const TokenAudit& a) {
  json::object by_kind;
  for (std::size_t k = 0; k < kAuditKinds; ++k)
    by_kind[to_string(static_cast<AuditKind>(k))] = counts_to_json(a.by_kind[k]);
  json::object o = counts_to_json(a.total);
  o["by_kind"] = std::move(by_kind);
  o["accounts"] = table_to_json(a.accounts, "");
  o["clients"] = table_to_json(a.clients, "name");
  o["apps"] = table_to_json(a.apps, "application_sid");
  o["dropped"] = a.dropped;
  return o;
}

}  // namespace capmig::token
