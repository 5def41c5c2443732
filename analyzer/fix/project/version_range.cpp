#include "analyzer/fix/project/version_range.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace capmig::fix {

namespace {

constexpr std::array<std::pair<std::string_view, Ecosystem>, 6> kEcosystems{{
    {"npm", Ecosystem::npm},
    {"pypi", Ecosystem::pypi},
    {"gem", Ecosystem::gem},
    {"composer", Ecosystem::composer},
    {"nuget", Ecosystem::nuget},
    {"maven", Ecosystem::maven},
}};

bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Version parts saturate here (no release numbers near it), so arithmetic never overflows and
// every part prints back to itself.
constexpr long kMaxPart = 1'000'000'000'000L;
bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// A version that may end in a wildcard part: "2.x", "5.*", "7.+", or just "2" (npm: any 2.y.z).
struct Partial {
  Version v;
  bool wildcard = false;
};

std::optional<Partial> parse_partial(std::string_view t) {
  while (!t.empty() && (t.front() == 'v' || t.front() == 'V' || t.front() == '=')) t.remove_prefix(1);
  Partial p;
  std::size_t i = 0;
  while (i < t.size() && p.v.given < 4) {
    if (t[i] == 'x' || t[i] == 'X' || t[i] == '*' || t[i] == '+') {
      p.wildcard = true;
      break;
    }
    if (!digit(t[i])) break;
    long n = 0;
    while (i < t.size() && digit(t[i])) {
      n = std::min(n * 10 + (t[i] - '0'), kMaxPart);
      ++i;
    }
    p.v.parts[static_cast<std::size_t>(p.v.given++)] = n;
    if (i < t.size() && t[i] == '.') {
      ++i;
      continue;
    }
    break;
  }
  if (p.v.given == 0) return std::nullopt;
  return p;
}

// The first version past every one that starts with v's parts [0, keep).
Version bump(Version v, int keep) {
  keep = std::clamp(keep, 1, 4);
  const auto k = static_cast<std::size_t>(keep - 1);
  if (v.parts[k] < kMaxPart) ++v.parts[k];
  for (std::size_t j = k + 1; j < v.parts.size(); ++j) v.parts[j] = 0;
  v.given = keep;
  return v;
}

// Any version: a range with no bounds.
VersionRange any() { return {}; }

VersionRange exactly(const Partial& p) {
  VersionRange r;
  r.low = p.v;
  if (p.wildcard || p.v.given < 3) {
    // "2.x", "5.*", and npm's bare "2" or "2.1" mean every release under that prefix.
    r.high = bump(p.v, p.v.given);
  } else {
    r.high = p.v;
    r.high_inclusive = true;
  }
  return r;
}

VersionRange intersect(VersionRange a, const VersionRange& b) {
  if (b.low && (!a.low || *b.low > *a.low)) a.low = b.low;
  if (b.high) {
    if (!a.high || *b.high < *a.high) {
      a.high = b.high;
      a.high_inclusive = b.high_inclusive;
    } else if (*b.high == *a.high) {
      a.high_inclusive = a.high_inclusive && b.high_inclusive;
    }
  }
  return a;
}

VersionRange hull(VersionRange a, const VersionRange& b) {
  if (!b.low || (a.low && *b.low < *a.low)) a.low = b.low;
  if (!a.high || !b.high) {
    a.high.reset();
  } else if (*b.high > *a.high) {
    a.high = b.high;
    a.high_inclusive = b.high_inclusive;
  } else if (*b.high == *a.high) {
    a.high_inclusive = a.high_inclusive || b.high_inclusive;
  }
  return a;
}

// One comparator: an operator and a version ("^2.11.1", ">= 6", "~> 4.11", "5.7.0").
std::optional<VersionRange> comparator(std::string_view op, std::string_view version, Ecosystem eco) {
  const auto p = parse_partial(version);
  if (!p) return std::nullopt;
  VersionRange r;
  const int given = p->v.given;
  if (op.empty() || op == "=" || op == "==" || op == "===") return exactly(*p);
  if (op == "!=") return any();
  if (op == ">=" || op == ">") {
    r.low = p->v;
    return r;
  }
  if (op == "<") {
    r.high = p->v;
    return r;
  }
  if (op == "<=") {
    r.high = p->v;
    r.high_inclusive = true;
    return r;
  }
  r.low = p->v;
  if (op == "^") {
    // The left-most non-zero part may not change: ^2.11.1 < 3, ^0.2.3 < 0.3.
    int keep = 1;
    while (keep < given && p->v.parts[static_cast<std::size_t>(keep - 1)] == 0) ++keep;
    r.high = bump(p->v, keep);
    return r;
  }
  if (op == "~" && (eco == Ecosystem::npm || eco == Ecosystem::pypi)) {
    // npm and Poetry: ~1.2.3 and ~1.2 < 1.3; ~1 < 2.
    r.high = bump(p->v, given >= 2 ? 2 : 1);
    return r;
  }
  if (op == "~" || op == "~>" || op == "~=") {
    // Composer ~, RubyGems ~>, pip ~=: the last given part may grow; ~> 4.11 < 5, ~> 4.11.1 < 4.12.
    r.high = bump(p->v, std::max(1, given - 1));
    return r;
  }
  return std::nullopt;
}

// Maven and NuGet intervals: "[5.0,6.0)", "[5.0,)", "(,1.0]", "[1.2]", several joined by ','.
std::optional<VersionRange> intervals(std::string_view s) {
  std::optional<VersionRange> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (space(s[i]) || s[i] == ',')) ++i;
    if (i >= s.size()) break;
    if (s[i] != '[' && s[i] != '(') return std::nullopt;
    const std::size_t close = s.find_first_of("])", i);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view body = s.substr(i + 1, close - i - 1);
    const bool high_inclusive = s[close] == ']';
    VersionRange r;
    const std::size_t comma = body.find(',');
    if (comma == std::string_view::npos) {
      const auto p = parse_partial(body);
      if (!p) return std::nullopt;
      r.low = r.high = p->v;
      r.high_inclusive = true;
    } else {
      if (const auto lo = parse_partial(body.substr(0, comma))) r.low = lo->v;
      if (const auto hi = parse_partial(body.substr(comma + 1))) {
        r.high = hi->v;
        r.high_inclusive = high_inclusive;
      }
    }
    out = out ? hull(*out, r) : r;
    i = close + 1;
  }
  return out;
}

bool operator_char(char c) { return c == '<' || c == '>' || c == '=' || c == '~' || c == '^' || c == '!'; }

// One alternative: comparators joined by ',' or spaces (all must hold), or "a - b".
std::optional<VersionRange> conjunction(std::string_view s, Ecosystem eco) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (space(s[i]) || s[i] == ',')) ++i;
    const std::size_t b = i;
    while (i < s.size() && !space(s[i]) && s[i] != ',') ++i;
    if (i > b) words.push_back(s.substr(b, i - b));
  }
  VersionRange r = any();
  bool bounded = false;
  for (std::size_t w = 0; w < words.size(); ++w) {
    if (w + 2 < words.size() && words[w + 1] == "-") {  // npm hyphen range, both ends included
      const auto lo = comparator(">=", words[w], eco);
      const auto hi = comparator("<=", words[w + 2], eco);
      if (!lo || !hi) return std::nullopt;
      r = intersect(intersect(r, *lo), *hi);
      bounded = true;
      w += 2;
      continue;
    }
    std::string_view word = words[w];
    std::size_t op_len = 0;
    while (op_len < word.size() && operator_char(word[op_len])) ++op_len;
    std::string_view op = word.substr(0, op_len), version = word.substr(op_len);
    if (version.empty() && w + 1 < words.size()) version = words[++w];  // "~> 4.11", ">= 6"
    const auto c = comparator(op, version, eco);
    if (!c) return std::nullopt;
    r = intersect(r, *c);
    bounded = true;
  }
  if (!bounded) return std::nullopt;
  return r;
}

}  // namespace

std::optional<Ecosystem> ecosystem_from_string(std::string_view name) {
  for (const auto& [n, e] : kEcosystems)
    if (n == name) return e;
  return std::nullopt;
}

std::string_view to_string(Ecosystem e) {
  for (const auto& [n, x] : kEcosystems)
    if (x == e) return n;
  return "?";
}

std::string Version::str() const {
  std::string out;
  for (int i = 0; i < std::max(given, 1); ++i)
    out += (i ? "." : "") + std::to_string(parts[static_cast<std::size_t>(i)]);
  return out;
}

std::optional<Version> parse_version(std::string_view text) {
  const auto p = parse_partial(text);
  if (!p) return std::nullopt;
  return p->v;
}

bool VersionRange::all_below(const Version& v) const { return high && (*high < v || (*high == v && !high_inclusive)); }

bool VersionRange::all_at_least(const Version& v) const { return low && *low >= v; }

std::optional<VersionRange> parse_range(std::string_view spec, Ecosystem ecosystem) {
  while (!spec.empty() && space(spec.front())) spec.remove_prefix(1);
  while (!spec.empty() && space(spec.back())) spec.remove_suffix(1);
  if (spec.empty() || std::none_of(spec.begin(), spec.end(), digit)) return std::nullopt;
  // A URL, a path, a branch or a variable names no release.
  for (std::string_view bad : {"://", "git", "file:", "link:", "dev-", "${", "$", "@", "#", "/"})
    if (spec.find(bad) != std::string_view::npos) return std::nullopt;
  if (spec.front() == '[' || spec.front() == '(') return intervals(spec);
  std::optional<VersionRange> out;
  std::size_t b = 0;
  while (b <= spec.size()) {
    std::size_t e = spec.find('|', b);
    if (e == std::string_view::npos) e = spec.size();
    const std::string_view alt = spec.substr(b, e - b);
    if (alt.find_first_not_of(" \t") != std::string_view::npos) {
      const auto r = conjunction(alt, ecosystem);
      if (!r) return std::nullopt;
      out = out ? hull(*out, *r) : *r;
    }
    b = e + 1;
    while (b < spec.size() && spec[b] == '|') ++b;  // "||" (npm) as "|" (Composer)
  }
  return out;
}

}  // namespace capmig::fix
