// Code inside a string's interpolation (`${new twilio.Capability(sid, tok).generate()}` or
// `${capability.generate(600)}` in a server-rendered page) is a string literal to the first
// pass. The file is read again with each such string replaced by its code: a construct found
// inside one is reported, and a construct outside whose object is used inside one takes the
// parameters this fuller reading found (its ttl, its client name).
#include <algorithm>

#include "analyzer/lang/dialect.h"
#include "analyzer/scan/match/context.h"

namespace capmig::scan {
namespace {

bool within(const std::vector<Span>& spans, std::uint32_t b) {
  return std::any_of(spans.begin(), spans.end(), [&](const Span& sp) { return sp.begin <= b && b < sp.end; });
}

}  // namespace

void match_in_interpolations(const std::vector<const Rule*>& rules, MatchContext& ctx) {
  const auto& d = lang::dialect(ctx.file.language());
  if (!d.lex_interpolations) return;
  const Syntax& s = ctx.syntax;
  const std::string_view text = ctx.file.text();
  // The strings with an interpolation, where a construct or a use of one may hide; none, no
  // second pass.
  std::vector<const Rule*> constructs;
  for (const Rule* r : rules)
    if (r->kind == RuleKind::construct) constructs.push_back(r);
  std::vector<Span> spans;
  for (std::size_t k = 0; k < s.size(); ++k) {
    const Token& t = s.tok(k);
    if (t.kind != TokKind::string || !t.interpolated || t.text(text).find("${") == std::string_view::npos) continue;
    spans.push_back({t.begin, t.end});
  }
  if (spans.empty() || constructs.empty()) return;
  // Worth a second reading only when a construct outside may be used inside (one was found)
  // or a string's code names a construct's keyword: most template literals are neither.
  const bool found_outside = std::any_of(ctx.out.begin(), ctx.out.end(), [&](const Finding& f) {
    return std::any_of(constructs.begin(), constructs.end(), [&](const Rule* r) { return r->summary.id == f.rule_id; });
  });
  const bool keyword_inside = std::any_of(spans.begin(), spans.end(), [&](const Span& sp) {
    const std::string_view code = text.substr(sp.begin, sp.end - sp.begin);
    return std::any_of(constructs.begin(), constructs.end(), [&](const Rule* r) {
      return std::any_of(r->keywords.begin(), r->keywords.end(),
                         [&](const std::string& k) { return code.find(k) != std::string_view::npos; });
    });
  });
  if (!found_outside && !keyword_inside) return;
  const SourceFile spliced(ctx.file.path(), ctx.file.language(), text, d.lex_interpolations(text));
  const Syntax syntax(spliced);
  const Evaluator eval(syntax);
  std::vector<Finding> found;
  std::vector<ConstructSites> sites;
  MatchContext inner{spliced, syntax, eval, ctx.options, found, ctx.secret_rule};
  inner.sites = &sites;
  for (const Rule* r : constructs) match_construct(*r, inner);

  std::vector<bool> site_of(found.size(), false);
  for (const auto& site : sites) {
    site_of[site.finding] = true;
    Finding& f = found[site.finding];
    if (within(spans, f.location.begin_offset)) continue;  // a new finding, taken below
    const bool used_inside = std::any_of(site.uses.begin(), site.uses.end(),
                                         [&](const ObjectUse& u) { return within(spans, syntax.tok(u.begin).begin); });
    if (!used_inside) continue;
    for (std::size_t m = 0; m < ctx.out.size(); ++m) {
      Finding& mine = ctx.out[m];
      if (mine.rule_id != f.rule_id || mine.location.begin_offset != f.location.begin_offset) continue;
      mine.capability = std::move(f.capability);
      mine.map_input = std::move(f.map_input);
      if (ctx.sites)
        for (auto& own : *ctx.sites)
          if (own.finding == m) own.used_in_interpolation = true;
      break;
    }
  }
  // Found inside those strings: new findings (constructs and the secrets fed to them).
  for (std::size_t i = 0; i < found.size(); ++i) {
    Finding& f = found[i];
    if (!within(spans, f.location.begin_offset)) continue;
    if (!site_of[i] && std::any_of(ctx.out.begin(), ctx.out.end(), [&](const Finding& o) {
          return o.rule_id == f.rule_id && o.location.begin_offset == f.location.begin_offset;
        }))
      continue;
    ctx.out.push_back(std::move(f));
  }
}

}  // namespace capmig::scan
