#include "analyzer/report/patch_redaction.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <string_view>

#include "analyzer/scan/match/secret.h"

namespace capmig::report {
using scan::redact;
}

namespace capmig::report {
namespace {

struct SecretAt {
  std::uint32_t column = 0, end_column = 0;  // code points, end exclusive: the literal
  std::string shown;                         // how the finding shows it: "9bf3…"
};
// path -> line -> secrets on that line
using SecretIndex = std::map<std::string, std::multimap<std::uint32_t, SecretAt>, std::less<>>;

// Byte offset of the code point `column` (1-based) in `line`; npos past the end.
std::size_t byte_of_column(std::string_view line, std::uint32_t column) {
  std::uint32_t cp = 1;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
    if (cp == column) return i;
    ++cp;
  }
  return std::string_view::npos;
}

// The secret inside the literal at the finding's columns, if this line really holds it: its
// redaction must be what the finding shows.
std::optional<std::string> secret_in(std::string_view line, const SecretAt& s) {
  const auto b = byte_of_column(line, s.column), e = byte_of_column(line, s.end_column);
  if (b == std::string_view::npos || e == std::string_view::npos || e <= b) return std::nullopt;
  std::string_view literal = line.substr(b, e - b);
  const char q = literal.front();
  if (literal.size() >= 2 && (q == '"' || q == '\'' || q == '`') && literal.back() == q)
    literal = literal.substr(1, literal.size() - 2);
  if (literal.empty() || redact(literal) != s.shown) return std::nullopt;
  return std::string(literal);
}

void learn(const SecretIndex& index, std::string_view path, std::uint32_t line_no, std::string_view line,
           std::vector<std::string>& out) {
  auto file = index.find(path);
  if (file == index.end()) return;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  auto [lo, hi] = file->second.equal_range(line_no);
  for (auto it = lo; it != hi; ++it)
    if (auto secret = secret_in(line, it->second)) out.push_back(std::move(*secret));
}

// "@@ -12,7 +12,9 @@" -> 12
std::optional<std::uint32_t> hunk_old_start(std::string_view line) {
  if (!line.starts_with("@@ -")) return std::nullopt;
  std::uint32_t n = 0;
  const char* begin = line.data() + 4;
  auto [ptr, ec] = std::from_chars(begin, line.data() + line.size(), n);
  if (ec != std::errc()) return std::nullopt;
  return n;
}

}  // namespace

PatchRedactor::PatchRedactor(const fix::FixReport* fixes) {
  if (!fixes) return;
  SecretIndex index;
  for (const auto& f : fixes->scan.findings) {
    if (f.category != Category::hardcoded_secret || f.location.line == 0 || f.location.end_line != f.location.line)
      continue;
    // The finding shows the secret redacted in its parameter (auth_token, or the API key
    // secret a regex rule names).
    for (const auto& [name, p] : f.capability.fields) {
      if (!p.value || !p.value->is_string() || !std::string_view(p.value->get_string()).ends_with("\u2026")) continue;
      index[f.path].emplace(f.location.line,
                            SecretAt{f.location.column, f.location.end_column, std::string(p.value->get_string())});
      break;
    }
  }
  if (index.empty()) return;

  auto each_line = [](std::string_view text, auto&& fn) {
    while (!text.empty()) {
      const auto eol = text.find('\n');
      fn(text.substr(0, eol));
      if (eol == std::string_view::npos) break;
      text.remove_prefix(eol + 1);
    }
  };
  // The lines a rewrite touches start at its first edit's line.
  auto learn_rewrite = [&](const std::string& path, const std::vector<fix::Edit>& edits, std::string_view before) {
    if (edits.empty() || before.empty()) return;
    std::uint32_t line_no = edits.front().line;
    for (const auto& e : edits)
      if (e.line > 0) line_no = std::min(line_no, e.line);
    each_line(before, [&](std::string_view line) { learn(index, path, line_no++, line, secrets_); });
  };
  for (const auto& r : fixes->rewrites) {
    learn_rewrite(r.path, r.edits, r.before);
    if (r.draft) learn_rewrite(r.path, r.draft->edits, r.draft->before);  // reports show drafts too
  }
  // Context and removed lines of each hunk carry the original file's line numbers.
  for (const auto& file : fixes->files) {
    std::uint32_t old_line = 0;
    bool in_hunk = false;
    each_line(file.diff, [&](std::string_view line) {
      if (auto start = hunk_old_start(line)) {
        old_line = *start;
        in_hunk = true;
      } else if (in_hunk && !line.empty() && (line[0] == ' ' || line[0] == '-')) {
        learn(index, file.path, old_line++, line.substr(1), secrets_);
      } else if (in_hunk && (line.empty() || (line[0] != '+' && line[0] != '\\'))) {
        in_hunk = false;  // the next file's header
      }
    });
  }
  std::sort(secrets_.begin(), secrets_.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  secrets_.erase(std::unique(secrets_.begin(), secrets_.end()), secrets_.end());
}

std::string PatchRedactor::operator()(std::string text) const {
  // Whole tokens only: the same hex digits may also end an AC…/AP… SID, which stays as it is.
  auto word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  for (const auto& s : secrets_) {
    const std::string shown = redact(s);
    for (std::size_t pos = text.find(s); pos != std::string::npos;) {
      const std::size_t end = pos + s.size();
      if ((pos > 0 && word(text[pos - 1])) || (end < text.size() && word(text[end]))) {
        pos = text.find(s, pos + 1);
        continue;
      }
      text.replace(pos, s.size(), shown);
      pos = text.find(s, pos + shown.size());
    }
  }
  return text;
}

}  // namespace capmig::report
