#include "analyzer/report/token_text.h"

#include <boost/json/serialize.hpp>

#include <sstream>

#include "analyzer/report/terminal_safe.h"

namespace capmig {
namespace json = boost::json;
namespace {

std::string row(const TextStyle& st, std::string_view label, std::string_view value, std::size_t width = 14) {
  std::string l(label);
  l.resize(std::max(width, l.size() + 1), ' ');
  return "  " + st.dim(l) + std::string(value) + "\n";
}

std::string params_text(const token::OrderedParams& ps) {
  std::string s;
  for (const auto& [k, v] : ps) {
    if (!s.empty()) s += ", ";
    s += terminal_safe(k) + "=" + terminal_safe(json::serialize(json::value(v)));
  }
  return s.empty() ? "(none)" : s;
}

std::string when(const TextStyle& st, std::int64_t t, std::int64_t now, bool is_expiry) {
  std::string rel = format_relative(t, now);
  if (is_expiry) rel = t <= now ? st.red("expired " + rel) : st.green("expires " + rel);
  return format_utc(t) + "  (" + rel + ")";
}

std::string severity(const TextStyle& st, token::LintSeverity s) {
  switch (s) {
    case token::LintSeverity::Error:
      return st.red("error  ");
    case token::LintSeverity::Warning:
      return st.yellow("warning");
    case token::LintSeverity::Info:
      return st.cyan("info   ");
  }
  return "";
}

}  // namespace

std::string mapping_to_text(const AccessTokenMapping& m, const TextStyle& st) {
  // Labels are the helper libraries' parameter names, as in the seed's mapping table.
  auto row = [&](std::string_view label, std::string_view value) { return capmig::row(st, label, value, 27); };
  std::string out;
  const auto id = m.identity_value();
  out += row("identity", id ? terminal_safe(*id) : st.red("(none: pass --identity)"));
  if (auto ttl = m.ttl_value()) out += row("ttl", format_duration(*ttl));
  const auto g = m.grants();
  const auto& voice = g.at("voice").as_object();
  if (const auto* in = voice.if_contains("incoming"))
    out += row("incomingAllow", terminal_safe(json::serialize(in->at("allow"))));
  if (const auto* o = voice.if_contains("outgoing")) {
    out += row("outgoingApplicationSid", terminal_safe(o->at("application_sid").as_string()));
    if (const auto* p = o->as_object().if_contains("params"))
      out += row("outgoingApplicationParams", terminal_safe(json::serialize(*p)));
  }
  out += row("grants", terminal_safe(json::serialize(g)));
  std::string diags;
  for (const auto& d : m.diagnostics) diags += (diags.empty() ? "" : ", ") + st.yellow(terminal_safe(d));
  out += row("diagnostics", diags.empty() ? st.green("none") : diags);
  return out;
}

std::string decode_result_to_text(const token::DecodeResult& r, std::string_view input_name, std::int64_t now,
                                  const TextStyle& st) {
  std::ostringstream out;
  if (!r.token) {
    out << st.bold(terminal_safe(input_name)) << ": " << st.red(std::string(to_string(r.error->code))) << ": "
        << terminal_safe(r.error->message) << "\n";
    return out.str();
  }
  const token::DecodedToken& t = *r.token;
  std::string sig = terminal_safe(t.alg) + ", ";
  sig += !t.verified   ? st.yellow("signature not verified (no key given)")
         : *t.verified ? st.green("signature verified")
                       : st.red("SIGNATURE INVALID");
  out << st.bold(terminal_safe(input_name)) << ": " << st.bold(std::string(to_string(t.kind)) + " token") << "  ("
      << sig << ")\n";
  if (t.capability) {
    const auto& c = *t.capability;
    out << row(st, "account", terminal_safe(c.account_sid));
    if (c.issued_at) out << row(st, "issued", when(st, *c.issued_at, now, false));
    if (c.not_before) out << row(st, "not before", when(st, *c.not_before, now, false));
    out << row(st, "expires", when(st, c.expires_at, now, true));
    if (c.incoming) out << row(st, "incoming", "clientName=" + terminal_safe(c.incoming->client_name));
    for (const auto& n : c.more_incoming_names) out << row(st, "incoming", "clientName=" + terminal_safe(n));
    if (c.outgoing) {
      std::string o = "appSid=" + terminal_safe(c.outgoing->application_sid);
      if (c.outgoing->client_name) o += " clientName=" + terminal_safe(*c.outgoing->client_name);
      out << row(st, "outgoing", o) << row(st, "  params", params_text(c.outgoing->params));
    }
    if (c.event_stream)
      out << row(st, "event stream", terminal_safe(c.event_stream->path) + "  " + params_text(c.event_stream->params));
    for (const auto& u : c.unknown_scopes) out << row(st, "unknown scope", terminal_safe(u));
    out << st.bold("  Access Token + VoiceGrant") << "\n";
    if (t.mapping) {
      std::string m = mapping_to_text(*t.mapping, st);
      std::istringstream lines(m);
      for (std::string line; std::getline(lines, line);) out << "  " << line << "\n";
    }
  }
  if (t.access) {
    const auto& a = *t.access;
    out << row(st, "account", terminal_safe(a.account_sid)) << row(st, "api key", terminal_safe(a.api_key_sid))
        << row(st, "identity", a.identity ? terminal_safe(*a.identity) : st.red("(none)"));
    if (a.region) out << row(st, "region", terminal_safe(*a.region));
    if (a.issued_at) out << row(st, "issued", when(st, *a.issued_at, now, false));
    if (a.not_before) out << row(st, "not before", when(st, *a.not_before, now, false));
    out << row(st, "expires", when(st, a.expires_at, now, true));
    out << row(st, "grants", terminal_safe(json::serialize(a.grants)));
  }
  if (t.kind == token::TokenKind::TaskRouterCapability || t.kind == token::TokenKind::UnknownJwt)
    out << row(st, "payload", terminal_safe(json::serialize(t.payload)));
  if (!t.lint.empty()) {
    out << st.bold("  lint") << "\n";
    for (const auto& l : t.lint)
      out << "    " << severity(st, l.severity) << " " << l.code << ": " << terminal_safe(l.message) << "\n";
  }
  if (r.error)
    out << "  " << st.red(std::string(to_string(r.error->code))) << ": " << terminal_safe(r.error->message) << "\n";
  return out.str();
}

}  // namespace capmig
