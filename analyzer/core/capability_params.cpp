#include "analyzer/core/capability_params.h"

#include <boost/json/serialize.hpp>

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

}  // namespace

json::object AccessTokenMapping::grants(const json::storage_ptr& storage) const {
  // The voice object is always present: the vectors show {} for a token with no voice scope.
  json::object g(storage);
  if (grants_layout) {
    for (const auto& [field, dest] : *grants_layout) {
      const Param* p = get(field);
      if (field == "identity") {
        if (p && p->value && !p->value->is_null()) g[dest] = *p->value;
        if (!g.contains("voice")) g["voice"] = json::object();
        continue;
      }
      if (!p || !p->value) continue;
      set_path(g, dest, *p->value);
    }
  }
  if (!g.contains("voice")) g["voice"] = json::object();
  return g;
}

}  // namespace capmig
