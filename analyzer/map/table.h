#pragma once
// The seed's parameter mapping table (mapping/table.json), loaded as data and applied to
// what a capability conveys, whether that came from a decoded token or from source code.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/core/capability_params.h"

namespace capmig::map {

class MappingTable {
 public:
  static const MappingTable& builtin();  // mapping/table.json, compiled in
  static MappingTable from_json(const boost::json::object& table);

  AccessTokenMapping apply(const CapabilityParameters& in) const;
  // The same mapping; takes the Params out of `in` instead of copying them.
  AccessTokenMapping apply(CapabilityParameters&& in) const;

  std::int64_t default_ttl() const { return default_ttl_; }
  std::int64_t max_ttl() const { return max_ttl_; }
  bool identity_chars_valid(std::string_view identity) const;
  const boost::json::object& raw() const { return raw_; }
  // Where each mapped field goes in `grants` (every mapping this table makes shares it).
  const std::shared_ptr<const GrantsLayout>& grants_layout() const { return layout_; }

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
  std::shared_ptr<const GrantsLayout> layout_;  // field path -> grants path
  std::string identity_conflict_, identity_missing_, identity_invalid_;
  std::string allowed_chars_;        // bracket-expression body, e.g. A-Za-z0-9_
  std::array<bool, 256> allowed_{};  // the characters it allows
  std::int64_t default_ttl_ = 3600, max_ttl_ = 86400;
  std::string ttl_unknown_, ttl_exceeds_;
};

}  // namespace capmig::map
