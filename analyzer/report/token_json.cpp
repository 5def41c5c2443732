#include "analyzer/report/token_json.h"

#include <cmath>

namespace capmig {
namespace json = boost::json;
namespace {

json::value opt_int(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object params_json(const token::OrderedParams& ps, const json::storage_ptr& sp) {
  json::object o(sp);
  for (const auto& [k, v] : ps) o[k] = v;
  return o;
}

}  // namespace

json::object mapping_to_json(const AccessTokenMapping& m, const json::storage_ptr& sp) {
  json::array diags(sp);
  for (const auto& d : m.diagnostics) diags.emplace_back(d);
  const auto id = m.identity_value();
  const auto ttl = m.ttl_value();
  return json::object({{"identity", id ? json::value(*id, sp) : json::value(nullptr)},
                       {"ttl", ttl ? json::value(*ttl) : json::value(nullptr)},
                       {"grants", json::value(m.grants(), sp)},
                       {"diagnostics", std::move(diags)}},
                      sp);
}

json::object capability_to_json(const token::CapabilityToken& cap, const json::storage_ptr& sp) {
  json::object o(sp);
  o.reserve(8);
  o["account_sid"] = cap.account_sid;
  o["expires_at"] = cap.expires_at;
  o["issued_at"] = opt_int(cap.issued_at);
  o["not_before"] = opt_int(cap.not_before);
  o["incoming"] =
      cap.incoming ? json::value(json::object({{"client_name", cap.incoming->client_name}}, sp)) : json::value(nullptr);
  if (cap.outgoing) {
    o["outgoing"] =
        json::object({{"application_sid", cap.outgoing->application_sid},
                      {"client_name",
                       cap.outgoing->client_name ? json::value(*cap.outgoing->client_name, sp) : json::value(nullptr)},
                      {"params", params_json(cap.outgoing->params, sp)}},
                     sp);
  } else {
    o["outgoing"] = nullptr;
  }
  o["event_stream"] =
      cap.event_stream
          ? json::value(json::object(
                {{"path", cap.event_stream->path}, {"params", params_json(cap.event_stream->params, sp)}}, sp))
          : json::value(nullptr);
  json::array unknown(sp);
  for (const auto& s : cap.unknown_scopes) unknown.emplace_back(s);
  o["unknown_scopes"] = std::move(unknown);
  return o;
}

bool all_finite(const json::value& v) {
  if (v.is_double()) return std::isfinite(v.get_double());
  if (v.is_object()) return all_finite(v.get_object());
  if (v.is_array())
    for (const auto& e : v.get_array())
      if (!all_finite(e)) return false;
  return true;
}
bool all_finite(const json::object& o) {
  for (const auto& kv : o)
    if (!all_finite(kv.value())) return false;
  return true;
}
json::value finite_only(json::value v) {
  if (v.is_double() && !std::isfinite(v.get_double())) return nullptr;
  if (v.is_object())
    for (auto& kv : v.get_object()) kv.value() = finite_only(std::move(kv.value()));
  if (v.is_array())
    for (auto& e : v.get_array()) e = finite_only(std::move(e));
  return v;
}

namespace {
// A copy in `sp`; the rare one holding a non-finite number goes through finite_only.
json::value finite_copy(const json::object& o, const json::storage_ptr& sp) {
  json::value v(o, sp);
  return all_finite(v) ? v : json::value(finite_only(std::move(v)), sp);
}

// `movable` (r's own token, when the caller is done with r): its header and payload are
// moved out instead of copied; in the same storage that is a pointer swap, not a deep copy.
json::object to_json(const token::DecodeResult& r, const json::storage_ptr& sp, token::DecodedToken* movable) {
  json::object o(sp);
  o.reserve(8);
  if (r.token) {
    const token::DecodedToken& t = *r.token;
    o["kind"] = to_string(t.kind);
    auto part = [&](const json::object& v, json::object* own) {
      if (own && *own->storage() == *sp && all_finite(*own)) return json::value(std::move(*own), sp);
      return finite_copy(v, sp);
    };
    o["header"] = part(t.header, movable ? &movable->header : nullptr);
    o["payload"] = part(t.payload, movable ? &movable->payload : nullptr);
    o["signature"] =
        json::object({{"alg", t.alg}, {"verified", t.verified ? json::value(*t.verified) : json::value(nullptr)}}, sp);
    if (t.capability) o["capability"] = capability_to_json(*t.capability, sp);
    if (t.access) {
      const auto& a = *t.access;
      o["access"] = json::object({{"account_sid", a.account_sid},
                                  {"api_key_sid", a.api_key_sid},
                                  {"identity", a.identity ? json::value(*a.identity, sp) : json::value(nullptr)},
                                  {"region", a.region ? json::value(*a.region, sp) : json::value(nullptr)},
                                  {"grants", finite_copy(a.grants, sp)}},
                                 sp);
    }
    if (t.mapping) o["mapping"] = mapping_to_json(*t.mapping, sp);
    json::array lint(sp);
    lint.reserve(t.lint.size());
    for (const auto& l : t.lint)
      lint.push_back(json::object({{"code", l.code}, {"severity", to_string(l.severity)}, {"message", l.message}}, sp));
    o["lint"] = std::move(lint);
  }
  if (r.error) o["error"] = json::object({{"code", to_string(r.error->code)}, {"message", r.error->message}}, sp);
  return o;
}
}  // namespace

json::object decode_result_to_json(const token::DecodeResult& r, const json::storage_ptr& sp) {
  return to_json(r, sp, nullptr);
}
json::object decode_result_to_json(token::DecodeResult&& r, const json::storage_ptr& sp) {
  return to_json(r, sp, r.token ? &*r.token : nullptr);
}

}  // namespace capmig
