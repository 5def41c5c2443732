#include "analyzer/lang/imports.h"

#include <algorithm>

#include "analyzer/lang/dialect.h"

namespace capmig::lang {
namespace {

bool starts_statement(const Syntax& s, std::size_t k) {
  return k == 0 || s.tok(k).newline_before || s.is(k - 1, ";") || s.is(k - 1, "{") || s.is(k - 1, "}");
}

bool indented(std::string_view text, std::size_t offset) {
  const std::size_t line = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  const std::size_t b = line == std::string_view::npos || offset == 0 ? 0 : line + 1;
  return b < offset && (text[b] == ' ' || text[b] == '\t');
}

}  // namespace

std::optional<Directive> directive_at(const Syntax& s, std::size_t k) {
  const TokenRange st = s.statement_at(k);
  std::size_t e = st.end;
  if (e > k && s.is(e - 1, ";")) --e;
  if (e <= k + 1) return std::nullopt;
  if (s.is_ident(k + 1) && s.text(k + 1) == "static") return std::nullopt;
  return Directive{st, e};
}

std::string joined_text(const Syntax& s, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t k = b; k < e; ++k) out += s.text(k);
  return out;
}

std::vector<ImportStatement> find_imports(const Syntax& s) {
  std::vector<ImportStatement> out;
  const ImportSyntax& syntax = dialect(s.file().language()).imports;
  if (!syntax.read) return out;
  std::size_t depth_brace = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s.is(k, "{")) ++depth_brace;
    if (s.is(k, "}") && depth_brace) --depth_brace;
    if (!s.is_ident(k) || !starts_statement(s, k)) continue;
    const auto t = s.text(k);
    if (std::find(syntax.keywords.begin(), syntax.keywords.end(), t) == syntax.keywords.end()) continue;
    const std::size_t before = out.size();
    syntax.read(s, k, out);
    if (out.size() > before) {
      // Python/Ruby: file level means column 0; brace languages: outside any block, except
      // C#/PHP namespace blocks, which is where their usings live.
      const bool in_column_0 = !indented(s.file().text(), s.tok(k).begin);
      out.back().top_level =
          syntax.inside_namespace_block ? in_column_0 || depth_brace <= 1 : depth_brace == 0 && in_column_0;
      k = std::max(k, out.back().range.end) - 1;
    }
  }
  return out;
}

}  // namespace capmig::lang
