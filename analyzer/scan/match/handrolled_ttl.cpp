#include "analyzer/scan/match/handrolled_ttl.h"

#include <array>
#include <charconv>
#include <string>
#include <string_view>

namespace capmig::scan {
namespace {

constexpr std::uint32_t kNearLines = 40;  // an exp claim further away belongs to other code

// Reads of the current time an expiry is added to.
bool reads_now(std::string_view t) {
  for (std::string_view w : {"now", "Now", "time(", "time.time", "Time.", "Date", "Clock", "iat", "issued", "timestamp",
                             "NOW", "Instant", "currentTimeMillis"})
    if (t.find(w) != std::string_view::npos) return true;
  return false;
}

std::optional<long long> integer(std::string_view t) {
  long long v = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc() || r.ptr != t.data() + t.size() || v <= 0) return std::nullopt;
  return v;
}

// A key token naming the expiry claim: exp, "exp", 'exp', :exp; or C#'s `Expires =`.
bool expiry_key(const Syntax& s, std::size_t k, std::string_view text) {
  const Token& t = s.tok(k);
  const std::string_view word = t.text(text);
  if (t.kind == TokKind::string || t.kind == TokKind::symbol) return t.value.str() == "exp";
  return word == "exp" || word == "Expires";
}

// The expiry's value, from the token after the key's separator to the expression's end.
std::optional<TokenRange> expiry_value(const Syntax& s, std::size_t k) {
  std::size_t v = k + 1;
  if (v >= s.size()) return std::nullopt;
  // `exp: v`, `'exp' => v`, `"exp": v`, `Expires = v`, `claims.Add("exp", v)`, `"exp" => v`.
  if (s.is(v, ":") || s.is(v, "=>") || s.is(v, "=") || s.is(v, ","))
    ++v;
  else
    return std::nullopt;
  if (v >= s.size()) return std::nullopt;
  return TokenRange{v, s.expression_end(v)};
}

std::optional<Param> read_expiry(const MatchContext& ctx, TokenRange r, int depth) {
  const Syntax& s = ctx.syntax;
  if (r.end <= r.begin) return std::nullopt;
  // `exp: exp` where `const exp = now + 3600`: the name's one binding.
  if (r.end - r.begin == 1 && s.is_ident(r.begin) && depth < 2)
    if (const Assignment* a = ctx.eval.sole_binding(r)) return read_expiry(ctx, a->rhs, depth + 1);
  // now + ttl (either side): the operand that is not the current time.
  for (std::size_t k = r.begin; k < r.end; ++k) {
    if (s.partner(k) != npos && s.partner(k) > k) {
      k = s.partner(k);
      continue;
    }
    if (!s.is(k, "+")) continue;
    const TokenRange left{r.begin, k}, right{k + 1, r.end};
    const std::string lt = s.range_text(left), rt = s.range_text(right);
    const bool now_left = reads_now(lt), now_right = reads_now(rt);
    if (now_left == now_right) return std::nullopt;
    const TokenRange ttl = now_left ? right : left;
    Param p{now_left ? rt : lt, std::nullopt};
    if (ttl.end - ttl.begin == 1 && s.tok(ttl.begin).kind == TokKind::number)
      if (auto v = integer(s.tok(ttl.begin).text(s.file().text()))) p.value = boost::json::value(*v);
    return p;
  }
  // DateTime.UtcNow.AddSeconds(600) / AddMinutes / AddHours, Go's time.Now().Add(d).
  static constexpr std::array<std::pair<std::string_view, long long>, 5> kAdds{
      {{"AddSeconds", 1}, {"AddMinutes", 60}, {"AddHours", 3600}, {"AddDays", 86400}, {"Add", 0}}};
  for (std::size_t k = r.begin; k + 1 < r.end; ++k) {
    if (!s.is_ident(k) || !s.is(k + 1, "(")) continue;
    const std::string_view name = s.tok(k).text(s.file().text());
    for (const auto& [add, unit] : kAdds) {
      if (name != add) continue;
      const std::size_t close = s.partner(k + 1);
      if (close == npos || close > r.end || !reads_now(s.range_text({r.begin, k}))) return std::nullopt;
      const TokenRange arg{k + 2, close};
      if (unit == 0) {  // Go: a time.Duration, shown as written; time.Hour and the like are known
        Param p{s.range_text(arg), std::nullopt};
        for (const auto& [d, secs] : {std::pair{"time.Hour", 3600}, {"time.Minute", 60}, {"time.Second", 1}})
          if (p.text == d) p.value = boost::json::value(secs);
        return p;
      }
      Param p{s.range_text({k, close + 1}), std::nullopt};
      if (arg.end - arg.begin == 1 && s.tok(arg.begin).kind == TokKind::number)
        if (auto v = integer(s.tok(arg.begin).text(s.file().text()))) p.value = boost::json::value(*v * unit);
      return p;
    }
  }
  return std::nullopt;
}

// Token i sits inside a `{ … }` block (brace languages; elsewhere assumed so).
bool inside_block(const Syntax& s, std::size_t i) {
  if (!s.traits().brace_blocks) return true;
  for (std::size_t k = i; k-- > 0;) {
    const std::size_t p = s.partner(k);
    if (s.is(k, "{") && (p == npos || p > i)) return true;
    if (p != npos && p < k) k = p;  // a closed bracket before i: skip its inside
  }
  return false;
}

}  // namespace

std::optional<Param> handrolled_ttl(const MatchContext& ctx, std::size_t near) {
  const Syntax& s = ctx.syntax;
  const std::string_view text = ctx.file.text();
  // A scope format kept in a package constant is signed wherever it is used, not nearby.
  if (!inside_block(s, near)) return std::nullopt;
  const std::uint32_t line = ctx.file.line_of(s.begin_offset(near));
  std::optional<Param> best;
  std::uint32_t best_distance = kNearLines + 1;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (!expiry_key(s, k, text)) continue;
    const std::uint32_t at = ctx.file.line_of(s.begin_offset(k));
    const std::uint32_t distance = at > line ? at - line : line - at;
    if (distance >= best_distance) continue;
    const auto value = expiry_value(s, k);
    if (!value) continue;
    if (auto p = read_expiry(ctx, *value, 0)) {
      best = std::move(p);
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace capmig::scan
