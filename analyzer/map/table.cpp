#include "analyzer/map/table.h"

#include <boost/container/small_vector.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <stdexcept>
#include <type_traits>

#include "analyzer/core/embedded.h"

namespace capmig::map {
namespace json = boost::json;

namespace {

bool is_empty_value(const json::value& v) {
  return v.is_null() || (v.is_object() && v.get_object().empty()) || (v.is_string() && v.get_string().empty()) ||
         (v.is_array() && v.get_array().empty());
}

const json::object& obj(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_object()) throw std::runtime_error("mapping table: missing object '" + std::string(key) + "'");
  return v->get_object();
}
std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) throw std::runtime_error("mapping table: missing string '" + std::string(key) + "'");
  return std::string(v->get_string());
}

}  // namespace

MappingTable MappingTable::from_json(const json::object& t) {
  MappingTable m;
  m.raw_ = t;
  for (const auto& r : t.at("rows").as_array()) {
    const auto& ro = r.as_object();
    Row row{str(ro, "from"), {}};
    for (const auto& to : ro.at("to").as_array()) {
      const auto& tt = to.as_object();
      Target target;
      target.path = str(tt, "path");
      if (auto* c = tt.if_contains("constant")) target.constant = *c;
      if (auto* e = tt.if_contains("omit_when_empty")) target.omit_when_empty = e->as_bool();
      if (auto* q = tt.if_contains("requires")) target.requires_path = q->as_string();
      target.is_identity = target.path == "identity";
      if (target.constant) target.constant_param = Param::literal(*target.constant);
      row.to.push_back(std::move(target));
    }
    m.rows_.push_back(std::move(row));
  }
  // How many targets take each source's Param (a constant target takes nothing from it).
  for (auto& row : m.rows_) {
    std::size_t uses = 0;
    for (const auto& other : m.rows_)
      if (other.from == row.from)
        for (const auto& target : other.to) uses += !target.constant || target.is_identity;
    row.source_used_once = uses <= 1;
  }
  for (const auto& d : t.at("dropped").as_array())
    m.dropped_.push_back({str(d.as_object(), "from"), str(d.as_object(), "diagnostic")});
  GrantsLayout layout;
  for (const auto& [k, v] : obj(t, "grant_layout"))
    if (k != "note") layout.emplace_back(k, v.as_string());
  m.layout_ = std::make_shared<const GrantsLayout>(std::move(layout));
  const auto& id = obj(t, "identity");
  m.identity_conflict_ = str(id, "conflict");
  m.identity_missing_ = str(id, "missing");
  m.identity_invalid_ = str(id, "invalid");
  m.allowed_chars_ = str(id, "allowed_characters");
  // allowed_chars_ is a bracket-expression body made of ranges (a-z) and single characters;
  // identity_chars_valid looks each character up in the set it spells.
  for (std::size_t i = 0; i < m.allowed_chars_.size(); ++i) {
    const auto lo = static_cast<unsigned char>(m.allowed_chars_[i]);
    if (i + 2 < m.allowed_chars_.size() && m.allowed_chars_[i + 1] == '-') {
      const auto hi = static_cast<unsigned char>(m.allowed_chars_[i + 2]);
      for (unsigned c = lo; c <= hi; ++c) m.allowed_[c] = true;
      i += 2;
    } else {
      m.allowed_[lo] = true;
    }
  }
  const auto& ttl = obj(t, "ttl");
  m.default_ttl_ = ttl.at("default").to_number<std::int64_t>();
  m.max_ttl_ = ttl.at("max").to_number<std::int64_t>();
  m.ttl_unknown_ = str(ttl, "unknown");
  m.ttl_exceeds_ = str(ttl, "exceeds_max");
  return m;
}

const MappingTable& MappingTable::builtin() {
  static const MappingTable table = [] {
    auto text = embedded_file("mapping/table.json");
    if (!text) throw std::runtime_error("mapping/table.json is not compiled in");
    return from_json(json::parse(*text).as_object());
  }();
  return table;
}

bool MappingTable::identity_chars_valid(std::string_view identity) const {
  return std::all_of(identity.begin(), identity.end(), [&](char c) { return allowed_[static_cast<unsigned char>(c)]; });
}

AccessTokenMapping MappingTable::apply(const CapabilityParameters& in) const { return apply_impl(in); }
AccessTokenMapping MappingTable::apply(CapabilityParameters&& in) const { return apply_impl(std::move(in)); }

// With an rvalue `in`, a source that feeds a single target is moved there, never copied;
// every read of `in` (dropped rows, identity candidates) happens before its move.
template <class In>
AccessTokenMapping MappingTable::apply_impl(In&& in) const {
  constexpr bool may_move = !std::is_lvalue_reference_v<In>;
  AccessTokenMapping out;
  out.grants_layout = layout_;
  out.ttl_bounds = AccessTokenMapping::TtlBounds{default_ttl_, max_ttl_};
  std::vector<std::string> diags;
  if constexpr (may_move)
    diags = std::move(in.diagnostics);
  else
    diags = in.diagnostics;

  for (const auto& d : dropped_) {
    auto it = in.fields.find(d.from);
    if (it == in.fields.end()) continue;
    const auto& v = it->second.value;
    if (v && (v->is_null() || (v->is_array() && v->get_array().empty()))) continue;
    diags.push_back(d.diagnostic);
  }

  using FieldIter = decltype(in.fields.begin());
  struct Candidate {
    const Param* param;
    bool movable;     // apply may take it over
    bool in_fields;   // false: an extra candidate
    FieldIter field;  // where it is in in.fields
  };
  boost::container::small_vector<Candidate, 4> identity_candidates;
  // Puts `p` (at `field` in `in`) at `path` in out.fields; with an rvalue `in` and a source
  // used once, the map node itself moves over, renamed. Returns the Param now at `path`.
  auto put = [&](const std::string& path, FieldIter field, const Param& p, bool take) -> const Param& {
    if constexpr (may_move) {
      if (take) {
        auto node = in.fields.extract(field);
        node.key() = path;
        auto r = out.fields.insert(std::move(node));
        if (!r.inserted) r.position->second = std::move(r.node.mapped());
        return r.position->second;
      }
    }
    return out.fields[path] = p;
  };
  for (const auto& row : rows_) {
    auto it = in.fields.find(row.from);
    if (it == in.fields.end()) continue;
    const Param* src = &it->second;
    for (const auto& target : row.to) {
      if (target.is_identity) {
        identity_candidates.push_back({src, may_move && row.source_used_once, true, it});
        continue;
      }
      if (!target.requires_path.empty() && !out.fields.count(target.requires_path)) continue;
      if (target.omit_when_empty && src->value && is_empty_value(*src->value)) continue;
      if (target.constant_param)
        out.fields[target.path] = *target.constant_param;
      else
        src = &put(target.path, it, *src, may_move && row.source_used_once);  // src may have moved
    }
  }
  for (const auto& extra : in.extra_identity_candidates) identity_candidates.push_back({&extra, may_move, false, {}});

  // identity: the first candidate (the incoming name, by row order); a different later one
  // is a conflict. Values compare when known, source text otherwise.
  if (identity_candidates.empty()) {
    diags.push_back(identity_missing_);
  } else {
    const Candidate& first = identity_candidates.front();
    for (const auto& other : identity_candidates) {
      const bool differ = (first.param->value && other.param->value) ? *first.param->value != *other.param->value
                                                                     : first.param->text != other.param->text;
      if (differ) {
        diags.push_back(identity_conflict_);
        break;
      }
    }
    static const std::string kIdentity = "identity";
    const Param* identity = nullptr;
    if (first.movable && !first.in_fields)  // an extra candidate of an rvalue `in`
      identity = &(out.fields[kIdentity] = std::move(const_cast<Param&>(*first.param)));
    else
      identity = &put(kIdentity, first.field, *first.param, first.movable && first.in_fields);
    if (identity->value && identity->value->is_string() && !identity_chars_valid(identity->value->get_string()))
      diags.push_back(identity_invalid_);
  }

  // ttl: unknown -> the default; above the Access Token maximum -> clamped.
  if (auto* ttl = out.get("ttl"); !ttl) {
    out.fields["ttl"] = Param{"(default)", json::value(default_ttl_)};
    diags.push_back(ttl_unknown_);
  } else if (auto v = out.ttl_value(); v && *v > max_ttl_) {
    out.fields["ttl"] = Param{ttl->text, json::value(max_ttl_)};
    diags.push_back(ttl_exceeds_);
  }

  std::sort(diags.begin(), diags.end());
  diags.erase(std::unique(diags.begin(), diags.end()), diags.end());
  out.diagnostics = std::move(diags);
  return out;
}

}  // namespace capmig::map
