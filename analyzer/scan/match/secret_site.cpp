#include "analyzer/scan/match/secret_site.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "analyzer/scan/match/secret.h"

namespace capmig::scan {

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
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  return sid.starts_with(prefix) && std::all_of(sid.begin() + 2, sid.end(), hex) && (e == 34 || !word(before[e - 35]));
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
