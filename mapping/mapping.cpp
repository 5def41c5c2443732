#include "mapping/mapping.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <stdexcept>

#include "analyzer/core/embedded.h"

namespace capmig {
namespace json = boost::json;

Param Param::literal(json::value v) {
  Param p;
  p.text = v.is_string() ? std::string(v.get_string()) : json::serialize(v);
  p.value = std::move(v);
  return p;
}

json::value Param::to_json() const {
  return json::object{{"text", text}, {"value", value ? *value : json::value(nullptr)}};
}

const Param* AccessTokenMapping::get(std::string_view path) const {
  auto it = fields.find(path);
  return it == fields.end() ? nullptr : &it->second;
}

std::optional<std::string> AccessTokenMapping::identity_value() const {
  const Param* p = get("identity");
  if (!p || !p->value || !p->value->is_string()) return std::nullopt;
  return std::string(p->value->get_string());
}

std::optional<std::int64_t> AccessTokenMapping::ttl_value() const {
  const Param* p = get("ttl");
  if (!p || !p->value) return std::nullopt;
  if (p->value->is_int64()) return p->value->get_int64();
  if (p->value->is_uint64()) return static_cast<std::int64_t>(p->value->get_uint64());
  return std::nullopt;
}

namespace {

json::object& child(json::object& o, std::string_view key) {
  auto& v = o[key];
  if (!v.is_object()) v = json::object();
  return v.as_object();
}

void set_path(json::object& root, std::string_view dotted, const json::value& v) {
  json::object* o = &root;
  std::size_t start = 0;
  for (std::size_t dot; (dot = dotted.find('.', start)) != std::string_view::npos; start = dot + 1)
    o = &child(*o, dotted.substr(start, dot - start));
  (*o)[dotted.substr(start)] = v;
}

bool is_empty_value(const json::value& v) {
  return v.is_null() || (v.is_object() && v.get_object().empty()) ||
         (v.is_string() && v.get_string().empty()) || (v.is_array() && v.get_array().empty());
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

json::object AccessTokenMapping::grants() const { return MappingTable::builtin().grants(*this); }

json::object MappingTable::grants(const AccessTokenMapping& m) const {
  // The voice object is always present: the vectors show {} for a token with no voice scope.
  json::object g;
  for (const auto& [field, dest] : layout_) {
    const Param* p = m.get(field);
    if (field == "identity") {
      if (p && p->value && !p->value->is_null()) g[dest] = *p->value;
      if (!g.contains("voice")) g["voice"] = json::object();
      continue;
    }
    if (!p || !p->value) continue;
    set_path(g, dest, *p->value);
  }
  if (!g.contains("voice")) g["voice"] = json::object();
  return g;
}

MappingTable MappingTable::from_json(const json::object& t) {
  MappingTable m;
  m.raw_ = t;
  for (const auto& r : t.at("rows").as_array()) {
    const auto& ro = r.as_object();
    Row row{str(ro, "from"), {}};
    for (const auto& to : ro.at("to").as_array()) {
      const auto& tt = to.as_object();
      Target target{str(tt, "path"), std::nullopt, false, ""};
      if (auto* c = tt.if_contains("constant")) target.constant = *c;
      if (auto* e = tt.if_contains("omit_when_empty")) target.omit_when_empty = e->as_bool();
      if (auto* q = tt.if_contains("requires")) target.requires_path = q->as_string();
      row.to.push_back(std::move(target));
    }
    m.rows_.push_back(std::move(row));
  }
  for (const auto& d : t.at("dropped").as_array())
    m.dropped_.push_back({str(d.as_object(), "from"), str(d.as_object(), "diagnostic")});
  for (const auto& [k, v] : obj(t, "grant_layout"))
    if (k != "note") m.layout_.emplace_back(k, v.as_string());
  const auto& id = obj(t, "identity");
  m.identity_conflict_ = str(id, "conflict");
  m.identity_missing_ = str(id, "missing");
  m.identity_invalid_ = str(id, "invalid");
  m.allowed_chars_ = str(id, "allowed_characters");
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
  // allowed_chars_ is a bracket-expression body made of ranges (a-z) and single characters.
  auto allowed = [&](unsigned char c) {
    for (std::size_t i = 0; i < allowed_chars_.size(); ++i) {
      const auto lo = static_cast<unsigned char>(allowed_chars_[i]);
      if (i + 2 < allowed_chars_.size() && allowed_chars_[i + 1] == '-') {
        if (c >= lo && c <= static_cast<unsigned char>(allowed_chars_[i + 2])) return true;
        i += 2;
      } else if (c == lo) {
        return true;
      }
    }
    return false;
  };
  return std::all_of(identity.begin(), identity.end(), [&](char c) { return allowed(static_cast<unsigned char>(c)); });
}

AccessTokenMapping MappingTable::apply(const CapabilityParameters& in) const {
  AccessTokenMapping out;
  std::vector<std::string> diags = in.diagnostics;
  std::vector<Param> identity_candidates;

  for (const auto& row : rows_) {
    auto it = in.fields.find(row.from);
    if (it == in.fields.end()) continue;
    const Param& src = it->second;
    for (const auto& target : row.to) {
      if (target.path == "identity") {
        identity_candidates.push_back(src);
        continue;
      }
      if (!target.requires_path.empty() && !out.fields.count(target.requires_path)) continue;
      if (target.omit_when_empty && src.value && is_empty_value(*src.value)) continue;
      out.fields[target.path] = target.constant ? Param::literal(*target.constant) : src;
    }
  }
  for (const auto& extra : in.extra_identity_candidates) identity_candidates.push_back(extra);

  // identity: the first candidate (the incoming name, by row order); a different later one
  // is a conflict. Values compare when known, source text otherwise.
  if (identity_candidates.empty()) {
    diags.push_back(identity_missing_);
  } else {
    const Param& first = identity_candidates.front();
    for (const auto& other : identity_candidates) {
      const bool differ = (first.value && other.value) ? *first.value != *other.value : first.text != other.text;
      if (differ) {
        diags.push_back(identity_conflict_);
        break;
      }
    }
    out.fields["identity"] = first;
    if (first.value && first.value->is_string() && !identity_chars_valid(first.value->get_string()))
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

  for (const auto& d : dropped_) {
    auto it = in.fields.find(d.from);
    if (it == in.fields.end()) continue;
    const auto& v = it->second.value;
    if (v && (v->is_null() || (v->is_array() && v->get_array().empty()))) continue;
    diags.push_back(d.diagnostic);
  }

  std::sort(diags.begin(), diags.end());
  diags.erase(std::unique(diags.begin(), diags.end()), diags.end());
  out.diagnostics = std::move(diags);
  return out;
}

}  // namespace capmig
