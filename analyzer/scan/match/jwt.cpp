// Embedded tokens: a JWT literal in source (inside a string literal), or anywhere in a text
// file (.env, JSON, YAML, logs, HAR), decoded by the token engine and reported with its kind
// and mapping. The signature part never shows in a report: a token is a live credential
// until it expires.
#include <algorithm>

#include "analyzer/scan/match/context.h"
#include "analyzer/scan/match/secret.h"
#include "analyzer/token/capability.h"
#include "analyzer/token/decode.h"
#include "analyzer/token/extract.h"

namespace capmig::scan {
namespace json = boost::json;
namespace {

std::optional<Severity> severity_for(const Rule& rule, token::TokenKind kind) {
  const auto* kinds = rule.detector_options.if_contains("kinds");
  if (!kinds || !kinds->is_object())
    return kind == token::TokenKind::Capability ? std::optional(rule.summary.severity) : std::nullopt;
  const auto* s = kinds->get_object().if_contains(to_string(kind));
  if (!s || !s->is_string()) return std::nullopt;
  return severity_from_string(s->get_string());
}

void report(const Rule& rule, MatchContext& ctx, std::string_view jwt, std::uint32_t begin, std::uint32_t end) {
  token::DecodeOptions opts{ctx.options.keys, ctx.options.now, ctx.options.table};
  const token::DecodeResult r = token::decode_token(jwt, opts);
  if (!r.token) return;  // not a token after all (a JWT-shaped string that does not decode)
  const token::DecodedToken& t = *r.token;
  auto sev = severity_for(rule, t.kind);
  if (!sev) return;
  Finding f = make_finding(rule, ctx, begin, end);
  f.severity = *sev;
  const auto sig = jwt.rfind('.');
  const std::string_view signature = jwt.substr(sig + 1);
  if (!signature.empty()) f.snippet = redact_in(f.snippet, signature);
  std::string what = std::string(to_string(t.kind));
  if (t.kind == token::TokenKind::Capability) what = "capability";
  f.message = "Embedded " + what + " token";
  if (t.verified)
    f.message += *t.verified ? " (signature verified)" : " (signature does NOT verify with the given key)";
  if (t.kind == token::TokenKind::Capability && t.capability) {
    f.capability = token::capability_parameters(*t.capability, ctx.options.now);
    f.message += ": mint an Access Token instead (capmig map)";
  }
  if (t.mapping) f.mapping = *t.mapping;
  f.token = r;
  ctx.out.push_back(std::move(f));
}

}  // namespace

void detect_jwts(const Rule& rule, MatchContext& ctx) {
  const std::string_view text = ctx.file.text();
  if (ctx.file.language() == Language::text) {
    for (const auto& span : token::find_jwts(text))
      report(rule, ctx, span.text, static_cast<std::uint32_t>(span.offset),
             static_cast<std::uint32_t>(span.offset + span.text.size()));
    return;
  }
  // Source: only inside string literals (comments were dropped by the lexer).
  for (const auto& tok : ctx.file.tokens()) {
    if (tok.kind != TokKind::string || tok.value.find("eyJ") == std::string::npos) continue;
    const std::string_view raw = tok.text(text);
    for (const auto& span : token::find_jwts(tok.value.str())) {
      // Offsets point at the JWT as written when it appears verbatim (the usual case).
      const auto at = raw.find(span.text);
      const std::uint32_t b = at == std::string_view::npos ? tok.begin : tok.begin + static_cast<std::uint32_t>(at);
      const std::uint32_t e = at == std::string_view::npos ? tok.end : b + static_cast<std::uint32_t>(span.text.size());
      report(rule, ctx, span.text, b, e);
    }
  }
}

}  // namespace capmig::scan
