#include "analyzer/token/report_json.h"

#include <cmath>

namespace capmig {
namespace json = boost::json;
namespace {

json::value opt_int(const std::optional<std::int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

json::object params_json(const OrderedParams& ps) {
  json::object o;
  for (const auto& [k, v] : ps) o[k] = v;
  return o;
}

}  // namespace

json::object mapping_to_json(const AccessTokenMapping& m) {
  json::array diags;
  for (const auto& d : m.diagnostics) diags.emplace_back(d);
  const auto id = m.identity_value();
  const auto ttl = m.ttl_value();
  return json::object{{"identity", id ? json::value(*id) : json::value(nullptr)},
                      {"ttl", ttl ? json::value(*ttl) : json::value(nullptr)},
                      {"grants", m.grants()},
                      {"diagnostics", std::move(diags)}};
}

json::object capability_to_json(const CapabilityToken& cap) {
  json::object o;
  o["account_sid"] = cap.account_sid;
  o["expires_at"] = cap.expires_at;
  o["issued_at"] = opt_int(cap.issued_at);
  o["not_before"] = opt_int(cap.not_before);
  o["incoming"] = cap.incoming ? json::value(json::object{{"client_name", cap.incoming->client_name}}) : json::value(nullptr);
  if (cap.outgoing) {
    o["outgoing"] = json::object{
        {"application_sid", cap.outgoing->application_sid},
        {"client_name", cap.outgoing->client_name ? json::value(*cap.outgoing->client_name) : json::value(nullptr)},
        {"params", params_json(cap.outgoing->params)}};
  } else {
    o["outgoing"] = nullptr;
  }
  o["event_stream"] = cap.event_stream ? json::value(json::object{{"path", cap.event_stream->path},
                                                                  {"params", params_json(cap.event_stream->params)}})
                                       : json::value(nullptr);
  json::array unknown;
  for (const auto& s : cap.unknown_scopes) unknown.emplace_back(s);
  o["unknown_scopes"] = std::move(unknown);
  return o;
}

namespace {
// Boost.JSON reads 1e309 as infinity and would write it back as the bare word Infinity,
// which is not JSON: a report shows such numbers as null.
json::value finite_only(json::value v) {
  if (v.is_double() && !std::isfinite(v.get_double())) return nullptr;
  if (v.is_object())
    for (auto& kv : v.get_object()) kv.value() = finite_only(std::move(kv.value()));
  if (v.is_array())
    for (auto& e : v.get_array()) e = finite_only(std::move(e));
  return v;
}
}  // namespace

json::object decode_result_to_json(const DecodeResult& r) {
  json::object o;
  if (r.token) {
    const DecodedToken& t = *r.token;
    o["kind"] = to_string(t.kind);
    o["header"] = finite_only(t.header);
    o["payload"] = finite_only(t.payload);
    o["signature"] = json::object{{"alg", t.alg}, {"verified", t.verified ? json::value(*t.verified) : json::value(nullptr)}};
    if (t.capability) o["capability"] = capability_to_json(*t.capability);
    if (t.access) {
      const auto& a = *t.access;
      o["access"] = json::object{{"account_sid", a.account_sid},
                                 {"api_key_sid", a.api_key_sid},
                                 {"identity", a.identity ? json::value(*a.identity) : json::value(nullptr)},
                                 {"region", a.region ? json::value(*a.region) : json::value(nullptr)},
                                 {"grants", finite_only(a.grants)}};
    }
    if (t.mapping) o["mapping"] = mapping_to_json(*t.mapping);
    json::array lint;
    for (const auto& l : t.lint)
      lint.push_back(json::object{{"code", l.code}, {"severity", to_string(l.severity)}, {"message", l.message}});
    o["lint"] = std::move(lint);
  }
  if (r.error) o["error"] = json::object{{"code", to_string(r.error->code)}, {"message", r.error->message}};
  return o;
}

}  // namespace capmig
