// Hand-rolled capability scopes: code that signs its own JWT with a
// `scope:client:incoming?clientName=…` / `scope:client:outgoing?appSid=…` string, in any
// language. The string is parsed with the token engine's scope grammar; parts built at run
// time (concatenation, interpolation) keep their source text and have no value.
#include "analyzer/scan/match/context.h"
#include "analyzer/token/capability.h"

namespace capmig::scan {
namespace json = boost::json;
namespace {

bool concatenation(const Syntax& s, std::size_t i) {
  if (i >= s.size() || s.tok(i).kind != TokKind::punct) return false;
  const auto t = s.text(i);
  return t == "+" || t == "." || t == "%" || t == "<<" || t == "+=" || t == ".=";
}

}  // namespace

void detect_scope_strings(const Rule& rule, MatchContext& ctx) {
  const Syntax& s = ctx.syntax;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Token& tok = s.tok(i);
    if (tok.kind != TokKind::string) continue;
    if (tok.value.find("scope:client:incoming") == std::string::npos &&
        tok.value.find("scope:client:outgoing") == std::string::npos)
      continue;
    // The whole expression the literal is part of: `"…clientName=" + name`, `'…%s' % x`.
    std::size_t first = i, last = i;
    while (first >= 2 && concatenation(s, first - 1) && s.tok(first - 2).kind == TokKind::string) first -= 2;
    bool dynamic = tok.interpolated || (i > 0 && concatenation(s, i - 1));
    if (concatenation(s, last + 1)) {
      dynamic = true;
      last = s.expression_end(last + 2) - 1;
    }
    // .format(…) / String.format / sprintf: placeholders make it dynamic too.
    if (s.is_member_op(last + 1) && s.is_ident(last + 2) && s.text(last + 2) == "format") dynamic = true;
    if (tok.value.find("%s") != std::string::npos || tok.value.find("{}") != std::string::npos ||
        tok.value.find("{0}") != std::string::npos)
      dynamic = true;

    CapabilityToken cap;
    std::vector<LintEntry> lint;
    parse_scope_claim(tok.value, cap, lint);
    CapabilityParameters params;
    const std::string expr = s.range_text({first, last + 1});
    auto put = [&](const char* field, const std::string& value) {
      Param p{dynamic ? expr : value, std::nullopt};
      if (!dynamic) p.value = json::value(value);
      params.fields[field] = std::move(p);
    };
    if (cap.incoming) put("incoming_client_name", cap.incoming->client_name);
    if (cap.outgoing) {
      put("outgoing_application_sid", cap.outgoing->application_sid);
      if (cap.outgoing->client_name) put("outgoing_client_name", *cap.outgoing->client_name);
      if (!cap.outgoing->params.empty()) {
        json::object o;
        for (const auto& [k, v] : cap.outgoing->params) o[k] = v;
        Param p{expr, std::nullopt};
        if (!dynamic) p.value = json::value(std::move(o));
        params.fields["outgoing_params"] = std::move(p);
      }
    }
    if (cap.event_stream) params.fields["event_stream"] = Param{expr, json::value(json::object())};
    Finding f = make_finding(rule, ctx, s.begin_offset(first), s.end_offset(last));
    f.capability = params;
    f.mapping = MappingTable::builtin().apply(params);
    ctx.out.push_back(std::move(f));
    i = last;
  }
}

}  // namespace capmig::scan
