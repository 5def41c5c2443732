#pragma once
// The log audit (`capmig audit`): what a stream of tokens says about who still gets
// capability tokens. Counts by kind, account, client name or identity and TwiML app, with
// expiry, signature and where each was first and last seen. Partial audits made on worker
// threads merge in input order, so "first" and "last" are the input's.
#include <boost/json/object.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>

#include "analyzer/token/model.h"

namespace capmig::token {

enum class AuditKind { Capability, TaskRouterCapability, Access, Other, Malformed };
inline constexpr std::size_t kAuditKinds = 5;
std::string_view to_string(AuditKind k);  // capability, taskrouter-capability, access, other, malformed

struct AuditCounts {
  std::uint64_t tokens = 0, live = 0, expired = 0;
  std::uint64_t verified = 0, failed = 0, unverified = 0;  // signature: checked true, false, no key
  std::string first, last;                                 // "app.log:12"

  void add(std::optional<bool> expired, std::optional<bool> verified, std::string_view where);
  void merge(const AuditCounts& later);
};

// (kind, account SID, client name / identity / app SID); an empty part is "none".
using AuditKey = std::tuple<AuditKind, std::string, std::string>;

struct TokenAudit {
  // A table stops taking new keys at this size (distinct attacker-chosen names must not grow
  // memory without bound); the tokens it could not list are counted in `dropped`.
  static constexpr std::size_t kMaxRows = 20000;

  AuditCounts total;
  std::array<AuditCounts, kAuditKinds> by_kind;
  std::map<AuditKey, AuditCounts> accounts, clients, apps;  // accounts: name part empty
  std::uint64_t dropped = 0;

  void add(const DecodeResult& r, std::string_view where, std::int64_t now);
  void merge(const TokenAudit& later);
  void clear();
  bool empty() const { return total.tokens == 0; }
};

boost::json::object audit_to_json(const TokenAudit& a);

}  // namespace capmig::token
