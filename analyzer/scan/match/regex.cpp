// User-supplied patterns run on RE2: linear time whatever the pattern, so a rule cannot make a
// scan hang on a hostile file. A match that starts inside a comment does not count.
#include <re2/re2.h>

#include <algorithm>

#include "analyzer/scan/match/context.h"
#include "analyzer/scan/match/secret.h"

namespace capmig::scan {

void match_regex(const Rule& rule, MatchContext& ctx) {
  const re2::RE2& re = *rule.regex;
  const std::string_view text = ctx.file.text();
  const int groups = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups) + 1);
  const auto& names = re.NamedCapturingGroups();
  const auto& comments = ctx.file.comments();
  std::size_t pos = 0;
  while (pos <= text.size() && re.Match(re2::StringPiece(text.data(), text.size()), pos, text.size(),
                                        re2::RE2::UNANCHORED, sub.data(), static_cast<int>(sub.size()))) {
    const auto begin = static_cast<std::uint32_t>(sub[0].data() - text.data());
    const auto end = static_cast<std::uint32_t>(begin + sub[0].size());
    pos = sub[0].empty() ? end + 1 : end;
    const bool in_comment =
        std::any_of(comments.begin(), comments.end(), [&](const Span& c) { return begin >= c.begin && begin < c.end; });
    if (in_comment) continue;
    if (rule.within_strings && !ctx.syntax.in_string(begin, end)) continue;
    Finding f = make_finding(rule, ctx, begin, std::max(end, begin + 1));
    for (const auto& [group, param] : rule.captures) {
      int index = -1;
      if (auto it = names.find(group); it != names.end())
        index = it->second;
      else if (!group.empty() && std::all_of(group.begin(), group.end(), [](char c) { return c >= '0' && c <= '9'; }))
        index = std::stoi(group);
      if (index <= 0 || index > groups || sub[static_cast<std::size_t>(index)].data() == nullptr) continue;
      const std::string value(sub[static_cast<std::size_t>(index)].data(), sub[static_cast<std::size_t>(index)].size());
      if (param == "auth_token") {  // never shown: first 4 characters only
        f.capability.fields[param] = Param{redact(value), boost::json::value(redact(value))};
        f.snippet = redact_in(f.snippet, value);
      } else {
        f.capability.fields[param] = Param{value, boost::json::value(value)};
      }
    }
    if (rule.summary.category == Category::capability_mint) f.map_input = f.capability;
    ctx.out.push_back(std::move(f));
  }
}

}  // namespace capmig::scan
