#pragma once
// What a capability conveys (from a decoded token or from source code) and the Access Token
// settings it maps to: the values the token, scan, map, fix and report stages pass along.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace capmig {

// Mapping field path -> dotted path in the `grants` claim, in the order the claim is built.
using GrantsLayout = std::vector<std::pair<std::string, std::string>>;

// A parameter as written in the source ("text") and its literal value when known.
// For a decoded token both come from the token itself.
struct Param {
  Param() = default;
  Param(std::string t, std::optional<boost::json::value> v) : text(std::move(t)), value(std::move(v)) {}

  std::string text;
  std::optional<boost::json::value> value;
  // A map written in source code (params, filters) with every key known: each key and its
  // value's source text, so a rewrite can rebuild the map when some values are run-time only.
  std::vector<std::pair<std::string, std::string>> entries;
  // `text` is one expression of the source language. False when the scanner joined several
  // arguments (`foo='bar', **extra`) or the map is not a map type (a C# anonymous object).
  bool expression = true;

  static Param literal(boost::json::value v);  // text = the value's JSON/plain form
  boost::json::value to_json() const;          // {"text", "value"}
};

// Capability fields by the names the mapping table's "from" column uses:
// account_sid, auth_token, ttl, incoming_client_name, outgoing_client_name,
// outgoing_application_sid, outgoing_params, event_stream, unknown_scopes.
struct CapabilityParameters {
  std::map<std::string, Param, std::less<>> fields;
  // Each incoming client name when a token or construct has several (first one wins).
  std::vector<Param> extra_identity_candidates;
  std::vector<std::string> diagnostics;  // found while extracting: param-repeated, capability-expired
  // Arguments written for a parameter the library drops (a third argument to twilio-php's
  // allowClientOutgoing): never in the token, so never mapped; `fix` offers one in a draft.
  std::map<std::string, Param, std::less<>> ignored;
};

// The Access Token + VoiceGrant settings a capability becomes. Fields are named by the
// table's target paths: account_sid, ttl, identity, voice.incoming_allow,
// voice.outgoing_application_sid, voice.outgoing_application_params.
struct AccessTokenMapping {
  std::map<std::string, Param, std::less<>> fields;
  std::vector<std::string> diagnostics;  // sorted, unique

  const Param* get(std::string_view path) const;
  std::optional<std::string> identity_value() const;
  std::optional<std::int64_t> ttl_value() const;
  // The `grants` claim the Access Token will carry (identity first, then voice), built from
  // the values; fields whose value is unknown are left out. `storage` holds the object (a
  // writer passes a scratch arena: it only serializes it).
  boost::json::object grants(const boost::json::storage_ptr& storage = {}) const;

  // Where each field goes in `grants`: the table's layout, shared by every mapping it makes,
  // so a mapping changed afterwards (--identity) still lays out its grants by the table.
  std::shared_ptr<const GrantsLayout> grants_layout;
  // The table's ttl bounds, carried the same way, so code written from the mapping alone
  // (codegen's default and its clamp note) uses the table that made it.
  struct TtlBounds {
    std::int64_t default_ttl = 0, max_ttl = 0;
  };
  std::optional<TtlBounds> ttl_bounds;
};

}  // namespace capmig
