#include "analyzer/lang/php/code_at.h"

#include <algorithm>
#include <iterator>

namespace capmig::lang {

bool php_code_at(const SourceFile& file, std::size_t offset) {
  const auto text = file.text();
  const auto& toks = file.tokens();
  const auto it = std::partition_point(toks.begin(), toks.end(), [&](const Token& t) { return t.end <= offset; });
  const bool after_token = it != toks.begin();
  const std::size_t from = after_token ? std::prev(it)->end : 0;
  const std::string_view gap = text.substr(from, offset > from ? offset - from : 0);
  const auto close = gap.rfind("?>"), open = gap.rfind("<?");
  constexpr auto none = std::string_view::npos;
  if (!after_token) return open != none && (close == none || close < open);
  return close == none || (open != none && open > close);
}

}  // namespace capmig::lang
