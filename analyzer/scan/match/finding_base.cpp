#include <algorithm>

#include "analyzer/core/utf8.h"
#include "analyzer/scan/match/context.h"

namespace capmig::scan {

namespace {
constexpr std::size_t kMaxSnippetBytes = 2000;
constexpr std::size_t kMaxSnippetLines = 30;
}  // namespace

Finding make_finding(const Rule& rule, const MatchContext& ctx, std::uint32_t begin, std::uint32_t end) {
  Finding f;
  f.rule_id = rule.summary.id;
  f.category = rule.summary.category;
  f.severity = rule.summary.severity;
  f.language = ctx.file.language();
  f.path = ctx.file.path();
  f.location = ctx.file.locate(begin, end);
  f.message = rule.summary.message;
  // The lines the construct spans, bounded: a minified file is one very long line.
  std::string_view lines = ctx.file.lines_of(begin, end);
  std::string snippet;
  if (lines.size() > kMaxSnippetBytes) {
    const std::size_t line_start = static_cast<std::size_t>(lines.data() - ctx.file.text().data());
    const std::size_t from = begin > line_start + 200 ? begin - 200 : line_start;
    snippet = std::string(ctx.file.text().substr(from, std::min<std::size_t>(kMaxSnippetBytes, lines.size())));
  } else {
    std::size_t n = 0, cut = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (lines[i] == '\n' && ++n == kMaxSnippetLines) {
        cut = i;
        break;
      }
    snippet = std::string(lines.substr(0, cut));
  }
  f.snippet = valid_utf8(snippet);
  return f;
}

CapabilityParameters mapping_input_for(const Rule& rule, CapabilityParameters params) {
  auto& fields = params.fields;
  for (const auto& [k, v] : rule.defaults)
    if (!fields.count(k)) fields[k] = Param{"(library default)", v};
  if (rule.outgoing_client_name_from_incoming && fields.count("outgoing_application_sid") &&
      fields.count("incoming_client_name") && !fields.count("outgoing_client_name"))
    fields["outgoing_client_name"] = fields["incoming_client_name"];
  return params;
}

}  // namespace capmig::scan
