#pragma once
// The seed's parameter mapping table (mapping/table.json), loaded as data and applied to
// what a capability conveys, whether that came from a decoded token or from source code.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace capmig {

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
  // the values; fields whose value is unknown are left out.
  boost::json::object grants() const;
};

class MappingTable {
 public:
  static const MappingTable& builtin();  // mapping/table.json, compiled in
  static MappingTable from_json(const boost::json::object& table);

  AccessTokenMapping apply(const CapabilityParameters& in) const;
  // The same mapping; takes the Params out of `in` instead of copying them.
  AccessTokenMapping apply(CapabilityParameters&& in) const;
  boost::json::object grants(const AccessTokenMapping& m) const;

  std::int64_t default_ttl() const { return default_ttl_; }
  std::int64_t max_ttl() const { return max_ttl_; }
  bool identity_chars_valid(std::string_view identity) const;
  const boost::json::object& raw() const { return raw_; }

 private:
  struct Target {
    std::string path;
    std::optional<boost::json::value> constant;
    bool omit_when_empty = false;
    std::string requires_path;
    bool is_identity = false;             // path == "identity": a candidate, not a field
    std::optional<Param> constant_param;  // Param::literal(*constant), made once
  };
  struct Row {
    std::string from;
    std::vector<Target> to;
    // The source feeds at most one target, which may then take it over (apply(&&)).
    bool source_used_once = false;
  };
  template <class In>
  AccessTokenMapping apply_impl(In&& in) const;
  struct Dropped {
    std::string from, diagnostic;
  };
  boost::json::object raw_;
  std::vector<Row> rows_;
  std::vector<Dropped> dropped_;
  std::vector<std::pair<std::string, std::string>> layout_;  // field path -> grants path
  std::string identity_conflict_, identity_missing_, identity_invalid_;
  std::string allowed_chars_;  // bracket-expression body, e.g. A-Za-z0-9_
  std::array<bool, 256> allowed_{};  // the characters it allows
  std::int64_t default_ttl_ = 3600, max_ttl_ = 86400;
  std::string ttl_unknown_, ttl_exceeds_;
};

}  // namespace capmig
