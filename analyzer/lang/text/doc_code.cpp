#include "analyzer/lang/text/doc_code.h"

#include <algorithm>
#include <optional>

namespace capmig::lang {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

struct Line {
  std::size_t begin = 0, end = 0;  // end excludes the '\n'
};

std::vector<Line> lines_of(std::string_view text) {
  std::vector<Line> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    const std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    out.push_back({at, end});
    at = end + 1;
  }
  return out;
}

std::size_t indent_of(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return i;
}

bool all_blank(std::string_view s) { return std::all_of(s.begin(), s.end(), blank); }

// The first word of a fence's info string: "python", "{.js}", "js title=x", "ts:app.ts".
std::optional<Language> tag_language(std::string_view info) {
  std::size_t i = 0;
  while (i < info.size() && (blank(info[i]) || info[i] == '{' || info[i] == '.')) ++i;
  std::size_t j = i;
  while (j < info.size() && !blank(info[j]) && info[j] != '}' && info[j] != ',' && info[j] != ':' && info[j] != '=')
    ++j;
  return language_for_doc_tag(info.substr(i, j - i));
}

struct Block {
  Language language;
  std::size_t first_line, end_line;  // content lines [first, end)
};

void markdown_blocks(std::string_view text, const std::vector<Line>& lines, std::vector<Block>& out) {
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string_view line = text.substr(lines[n].begin, lines[n].end - lines[n].begin);
    const std::size_t ind = indent_of(line);
    const std::string_view rest = line.substr(ind);
    // {% highlight ruby %} … {% endhighlight %} (Jekyll, GitHub Pages)
    if (rest.starts_with("{%")) {
      std::size_t k = 2;
      while (k < rest.size() && blank(rest[k])) ++k;
      if (rest.substr(k).starts_with("highlight ")) {
        const auto lang = tag_language(rest.substr(k + 10));
        std::size_t m = n + 1;
        while (m < lines.size() && text.substr(lines[m].begin, lines[m].end - lines[m].begin).find("endhighlight") ==
                                       std::string_view::npos)
          ++m;
        if (lang) out.push_back({*lang, n + 1, m});
        n = m;
      }
      continue;
    }
    if (rest.size() < 3 || (rest[0] != '`' && rest[0] != '~')) continue;
    const char fence = rest[0];
    std::size_t len = 0;
    while (len < rest.size() && rest[len] == fence) ++len;
    if (len < 3) continue;
    const std::string_view info = rest.substr(len);
    if (fence == '`' && info.find('`') != std::string_view::npos) continue;  // inline code, not a fence
    const auto lang = tag_language(info);
    std::size_t m = n + 1;
    for (; m < lines.size(); ++m) {
      const std::string_view l = text.substr(lines[m].begin, lines[m].end - lines[m].begin);
      const std::string_view r = l.substr(indent_of(l));
      std::size_t c = 0;
      while (c < r.size() && r[c] == fence) ++c;
      if (c >= len && all_blank(r.substr(c))) break;
    }
    if (lang) out.push_back({*lang, n + 1, m});
    n = m;
  }
}

// `.. code-block:: python` (also `code::`, `sourcecode::`), options, a blank line, then the
// lines indented deeper than the directive.
void rst_blocks(std::string_view text, const std::vector<Line>& lines, std::vector<Block>& out) {
  static constexpr std::string_view kDirectives[] = {".. code-block::", ".. code::", ".. sourcecode::"};
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const std::string_view line = text.substr(lines[n].begin, lines[n].end - lines[n].begin);
    const std::size_t ind = indent_of(line);
    const std::string_view rest = line.substr(ind);
    std::optional<Language> lang;
    bool directive = false;
    for (std::string_view d : kDirectives)
      if (rest.starts_with(d)) {
        directive = true;
        lang = tag_language(rest.substr(d.size()));
      }
    if (!directive) continue;
    std::size_t m = n + 1;
    std::size_t first = m;
    for (; m < lines.size(); ++m) {
      const std::string_view l = text.substr(lines[m].begin, lines[m].end - lines[m].begin);
      if (all_blank(l)) continue;
      if (indent_of(l) <= ind) break;
    }
    if (lang) out.push_back({*lang, first, m});
    n = m - 1;
  }
}

enum class DocFormat { none, markdown, restructured_text };

DocFormat format_of(std::string_view rel_path) {
  const auto slash = rel_path.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? rel_path : rel_path.substr(slash + 1);
  const auto dot = base.find_last_of('.');
  if (dot == std::string_view::npos) return DocFormat::none;
  std::string ext(base.substr(dot + 1));
  for (char& c : ext) c = lower(c);
  if (ext == "md" || ext == "markdown" || ext == "mdx") return DocFormat::markdown;
  if (ext == "rst" || ext == "rest") return DocFormat::restructured_text;
  return DocFormat::none;
}

}  // namespace

std::vector<DocCode> documentation_code(std::string_view rel_path, std::string_view text) {
  std::vector<DocCode> out;
  const DocFormat format = format_of(rel_path);
  if (format == DocFormat::none) return out;
  const bool restructured_text = format == DocFormat::restructured_text;
  // Cheap refusal first: most documents have no block at all.
  if (restructured_text ? text.find(".. ") == std::string_view::npos
                        : text.find("```") == std::string_view::npos && text.find("~~~") == std::string_view::npos &&
                              text.find("highlight") == std::string_view::npos)
    return out;
  const std::vector<Line> lines = lines_of(text);
  std::vector<Block> blocks;
  if (restructured_text)
    rst_blocks(text, lines, blocks);
  else
    markdown_blocks(text, lines, blocks);
  for (const Block& b : blocks) {
    auto it = std::find_if(out.begin(), out.end(), [&](const DocCode& d) { return d.language == b.language; });
    if (it == out.end()) {
      DocCode d{b.language, std::string(text.size(), ' ')};
      for (const Line& l : lines)
        if (l.end < text.size()) d.text[l.end] = '\n';
      out.push_back(std::move(d));
      it = out.end() - 1;
    }
    if (b.first_line >= b.end_line) continue;
    const std::size_t from = lines[b.first_line].begin;
    const std::size_t to = lines[b.end_line - 1].end;
    std::copy(text.begin() + static_cast<std::ptrdiff_t>(from), text.begin() + static_cast<std::ptrdiff_t>(to),
              it->text.begin() + static_cast<std::ptrdiff_t>(from));
  }
  return out;
}

}  // namespace capmig::lang
