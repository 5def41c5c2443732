#include "analyzer/scan/syntax/transform.h"

#include <array>
#include <cstdint>
#include <utility>

namespace capmig::scan {
namespace json = boost::json;
namespace {

// Ruby's ActiveSupport units (`2.hours`).
std::int64_t unit_seconds(std::string_view u) {
  if (u == "second" || u == "seconds") return 1;
  if (u == "minute" || u == "minutes") return 60;
  if (u == "hour" || u == "hours") return 3600;
  if (u == "day" || u == "days") return 86400;
  return 0;
}

// Go's time package constants (sub-second units give no whole seconds).
std::int64_t go_unit_seconds(std::string_view u) {
  if (u == "Second") return 1;
  if (u == "Minute") return 60;
  if (u == "Hour") return 3600;
  return 0;
}

std::optional<std::int64_t> int_value(const Evaluator& ev, TokenRange r) {
  if (r.empty()) return std::nullopt;
  const Param p = ev.param(r);
  if (p.value && p.value->is_int64()) return p.value->get_int64();
  return std::nullopt;
}

// An absolute expiry as a ttl: Ruby `2.hours.from_now` / `600.seconds.from_now` /
// `Time.now + 600`.
Param from_now(const Syntax& s, const Evaluator& ev, TokenRange r) {
  Param out{s.range_text(r), std::nullopt};
  if (r.end >= r.begin + 5 && s.is_ident(r.end - 1) && s.text(r.end - 1) == "from_now" && s.is_member_op(r.end - 2) &&
      s.is_ident(r.end - 3) && s.is_member_op(r.end - 4)) {
    const auto n = int_value(ev, {r.begin, r.end - 4});
    if (const auto f = unit_seconds(s.text(r.end - 3)); f && n) out.value = json::value(*n * f);
  } else if (r.end >= r.begin + 5 && s.is_ident(r.begin) && s.text(r.begin) == "Time" && s.is_member_op(r.begin + 1) &&
             s.text(r.begin + 2) == "now" && s.is(r.begin + 3, "+")) {
    if (const auto n = int_value(ev, {r.begin + 4, r.end})) out.value = json::value(*n);
  }
  return out;
}

// .NET: the seconds in DateTime.UtcNow.AddSeconds(600) / AddMinutes / AddHours, or in
// TimeSpan.FromMinutes(10).
Param datetime_offset(const Syntax& s, const Evaluator& ev, TokenRange r) {
  Param out{s.range_text(r), std::nullopt};
  for (std::size_t k = r.begin; k + 1 < r.end; ++k) {
    if (!s.is_ident(k) || !s.is(k + 1, "(")) continue;
    const auto t = s.text(k);
    const std::int64_t factor = t == "AddSeconds" || t == "FromSeconds"   ? 1
                                : t == "AddMinutes" || t == "FromMinutes" ? 60
                                : t == "AddHours" || t == "FromHours"     ? 3600
                                                                          : 0;
    if (!factor) continue;
    auto c = s.call_at(k);
    if (!c || c->args.size() != 1) continue;
    if (const auto n = int_value(ev, c->args[0].range)) out.value = json::value(*n * factor);
    return out;
  }
  return out;
}

// Go's time.Duration: `time.Hour`, `10 * time.Minute`, `time.Second * 600`,
// `time.Duration(ttl) * time.Second`.
Param duration(const Syntax& s, const Evaluator& ev, TokenRange r) {
  Param out{s.range_text(r), std::nullopt};
  // The `time.Unit` at one end of r, and what multiplies it.
  const auto unit_at = [&](std::size_t k) -> std::int64_t {
    if (k + 2 >= s.size() || !s.is_ident(k) || s.text(k) != "time" || !s.is_member_op(k + 1) || !s.is_ident(k + 2))
      return 0;
    return go_unit_seconds(s.text(k + 2));
  };
  std::int64_t unit = 0;
  TokenRange factor{};
  if (r.end == r.begin + 3 && (unit = unit_at(r.begin))) {
    out.value = json::value(unit);
    return out;
  }
  if (r.end >= r.begin + 5 && (unit = unit_at(r.end - 3)) && s.is(r.end - 4, "*")) {
    factor = {r.begin, r.end - 4};
  } else if (r.end >= r.begin + 5 && (unit = unit_at(r.begin)) && s.is(r.begin + 3, "*")) {
    factor = {r.begin + 4, r.end};
  } else {
    return out;
  }
  // time.Duration(n): a conversion, not a unit.
  if (factor.end >= factor.begin + 6 && s.text(factor.begin) == "time" && s.text(factor.begin + 2) == "Duration" &&
      s.is(factor.begin + 3, "(") && s.partner(factor.begin + 3) == factor.end - 1)
    factor = {factor.begin + 4, factor.end - 1};
  if (const auto n = int_value(ev, factor)) out.value = json::value(*n * unit);
  return out;
}

using Transform = Param (*)(const Syntax&, const Evaluator&, TokenRange);
constexpr std::array<std::pair<std::string_view, Transform>, 3> kTransforms{{
    {"datetime-offset", datetime_offset},
    {"from-now", from_now},
    {"duration", duration},
}};

}  // namespace

bool known_transform(std::string_view name) {
  for (const auto& [n, f] : kTransforms)
    if (n == name) return true;
  return false;
}

Param transformed(std::string_view name, const Syntax& s, const Evaluator& ev, TokenRange r) {
  for (const auto& [n, f] : kTransforms)
    if (n == name) return f(s, ev, r);
  return Param{s.range_text(r), std::nullopt};
}

}  // namespace capmig::scan
