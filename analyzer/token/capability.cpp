#include "analyzer/token/capability.h"

#include <boost/json/value.hpp>

#include "analyzer/token/form_decode.h"

namespace capmig {
namespace json = boost::json;
namespace {

struct OuterParam {
  std::string key;
  std::string raw_value;  // still escaped once: appParams/params are decoded twice
};

// Splits a scope query on '&'. A part without '=' whose decoded text contains '=' follows
// an appParams/params value that a library escaped only once (ruby 5.x): it is a
// continuation of that value, not a key of its own.
std::vector<OuterParam> split_query(std::string_view query) {
  std::vector<OuterParam> out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view part = query.substr(start, amp - start);
    start = amp + 1;
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    if (eq == std::string_view::npos && !out.empty() &&
        (out.back().key == "appParams" || out.back().key == "params") &&
        form_unescape(part).find('=') != std::string::npos) {
      out.back().raw_value += '&';
      out.back().raw_value += part;
      continue;
    }
    out.push_back({form_unescape(part.substr(0, eq)),
                   eq == std::string_view::npos ? std::string() : std::string(part.substr(eq + 1))});
  }
  return out;
}

const OuterParam* find(const std::vector<OuterParam>& ps, std::string_view key) {
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
  const std::string once = form_unescape(p->raw_value, &lossy);
  if (once.size() >= 2 && once.front() == '{' && once.back() == '}' && once.find("=>") != std::string::npos) {
    // twilio-ruby 3.x–4.x writes event filters as Hash#inspect text: report, do not guess.
    lint.push_back({"params-ruby-hash", LintSeverity::Warning,
                    std::string(where) + " holds a Ruby Hash literal (twilio-ruby 4.x), kept unparsed: " + once});
    return {};
  }
  OrderedParams out = parse_form(once, &repeated, &lossy);
  if (repeated) {
    cap.diagnostics.push_back("param-repeated");
    lint.push_back({"param-repeated", LintSeverity::Warning,
                    std::string(where) + " repeats a key; the last value is kept"});
  }
  if (lossy)
    lint.push_back({"params-invalid-utf8", LintSeverity::Warning,
                    std::string(where) + " is not valid UTF-8 once decoded; bad bytes became U+FFFD"});
  return out;
}

std::string decoded(const OuterParam* p) { return p ? form_unescape(p->raw_value) : std::string(); }

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
    const auto params = split_query(query);

    if (pair == "client:incoming") {
      std::string name = decoded(find(params, "clientName"));
      if (!cap.incoming) cap.incoming = CapabilityToken::Incoming{std::move(name)};
      else cap.more_incoming_names.push_back(std::move(name));
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
json::value params_json(const OrderedParams& ps) {
  json::object o;
  for (const auto& [k, v] : ps) o[k] = v;
  return o;
}
}  // namespace

CapabilityParameters capability_parameters(const CapabilityToken& cap, std::int64_t now) {
  CapabilityParameters in;
  in.fields["account_sid"] = Param::literal(json::value(cap.account_sid));
  if (cap.issued_at) in.fields["ttl"] = Param::literal(json::value(cap.expires_at - *cap.issued_at));
  else if (cap.not_before) in.fields["ttl"] = Param::literal(json::value(cap.expires_at - *cap.not_before));
  if (cap.incoming) in.fields["incoming_client_name"] = Param::literal(json::value(cap.incoming->client_name));
  for (const auto& n : cap.more_incoming_names) in.extra_identity_candidates.push_back(Param::literal(json::value(n)));
  if (cap.outgoing) {
    if (!cap.outgoing->application_sid.empty())
      in.fields["outgoing_application_sid"] = Param::literal(json::value(cap.outgoing->application_sid));
    if (cap.outgoing->client_name)
      in.fields["outgoing_client_name"] = Param::literal(json::value(*cap.outgoing->client_name));
    in.fields["outgoing_params"] = Param::literal(params_json(cap.outgoing->params));
  }
  if (cap.event_stream) {
    json::object es{{"path", cap.event_stream->path}, {"params", params_json(cap.event_stream->params)}};
    in.fields["event_stream"] = Param::literal(std::move(es));
  }
  if (!cap.unknown_scopes.empty()) {
    json::array a;
    for (const auto& s : cap.unknown_scopes) a.emplace_back(s);
    in.fields["unknown_scopes"] = Param::literal(std::move(a));
  }
  in.diagnostics = cap.diagnostics;
  if (cap.expires_at <= now) in.diagnostics.push_back("capability-expired");
  return in;
}

}  // namespace capmig
