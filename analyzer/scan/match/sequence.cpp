// Token-sequence rules: the legacy client SDK calls (`initWithCapabilityToken :`,
// `Twilio . createDevice (`). Tokens come from the lexer, so comments never match and a
// string literal matches only a quoted sequence element.
#include <algorithm>

#include "analyzer/scan/match/context.h"

namespace capmig::scan {

void match_sequence(const Rule& rule, MatchContext& ctx) {
  const Syntax& s = ctx.syntax;
  for (std::size_t i = 0; i < s.size(); ++i) {
    for (const auto& seq : rule.sequences) {
      if (i + seq.size() > s.size()) continue;
      bool ok = true;
      for (std::size_t k = 0; k < seq.size() && ok; ++k) {
        const Token& t = s.tok(i + k);
        if (seq[k] == "*") continue;
        // A call's '(' at the end: in Ruby and CoffeeScript a call may drop its parentheses.
        if (seq[k] == "(" && k + 1 == seq.size() && s.starts_paren_less_argument(i + k)) continue;
        if (t.kind == TokKind::string)
          ok = false;  // "updateCapabilityToken" in a string is text
        else
          ok = s.text(i + k) == seq[k];
      }
      if (!ok) continue;
      if (i > 0 && s.tok(i - 1).kind != TokKind::string &&
          std::find(rule.not_after.begin(), rule.not_after.end(), s.text(i - 1)) != rule.not_after.end())
        continue;
      const std::size_t last = i + seq.size() - 1;
      // Extend to the whole call when the sequence ends at its '(' (the argument shows).
      std::uint32_t end = s.end_offset(last);
      if (s.is(last, "(") && s.partner(last) != npos) end = s.end_offset(s.partner(last));
      ctx.out.push_back(make_finding(rule, ctx, s.begin_offset(i), end));
      i = last;
      break;
    }
  }
}

}  // namespace capmig::scan
