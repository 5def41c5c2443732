#include "analyzer/scan/syntax/value.h"

#include <algorithm>
#include <charconv>

namespace capmig::scan {
namespace json = boost::json;
namespace {

constexpr int kMaxDepth = 4;  // names followed through at most this many bindings

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// 600, 3_600, 600L, 600n, 0x258, 600.0 (integral only).
std::optional<std::int64_t> integer_literal(std::string_view t) {
  std::string digits;
  int base = 10;
  if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
    base = 16;
    t.remove_prefix(2);
  }
  for (char c : t) {
    if (c == '_' || c == '\'') continue;
    digits += c;
  }
  while (!digits.empty() && one_of(std::string_view(&digits.back(), 1), {"L", "l", "n", "u", "U"})) digits.pop_back();
  if (base == 10 && digits.size() > 2 && digits.substr(digits.size() - 2) == ".0") digits.resize(digits.size() - 2);
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v, base);
  if (ec != std::errc() || p != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  return v;
}

}  // namespace

TokenRange Evaluator::trim_parens(TokenRange r) const {
  while (r.end - r.begin >= 2 && s_.is(r.begin, "(") && s_.partner(r.begin) == r.end - 1) {
    ++r.begin;
    --r.end;
  }
  return r;
}

const Assignment* Evaluator::sole_binding(TokenRange r) const {
  r = trim_parens(r);
  if (r.empty()) return nullptr;
  // The whole range must be one name or member chain.
  std::size_t first = 0;
  const std::string handle = s_.handle_ending_at(r.end - 1, &first);
  if (handle.empty() || first != r.begin) return nullptr;
  auto bindings = s_.assignments_to(handle);
  if (bindings.size() != 1) return nullptr;  // rebound or never bound here: not a constant
  if (bindings[0]->rhs.begin <= r.begin && r.begin < bindings[0]->rhs.end) return nullptr;
  return bindings[0];
}

std::optional<TokenRange> Evaluator::resolve(TokenRange r, int depth) const {
  r = trim_parens(r);
  if (r.empty() || depth > kMaxDepth) return std::nullopt;
  if (const Assignment* a = sole_binding(r)) return a->rhs;
  // Only a name or member chain resolves.
  std::size_t first = 0;
  const std::string handle = s_.handle_ending_at(r.end - 1, &first);
  if (handle.empty() || first != r.begin || r.end - r.begin < 3) return std::nullopt;
  // this.authToken / self.auth_token / $this->authToken: the field, when it is bound once.
  const auto head = s_.text(r.begin);
  if ((head == "this" || head == "self" || head == "$this") && r.end - r.begin == 3) {
    auto bindings = s_.assignments_to(s_.text(r.end - 1));
    if (bindings.size() == 1) return bindings[0]->rhs;
    return std::nullopt;
  }
  // config.twilio.appSid where config is bound once to an object literal.
  auto base = resolve({r.begin, r.end - 2}, depth + 1);
  if (!base) return std::nullopt;
  auto m = map_at(*base, depth + 1);
  if (!m || !m->complete) return std::nullopt;
  for (const auto& e : m->entries)
    if (e.key == s_.text(r.end - 1)) return e.value;
  return std::nullopt;
}

std::optional<json::value> Evaluator::value_of(TokenRange r, int depth) const {
  r = trim_parens(r);
  if (r.empty() || depth > kMaxDepth) return std::nullopt;
  // Ruby 'AP…'.freeze / .to_s: the same value.
  if (r.end - r.begin >= 3 && s_.is_member_op(r.end - 2) && s_.is_ident(r.end - 1) &&
      one_of(s_.text(r.end - 1), {"freeze", "to_s", "dup", "to_str"}))
    return value_of({r.begin, r.end - 2}, depth);
  // `generate(expires=600)` in Ruby or JavaScript: an assignment's value is what it passes.
  if (r.end - r.begin >= 3 && s_.is_ident(r.begin) && s_.is(r.begin + 1, "=") && !s_.traits().equals_named_args)
    return value_of({r.begin + 2, r.end}, depth + 1);
  const std::size_t n = r.end - r.begin;
  const Token& first = s_.tok(r.begin);
  if (n == 1) {
    switch (first.kind) {
      case TokKind::string:
        if (first.interpolated) return std::nullopt;
        return json::value(first.value.str());
      case TokKind::symbol:
        return json::value(first.value.str());
      case TokKind::number:
        if (auto v = integer_literal(s_.text(r.begin))) return json::value(*v);
        return std::nullopt;
      case TokKind::identifier: {
        const auto t = s_.text(r.begin);
        if (t == "true" || t == "True") return json::value(true);
        if (t == "false" || t == "False") return json::value(false);
        break;
      }
      default:
        break;
    }
  }
  // ObjC @"…" and Swift/C adjacency: a run of string literals, or literals joined by + / . / ~.
  {
    std::string joined;
    bool all_strings = true, all_numbers = true;
    bool ok = true;
    for (std::size_t i = r.begin; i < r.end && ok; ++i) {
      const Token& t = s_.tok(i);
      if (t.kind == TokKind::string && !t.interpolated) {
        all_numbers = false;
        joined += t.value;
      } else if (t.kind == TokKind::number) {
        all_strings = false;
        ok = integer_literal(s_.text(i)).has_value();
      } else if (s_.is(i, "@") && i + 1 < r.end && s_.tok(i + 1).kind == TokKind::string) {
        continue;
      } else if (!(s_.is(i, "+") || s_.is(i, ".") || s_.is(i, "*") || s_.is(i, "-"))) {
        ok = false;
      }
    }
    if (ok && n > 1 && all_strings) return json::value(joined);
    // Products like 60 * 60 * 24: only * and + of integers, evaluated left to right.
    if (ok && n > 1 && all_numbers) {
      std::int64_t acc = 0, term = 1;
      bool have_term = false;
      char op = '+';
      for (std::size_t i = r.begin; i < r.end; ++i) {
        if (s_.tok(i).kind == TokKind::number) {
          const auto v = *integer_literal(s_.text(i));
          // Overflow means the code does not compute a ttl we could state: no value.
          if (op == '*') {
            if (__builtin_mul_overflow(term, v, &term)) return std::nullopt;
          } else {
            if (have_term && __builtin_add_overflow(acc, term, &acc)) return std::nullopt;
            term = op == '-' ? -v : v;
          }
          have_term = true;
        } else {
          op = s_.text(i)[0];
        }
      }
      if (have_term && __builtin_add_overflow(acc, term, &acc)) return std::nullopt;
      return json::value(acc);
    }
  }
  if (auto target = resolve(r, depth)) return value_of(*target, depth + 1);
  if (auto m = map_at(r, depth); m && m->complete) {
    json::object o;
    for (const auto& e : m->entries) {
      auto v = value_of(e.value, depth + 1);
      if (!v || v->is_object() || v->is_array()) return std::nullopt;
      o[e.key] = *v;
    }
    return json::value(std::move(o));
  }
  return std::nullopt;
}

Param Evaluator::param(TokenRange r) const {
  Param p;
  p.text = s_.range_text(r);
  p.value = value_of(r, 0);
  return p;
}

std::optional<MapLiteral> Evaluator::map(TokenRange r) const { return map_at(r, 0); }

Param Evaluator::map_param(TokenRange r, const MapLiteral& m) const {
  Param p;
  p.text = s_.range_text(r);
  const TokenRange t = trim_parens(r);
  // `new { foo = "bar" }`: an object, not a dictionary a grant can take as it is.
  if (t.end > t.begin + 1 && s_.is_ident(t.begin) && s_.text(t.begin) == "new" && s_.is(t.begin + 1, "{"))
    p.expression = false;
  if (!m.complete) return p;
  for (const auto& e : m.entries) p.entries.emplace_back(e.key, s_.range_text(e.value));
  // Keys known, some values not: the object still says which parameters the code sends;
  // a null member is a value computed at run time.
  json::object o;
  for (const auto& e : m.entries) {
    auto v = value_of(e.value, 1);
    o[e.key] = (v && !v->is_object() && !v->is_array()) ? *v : json::value(nullptr);
  }
  p.value = json::value(std::move(o));
  return p;
}

namespace {

// Functions that build a map from their arguments, and how their arguments read.
enum class BuilderForm { entries, keyword_args, pairs };
constexpr std::pair<std::string_view, BuilderForm> kMapBuilders[] = {
    {"array", BuilderForm::entries},         // PHP array('k' => v)
    {"Hash", BuilderForm::entries},          // Ruby Hash['k' => v]
    {"dict", BuilderForm::keyword_args},     // Python dict(k=v, **other)
    {"mapOf", BuilderForm::entries},         // Kotlin mapOf("k" to v)
    {"hashMapOf", BuilderForm::entries},     //
    {"mutableMapOf", BuilderForm::entries},  //
    {"of", BuilderForm::pairs},              // Java Map.of(k1, v1, k2, v2), ImmutableMap.of(…)
    {"singletonMap", BuilderForm::pairs},    // Collections.singletonMap(k, v)
};

}  // namespace

std::optional<MapLiteral> Evaluator::map_at(TokenRange r, int depth) const {
  r = trim_parens(r);
  if (r.empty() || depth > kMaxDepth) return std::nullopt;
  const std::size_t b = r.begin, last = r.end - 1;
  if ((s_.is(b, "{") || s_.is(b, "[")) && s_.partner(b) == last) return bracket_literal(r);
  // Elixir %{"k" => v, k: v}
  if (s_.is(b, "%") && s_.is(b + 1, "{") && s_.partner(b + 1) == last) return bracket_literal({b + 1, r.end});
  if (s_.is_keyword(b, "new")) return new_expression(r);
  if (s_.starts_implicit_object(b)) return implicit_object(r);
  // Go map[string]string{"k": v}: the type, then the braced entries.
  if (s_.is_ident(b) && s_.text(b) == "map" && s_.is(b + 1, "[") && s_.is(last, "}")) {
    const std::size_t open = s_.partner(last);
    if (open != npos && open > b + 1) return bracket_literal({open, r.end});
  }
  if (std::optional<MapLiteral> built; builder_call(r, depth, built)) return built;
  // A name: the map it is bound to, plus the entries added to it later in the file.
  if (const Assignment* a = sole_binding(r)) {
    auto bound = map_at(a->rhs, depth + 1);
    if (!bound) return std::nullopt;
    add_mutations(a->handle, a->rhs.end, *bound);
    return bound;
  }
  return std::nullopt;
}

bool Evaluator::key_of(std::size_t k, std::string& key) const {
  const Token& t = s_.tok(k);
  if (t.kind == TokKind::string && !t.interpolated)
    key = t.value;
  else if (t.kind == TokKind::symbol)
    key = t.value;
  else if (t.kind == TokKind::identifier || t.kind == TokKind::number)
    key = std::string(s_.text(k));
  else
    return false;
  return true;
}

// One entry of a bracketed body: k: v, k => v, k = v (C# anonymous), k to v (Kotlin),
// {k, v} (C# collection initializer), [k] = v (C# index initializer), k (JS shorthand).
void Evaluator::add_entry(std::size_t from, std::size_t to, MapLiteral& m) const {
  if (from >= to) return;
  if (s_.is(from, "...") || s_.is(from, "**")) {
    m.complete = false;
    return;
  }
  std::string key;
  if (s_.is(from, "{") && s_.partner(from) == to - 1) {
    std::size_t comma = from + 1;
    while (comma < to - 1 && !s_.is(comma, ",")) ++comma;
    if (comma + 1 < to - 1 && key_of(from + 1, key) && comma == from + 2) {
      m.entries.push_back({key, {comma + 1, to - 1}});
      return;
    }
    m.complete = false;
    return;
  }
  if (s_.is(from, "[") && from + 3 < to && s_.is(from + 2, "]") && s_.is(from + 3, "=") && key_of(from + 1, key)) {
    m.entries.push_back({key, {from + 4, to}});
    return;
  }
  if (to - from >= 3 && key_of(from, key) &&
      (s_.is(from + 1, ":") || s_.is(from + 1, "=>") || s_.is(from + 1, "=") ||
       (s_.is_ident(from + 1) && s_.text(from + 1) == "to"))) {
    m.entries.push_back({key, {from + 2, to}});
    return;
  }
  if (to - from == 1 && s_.is_ident(from)) {
    m.entries.push_back({std::string(s_.text(from)), {from, to}});
    return;
  }
  m.complete = false;
}

// The comma-separated entries between tokens b and e (brackets excluded).
void Evaluator::add_entries(std::size_t b, std::size_t e, MapLiteral& m) const {
  std::size_t s = b;
  for (std::size_t i = b; i < e; ++i) {
    if (s_.tok(i).kind == TokKind::punct && s_.partner(i) != npos && s_.partner(i) > i && s_.partner(i) < e) {
      i = s_.partner(i);
      continue;
    }
    if (s_.is(i, ",")) {
      add_entry(s, i, m);
      s = i + 1;
    }
  }
  add_entry(s, e, m);
}

// { … } and [ … ]: a [ … ] is a list, unless it holds k => v or k: v pairs (PHP, Swift).
std::optional<MapLiteral> Evaluator::bracket_literal(TokenRange r) const {
  const std::size_t b = r.begin, last = r.end - 1;
  if (s_.is(b, "[")) {
    bool pairs = false;
    for (std::size_t i = b + 1; i < last; ++i) {
      if (s_.tok(i).kind == TokKind::punct && s_.partner(i) != npos && s_.partner(i) > i) {
        i = s_.partner(i);
        continue;
      }
      if (s_.is(i, "=>") || s_.is(i, ":")) pairs = true;
    }
    if (!pairs && last > b + 1) return std::nullopt;
  }
  MapLiteral m;
  add_entries(b + 1, last, m);
  return m;
}

// CoffeeScript's brace-less object: `k: v, k2: w`, or one `k: v` entry per line.
std::optional<MapLiteral> Evaluator::implicit_object(TokenRange r) const {
  MapLiteral m;
  for (std::size_t k = r.begin; k < r.end;) {
    if (!s_.starts_implicit_object(k)) {
      m.complete = false;
      break;
    }
    const std::size_t e = std::min(s_.expression_end(k + 2), r.end);
    m.entries.push_back({std::string(s_.text(k)), {k + 2, e}});
    k = e;
    if (s_.is(k, ",")) ++k;
  }
  return m;
}

// new { k = v } (C# anonymous object), new Dictionary<…> { {k, v} }, new HashMap<>() {{ put(k, v); }}
// (Java double brace), and new HashMap<>() with nothing yet (the caller adds its mutations).
std::optional<MapLiteral> Evaluator::new_expression(TokenRange r) const {
  const std::size_t b = r.begin, last = r.end - 1;
  MapLiteral m;
  if (s_.is(b + 1, "{") && s_.partner(b + 1) == last) {
    add_entries(b + 2, last, m);
    return m;
  }
  std::size_t i = b + 1;
  while (i < r.end && !s_.is(i, "(") && !s_.is(i, "{")) ++i;
  if (i < r.end && s_.is(i, "(") && s_.partner(i) != npos) i = s_.partner(i) + 1;
  if (i == r.end) return m;
  if (!s_.is(i, "{") || s_.partner(i) != last) return std::nullopt;
  if (!(s_.is(i + 1, "{") && s_.partner(i + 1) == last - 1)) {
    add_entries(i + 1, last, m);
    return m;
  }
  for (std::size_t k = i + 2; k + 1 < last; ++k) {
    if (s_.is_ident(k) && s_.text(k) == "put" && s_.is(k + 1, "(")) {
      auto c = s_.call_at(k);
      std::string key;
      if (c && c->args.size() == 2 && c->args[0].range.end - c->args[0].range.begin == 1 &&
          key_of(c->args[0].range.begin, key))
        m.entries.push_back({key, c->args[1].range});
      else
        m.complete = false;
    }
  }
  return m;
}

// A call to one of kMapBuilders spanning r: true, with `out` its map (or nullopt when its
// arguments do not read as one); false when r is not such a call.
bool Evaluator::builder_call(TokenRange r, int depth, std::optional<MapLiteral>& out) const {
  if (!s_.is_ident(r.begin)) return false;
  const std::size_t last = r.end - 1;
  std::size_t name = r.begin;
  while (name + 2 < r.end && s_.is_member_op(name + 1) && s_.is_ident(name + 2)) name += 2;
  if (!s_.is(name + 1, "(") || s_.partner(name + 1) != last) return false;
  auto c = s_.call_at(name);
  if (!c) return true;  // out stays empty: a call we cannot read
  const auto fn = s_.text(name);
  const auto* builder =
      std::find_if(std::begin(kMapBuilders), std::end(kMapBuilders), [&](const auto& row) { return row.first == fn; });
  if (builder == std::end(kMapBuilders)) return false;
  MapLiteral m;
  switch (builder->second) {
    case BuilderForm::entries:
      add_entries(name + 2, last, m);
      break;
    case BuilderForm::keyword_args:
      for (const auto& a : c->args) {
        if (!a.label.empty() && a.label != "**")
          m.entries.push_back({a.label, a.range});
        else if (auto inner = map_at(a.range, depth + 1)) {
          m.entries.insert(m.entries.end(), inner->entries.begin(), inner->entries.end());
          m.complete = m.complete && inner->complete;
        } else
          m.complete = false;
      }
      break;
    case BuilderForm::pairs:
      if (c->args.size() % 2 != 0) return true;
      for (std::size_t i = 0; i < c->args.size(); i += 2) {
        std::string key;
        const auto& ka = c->args[i].range;
        if (ka.end - ka.begin == 1 && key_of(ka.begin, key))
          m.entries.push_back({key, c->args[i + 1].range});
        else
          m.complete = false;
      }
      break;
  }
  out = std::move(m);
  return true;
}

void Evaluator::add_mutations(const std::string& handle, std::size_t after, MapLiteral& m) const {
  for (std::size_t i = after; i < s_.size(); ++i) {
    const std::size_t e = s_.handle_starting_at(i, handle);
    if (e == npos) continue;
    // params.put(k, v) / params.Add(k, v) / params.set(k, v)
    if (s_.is_member_op(e + 1) && s_.is_ident(e + 2)) {
      const auto method = s_.text(e + 2);
      auto c = s_.call_at(e + 2);
      if (c && one_of(method, {"put", "Add", "set", "store", "TryAdd", "putIfAbsent"}) && c->args.size() == 2) {
        const auto& ka = c->args[0].range;
        const Token& kt = s_.tok(ka.begin);
        if (ka.end - ka.begin == 1 && kt.kind == TokKind::string && !kt.interpolated)
          m.entries.push_back({kt.value, c->args[1].range});
        else
          m.complete = false;
      } else if (c) {
        if (!one_of(method, {"get", "Get", "containsKey", "ContainsKey", "fetch", "keys", "values", "size", "length",
                             "count", "Count", "each", "items", "toString", "ToString"}))
          m.complete = false;  // putAll, update, merge!…: contents no longer known
      }
      i = e;
      continue;
    }
    // params['k'] = v / $params['k'] = v / params[:k] = v
    if (s_.is(e + 1, "[") && s_.partner(e + 1) != npos) {
      const std::size_t close = s_.partner(e + 1);
      if (s_.is(close + 1, "=")) {
        const Token& kt = s_.tok(e + 2);
        if (close == e + 3 && (kt.kind == TokKind::string || kt.kind == TokKind::symbol) && !kt.interpolated)
          m.entries.push_back({kt.value, {close + 2, s_.expression_end(close + 2)}});
        else
          m.complete = false;
      }
      i = close;
      continue;
    }
  }
  // Later entries win, as they do at run time; keep the first position of each key.
  MapLiteral dedup;
  dedup.complete = m.complete;
  for (const auto& en : m.entries) {
    auto it =
        std::find_if(dedup.entries.begin(), dedup.entries.end(), [&](const MapEntry& d) { return d.key == en.key; });
    if (it == dedup.entries.end())
      dedup.entries.push_back(en);
    else
      it->value = en.value;
  }
  m = std::move(dedup);
}

std::optional<std::size_t> Evaluator::string_literal_token(TokenRange r) const {
  for (int depth = 0; depth <= kMaxDepth; ++depth) {
    r = trim_parens(r);
    // 'secret'.freeze, "secret".getBytes(UTF_8), "secret".to_s: still that literal.
    while (r.end - r.begin >= 3 && s_.tok(r.begin).kind == TokKind::string) {
      std::size_t k = r.begin + 1;
      if (!s_.is_member_op(k) || !s_.is_ident(k + 1) ||
          !one_of(s_.text(k + 1), {"freeze", "to_s", "dup", "getBytes", "toCharArray", "encode", "strip", "trim"}))
        break;
      std::size_t after = k + 2;
      if (s_.is(after, "(") && s_.partner(after) != npos) after = s_.partner(after) + 1;
      if (after != r.end) break;
      r.end = r.begin + 1;
    }
    if (r.end - r.begin == 1 && s_.tok(r.begin).kind == TokKind::string) return r.begin;
    if (r.end - r.begin == 2 && s_.is(r.begin, "@") && s_.tok(r.begin + 1).kind == TokKind::string) return r.begin + 1;
    // AUTH_TOKEN.getBytes(StandardCharsets.UTF_8): the name it is called on.
    if (r.end - r.begin >= 4 && s_.is_ident(r.begin) && s_.is_member_op(r.begin + 1) && s_.is_ident(r.begin + 2) &&
        one_of(s_.text(r.begin + 2), {"getBytes", "toCharArray", "encode", "freeze", "to_s"}) &&
        s_.is(r.begin + 3, "(") && s_.partner(r.begin + 3) == r.end - 1)
      r.end = r.begin + 1;
    auto target = resolve(r, depth);
    if (!target) return std::nullopt;
    r = *target;
  }
  return std::nullopt;
}

bool Evaluator::reads_environment(TokenRange r) const {
  for (std::size_t i = r.begin; i < r.end && i < s_.size(); ++i) {
    // lodash's get(process, 'env.TWILIO_AUTH_TOKEN'): the path names the environment.
    if (const Token& tk = s_.tok(i); tk.kind == TokKind::string) {
      if (!tk.interpolated && (tk.value.starts_with("env.") || tk.value.starts_with("process.env.")) && i > r.begin &&
          s_.is(i - 1, ",") && i >= 2 && s_.is_ident(i - 2) && one_of(s_.text(i - 2), {"process", "config"}))
        return true;
      continue;
    }
    if (!s_.is_ident(i)) continue;
    const auto t = s_.text(i);
    if (one_of(t, {"env", "environ", "getenv", "ENV", "$_ENV", "$_SERVER", "GetEnvironmentVariable", "AppSettings",
                   "ConfigurationManager", "credentials", "config", "settings", "Configuration", "dotenv", "secrets",
                   "fetch_env", "getProperty"}))
      return true;
  }
  return false;
}

}  // namespace capmig::scan
