#include "analyzer/token/capability.h"

#include <boost/container/small_vector.hpp>
#include <boost/json/value.hpp>

#include "analyzer/token/form_decode.h"

namespace capmig::token {
namespace json = boost::json;
namespace {

struct OuterParam {
  std::string key;
  std::string_view raw_value;  // still escaped once: appParams/params are decoded twice
  std::string joined;          // raw_value's storage when continuations were not contiguous
  bool is_joined = false;
  std::string_view value() const { return is_joined ? std::string_view(joined) : raw_value; }
};
// A scope's query has a handful of parameters: they stay on the stack.
using OuterParams = boost::container::small_vector<OuterParam, 6>;

// Splits a scope query on '&'. A part without '=' whose decoded text contains '=' follows
// an appParams/params value that a library escaped only once (ruby 5.x): it is a
// continuation of that value, not a key of its own.
void split_query(std::string_view query, OuterParams& out) {
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view part = query.substr(start, amp - start);
    start = amp + 1;
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos && !out.empty() && (out.back().key == "appParams" || out.back().key == "params") &&
        form_unescape(part).find('=') != std::string::npos) {
      OuterParam& prev = out.back();
      const std::string_view v = prev.value();
      if (!prev.is_joined && v.data() + v.size() + 1 == part.data()) {
        prev.raw_value = std::string_view(v.data(), v.size() + 1 + part.size());  // "v&part", as it is in the query
      } else {
        if (!prev.is_joined) prev.joined.assign(v);
        prev.is_joined = true;
        prev.joined += '&';
        prev.joined += part;
      }
      continue;
    }
    out.emplace_back();
    out.back().key = form_unescape(part.substr(0, eq));
    if (eq != std::string_view::npos) out.back().raw_value = part.substr(eq + 1);
  }
}

const OuterParam* find(const OuterParams& ps, std::string_view key) {
  const OuterParam* found = nullptr;
  for (const auto& p : ps)
    if (p.key == key) found = &p;  // last one wins
  return found;
}

// Decodes an appParams/params value: form-unescape once, then parse as a form again.
OrderedParams nested_params(const OuterParam* p, CapabilityToken& cap, std::vector<LintEntry>& lint,
                            std::string_view where) {
  if (!p) return {};
  bool lossy = false, repeated = false;
  const std::string once = form_unescape(p->value(), &lossy);
  if (once.size() >= 2 && once.front() == '{' && once.back() == '}' && once.find("=>") != std::string::npos) {
    // twilio-ruby 3.x–4.x writes event filters as Hash#inspect text: report, do not guess.
    lint.push_back({"params-ruby-hash", LintSeverity::Warning,
                    std::string(where) + " holds a Ruby Hash literal (twilio-ruby 4.x), kept unparsed: " + once});
    return {};
  }
  OrderedParams out = parse_form(once, &repeated, &lossy);
  if (repeated) {
    cap.diagnostics.push_back("param-repeated");
    lint.push_back(
        {"param-repeated", LintSeverity::Warning, std::string(where) + " repeats a key; the last value is kept"});
  }
  if (lossy)
    lint.push_back({"params-invalid-utf8", LintSeverity::Warning,
                    std::string(where) + " is not valid UTF-8 once decoded; bad bytes became U+FFFD"});
  return out;
}

std::string decoded(const OuterParam* p) { return p ? form_unescape(p->value()) : std::string(); }

}  // namespace

void parse_scope_claim(std::string_view scope, CapabilityToken& cap, std::vector<LintEntry>& lint) {
  std::size_t start = 0;
  while (start <= scope.size()) {
    std::size_t sp = scope.find(' ', start);
    if (sp == std::string_view::npos) sp = scope.size();
    std::string_view uri = scope.substr(start, sp - start);
    start = sp + 1;
    if (uri.empty()) continue;

    const std::size_t q = uri.find('?');
    const std::string_view head = uri.substr(0, q);
    const std::string_view query = q == std::string_view::npos ? std::string_view() : uri.substr(q + 1);
    if (head.substr(0, 6) != "scope:") {
      cap.unknown_scopes.emplace_back(uri);
      continue;
    }
    const std::string_view pair = head.substr(6);
    OuterParams params;
    split_query(query, params);

    if (pair == "client:incoming") {
      std::string name = decoded(find(params, "clientName"));
      if (!cap.incoming)
        cap.incoming = CapabilityToken::Incoming{std::move(name)};
      else
        cap.more_incoming_names.push_back(std::move(name));
    } else if (pair == "client:outgoing") {
      if (cap.outgoing) {
        lint.push_back({"scope-repeated", LintSeverity::Warning, "several outgoing scopes; the first is used"});
        continue;
      }
      CapabilityToken::Outgoing out;
      out.application_sid = decoded(find(params, "appSid"));
      if (out.application_sid.empty())
        lint.push_back({"outgoing-without-app-sid", LintSeverity::Error,
                        "scope:client:outgoing has no appSid; no helper library mints that"});
      if (const auto* c = find(params, "clientName")) out.client_name = decoded(c);
      out.params = nested_params(find(params, "appParams"), cap, lint, "outgoing appParams");
      cap.outgoing = std::move(out);
    } else if (pair == "stream:subscribe") {
      CapabilityToken::EventStream es;
      es.path = decoded(find(params, "path"));
      // node 3.x+, java 7+ and C# 5.x+ put filters under appParams, the others under params.
      const OuterParam* filters = find(params, "appParams");
      if (!filters) filters = find(params, "params");
      es.params = nested_params(filters, cap, lint, "event stream filters");
      if (!cap.event_stream) cap.event_stream = std::move(es);
    } else {
      cap.unknown_scopes.emplace_back(uri);
    }
  }
}

namespace {
json::value params_json(const OrderedParams& ps, const json::storage_ptr& storage) {
  json::object o(storage);
  for (const auto& [k, v] : ps) o[k] = v;
  return o;
}
}  // namespace

CapabilityParameters capability_parameters(const CapabilityToken& cap, std::int64_t now,
                                           const json::storage_ptr& storage) {
  CapabilityParameters in;
  // Fields go in in key order, each at the end: no search, no rebalancing walk.
  auto add = [&](const char* field, Param p) { in.fields.emplace_hint(in.fields.end(), field, std::move(p)); };
  // Param::literal of a string
  auto text = [&](const std::string& s) { return Param{s, json::value(s, storage)}; };
  add("account_sid", text(cap.account_sid));
  if (cap.event_stream) {
    json::object es({{"path", cap.event_stream->path}, {"params", params_json(cap.event_stream->params, storage)}},
                    storage);
    add("event_stream", Param::literal(std::move(es)));
  }
  if (cap.incoming) add("incoming_client_name", text(cap.incoming->client_name));
  if (cap.outgoing) {
    if (!cap.outgoing->application_sid.empty()) add("outgoing_application_sid", text(cap.outgoing->application_sid));
    if (cap.outgoing->client_name) add("outgoing_client_name", text(*cap.outgoing->client_name));
    add("outgoing_params", Param::literal(params_json(cap.outgoing->params, storage)));
  }
  if (cap.issued_at)
    add("ttl", Param::literal(json::value(cap.expires_at - *cap.issued_at)));
  else if (cap.not_before)
    add("ttl", Param::literal(json::value(cap.expires_at - *cap.not_before)));
  if (!cap.unknown_scopes.empty()) {
    json::array a(storage);
    for (const auto& s : cap.unknown_scopes) a.emplace_back(s);
    add("unknown_scopes", Param::literal(std::move(a)));
  }
  for (const auto& n : cap.more_incoming_names) in.extra_identity_candidates.push_back(text(n));
  in.diagnostics = cap.diagnostics;
  if (cap.expires_at <= now) in.diagnostics.push_back("capability-expired");
  return in;
}

}  // namespace capmig::token
