#include "analyzer/scan/match/secret_site.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "analyzer/scan/match/secret.h"

namespace capmig::scan {

std::string squeezed(std::string_view s) {
  std::string out;
  for (char c : s)
    if (alnum_byte(c)) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string_view line_before(std::string_view text, std::size_t at) {
  std::size_t b = at;
  while (b > 0 && text[b - 1] != '\n' && at - b < kSecretLookBehind) --b;
  return text.substr(b, at - b);
}

bool after_sid(std::string_view text, std::size_t at, std::string_view prefix) {
  const std::string_view before =
      text.substr(at > kSecretLookBehind ? at - kSecretLookBehind : 0, std::min(at, kSecretLookBehind));
  std::size_t e = before.size();
  while (e > 0 && std::string_view(" \t\r\n\"'`,").find(before[e - 1]) != std::string_view::npos) --e;
  if (e < 34) return false;
  const std::string_view sid = before.substr(e - 34, 34);
  return sid.starts_with(prefix) && std::all_of(sid.begin() + 2, sid.end(), hex_byte) &&
         (e == 34 || !word_byte(before[e - 35]));
}

namespace {

bool word_char(char c) { return word_byte(c) || c == '$'; }  // PHP's $name included

// The name a value at `at` is assigned to on its line: `token = '`, `$token = "`, `token: '`.
std::string_view assigned_name(std::string_view text, std::size_t at) {
  const std::string_view before = line_before(text, at);
  std::size_t e = before.size();
  if (e > 0 && (before[e - 1] == '"' || before[e - 1] == '\'')) --e;
  while (e > 0 && (before[e - 1] == ' ' || before[e - 1] == '\t')) --e;
  if (e == 0 || (before[e - 1] != '=' && before[e - 1] != ':')) return {};
  --e;
  if (e > 0 && std::string_view("=!<>:").find(before[e - 1]) != std::string_view::npos) return {};  // ==, !=, ::
  while (e > 0 && (before[e - 1] == ' ' || before[e - 1] == '\t')) --e;
  std::size_t b = e;
  while (b > 0 && word_char(before[b - 1])) --b;
  return before.substr(b, e - b);
}

// Whether `name` is bound in `text` to a quoted literal SID: `name = 'AC…'`, `name: "AC…"`.
bool bound_to_sid(std::string_view text, std::string_view name, std::string_view prefix) {
  for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    if ((at > 0 && word_char(text[at - 1])) || (at + name.size() < text.size() && word_char(text[at + name.size()])))
      continue;
    std::size_t k = at + name.size();
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    if (k >= text.size() || (text[k] != '=' && text[k] != ':')) continue;
    ++k;
    while (k < text.size() && (text[k] == ' ' || text[k] == '\t')) ++k;
    if (k >= text.size() || (text[k] != '"' && text[k] != '\'')) continue;
    ++k;
    if (text.substr(k, 2) != prefix || k + 34 > text.size()) continue;
    const std::string_view hex = text.substr(k + 2, 32);
    if (std::all_of(hex.begin(), hex.end(), hex_byte) && (k + 34 == text.size() || !word_char(text[k + 34])))
      return true;
  }
  return false;
}

}  // namespace

bool named_after_sid(std::string_view text, std::size_t at, std::string_view prefix) {
  const std::string_view name = assigned_name(text, at);
  if (name.empty() || name.size() > 64) return false;
  // Each use of the name as an argument after another: `(account, token)`, `(account,token`.
  for (std::size_t u = text.find(name); u != std::string_view::npos; u = text.find(name, u + 1)) {
    if ((u > 0 && word_char(text[u - 1])) || (u + name.size() < text.size() && word_char(text[u + name.size()])))
      continue;
    std::size_t k = u;
    while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\n' || text[k - 1] == '\r')) --k;
    if (k == 0 || text[k - 1] != ',') continue;
    --k;
    while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\n' || text[k - 1] == '\r')) --k;
    std::size_t b = k;
    while (b > 0 && word_char(text[b - 1])) --b;
    if (b == k || (b > 0 && std::string_view("(,").find(text[b - 1]) == std::string_view::npos && text[b - 1] != ' '))
      continue;
    if (bound_to_sid(text, text.substr(b, k - b), prefix)) return true;
  }
  return false;
}

Finding* report_secret(const Rule& rule, MatchContext& ctx, std::size_t b, std::size_t e, std::string_view what) {
  const bool literal = ctx.file.language() == Language::text ||
                       ctx.syntax.in_string(static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
  if (!literal || std::any_of(ctx.out.begin(), ctx.out.end(), [&](const Finding& f) {
        return f.category == Category::hardcoded_secret && f.location.begin_offset <= b && b < f.location.end_offset;
      }))
    return nullptr;
  const std::string_view value = ctx.file.text().substr(b, e - b);
  Finding f = make_finding(rule, ctx, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
  f.message = "Hard-coded Twilio " + std::string(what) + " (" + redact(value) + ")";
  f.snippet = redact_in(f.snippet, value);
  ctx.out.push_back(std::move(f));
  return &ctx.out.back();
}

}  // namespace capmig::scan
