#include "analyzer/lang/syntax.h"

#include <algorithm>
#include <array>

#include "analyzer/lang/lex_support.h"

namespace capmig::lang {
namespace {

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Words that cannot start an argument of a Ruby or CoffeeScript paren-less call: they continue
// or end the statement instead (`x.generate if ok`, `cap.generate do … end`, `… for n in names`).
bool ruby_stop_word(std::string_view s) {
  return one_of(s, {"if",  "unless", "do",   "and",   "or",   "then",   "end", "while", "until", "rescue",
                    "not", "in",     "else", "elsif", "when", "ensure", "for", "is",    "isnt",  "of"});
}

}  // namespace

Syntax::Syntax(const SourceFile& file)
    : file_(file), traits_(traits_for(file.language())), partner_(file.tokens().size(), npos) {
  // Bracket pairs in one pass; a mismatched closer is left unpaired rather than unwinding the
  // stack, so one stray bracket in broken code does not unpair the rest of the file.
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < size(); ++i) {
    if (tok(i).kind != TokKind::punct) continue;
    const auto t = text(i);
    if (t == "(" || t == "[" || t == "{") {
      stack.push_back(i);
    } else if (t == ")" || t == "]" || t == "}") {
      if (stack.empty()) continue;
      const char open = text(stack.back())[0];
      if ((open == '(' && t == ")") || (open == '[' && t == "]") || (open == '{' && t == "}")) {
        partner_[i] = stack.back();
        partner_[stack.back()] = i;
        stack.pop_back();
      }
    }
  }
  index_assignments();
}

bool Syntax::is(std::size_t i, std::string_view punct) const {
  return i < size() && tok(i).kind == TokKind::punct && text(i) == punct;
}

bool Syntax::is_ident(std::size_t i) const { return i < size() && tok(i).kind == TokKind::identifier; }

bool Syntax::is_keyword(std::size_t i, std::string_view lower) const {
  if (!is_ident(i)) return false;
  return traits_.case_insensitive_keywords ? lexsupport::equals_lower(text(i), lower) : text(i) == lower;
}

bool Syntax::in_string(std::uint32_t begin, std::uint32_t end) const {
  const auto& toks = file_.tokens();
  // The first token ending after `begin`.
  const auto it = std::partition_point(toks.begin(), toks.end(), [&](const Token& t) { return t.end <= begin; });
  return it != toks.end() && it->kind == TokKind::string && it->begin <= begin && it->end >= end;
}

bool Syntax::is_member_op(std::size_t i) const {
  if (i >= size() || tok(i).kind != TokKind::punct) return false;
  const auto t = text(i);
  return std::find(traits_.member_ops.begin(), traits_.member_ops.end(), t) != traits_.member_ops.end();
}

std::string Syntax::range_text(TokenRange r) const {
  if (r.empty() || r.end > size()) return {};
  const auto b = tok(r.begin).begin, e = tok(r.end - 1).end;
  return std::string(file_.text().substr(b, e - b));
}

bool Syntax::ends_statement_at_newline(std::size_t i) const {
  if (traits_.semicolon_statements || i == 0 || i >= size() || !tok(i).newline_before) return false;
  // A line that starts with a member operator continues a chain (`.scopes(…)` on its own line).
  if (is_member_op(i)) return false;
  const Token& prev = tok(i - 1);
  if (prev.kind == TokKind::punct) {
    const auto p = text(i - 1);
    // Python's `def f():` / `if x:`, CoffeeScript's `(x) ->` at a line's end open a block: the
    // next line is a new statement.
    if (std::find(traits_.block_openers.begin(), traits_.block_openers.end(), p) != traits_.block_openers.end())
      return true;
    // After an operator or an opening bracket the expression continues on the next line.
    return p == ")" || p == "]" || p == "}";
  }
  return true;
}

std::size_t Syntax::expression_end(std::size_t from) const {
  std::size_t i = from;
  while (i < size()) {
    if (i > from && ends_statement_at_newline(i)) break;
    if (tok(i).kind == TokKind::punct) {
      const auto t = text(i);
      if (t == "(" || t == "[" || t == "{") {
        if (partner_[i] == npos) return size();
        i = partner_[i] + 1;
        continue;
      }
      if (t == "<" && i > from) {
        // `new Dictionary<string, string>`: a generic argument list, not a comparison.
        if (const std::size_t g = generic_end(i); g != npos) {
          i = g;
          continue;
        }
      }
      if (t == ")" || t == "]" || t == "}" || t == ";" || t == ",") break;
    }
    ++i;
  }
  return i;
}

std::size_t Syntax::generic_end(std::size_t open) const {
  if (!traits_.generic_args || !is(open, "<") || open == 0 || !is_ident(open - 1)) return npos;
  int depth = 0;
  for (std::size_t g = open; g < size() && g < open + 64; ++g) {
    const Token& t = tok(g);
    if (t.kind == TokKind::identifier) continue;
    if (t.kind != TokKind::punct) return npos;
    const auto p = text(g);
    if (p == "<")
      ++depth;
    else if (p == ">") {
      if (--depth == 0) return g + 1;
    } else if (p == ">>") {
      depth -= 2;
      if (depth <= 0) return depth == 0 ? g + 1 : npos;
    } else if (p != "," && p != "." && p != "?" && p != "[" && p != "]" && p != "::") {
      return npos;
    }
  }
  return npos;
}

TokenRange Syntax::statement_at(std::size_t i) const {
  // Walk back to the token after a ';', an opening brace, or a closing brace, at this depth.
  std::size_t b = i;
  while (b > 0) {
    if (ends_statement_at_newline(b)) break;
    const std::size_t p = b - 1;
    if (tok(p).kind == TokKind::punct) {
      const auto t = text(p);
      if (t == ";" || t == "{" || t == "}") break;
      if (t == "(" || t == "[") break;  // an unmatched opener: the statement starts inside it
      if ((t == ")" || t == "]") && partner_[p] != npos) {
        b = partner_[p];
        continue;
      }
    }
    b = p;
  }
  std::size_t e = b;
  while (e < size()) {
    e = expression_end(e);
    // `a = b, c = d` and call arguments stop at ','; a statement continues past it only when
    // the ',' is at statement depth (JS declarations), which is rare enough to stop there.
    break;
  }
  if (e < size() && is(e, ";")) ++e;
  return {b, std::max(e, i + 1)};
}

std::string Syntax::handle_ending_at(std::size_t last, std::size_t* first_out) const {
  if (!is_ident(last)) return {};
  std::size_t k = last;
  while (k >= 2 && is_member_op(k - 1) && is_ident(k - 2)) k -= 2;
  std::string handle;
  for (std::size_t i = k; i <= last; ++i) handle += text(i);
  if (first_out) *first_out = k;
  return handle;
}

std::optional<Syntax::Block> Syntax::block_at(std::size_t at) const {
  const bool brace = is(at, "{");
  if (!brace && !(is_ident(at) && text(at) == "do")) return std::nullopt;
  if (!(is(at + 1, "|") && is_ident(at + 2) && is(at + 3, "|"))) return std::nullopt;
  Block b{std::string(text(at + 2)), at + 4, npos};
  if (brace) {
    if (partner_[at] == npos) return std::nullopt;
    b.close = partner_[at];
    return b;
  }
  // do … end: count what else opens an `end`; `if`/`unless`/`while`/`until` only where they
  // start a statement (as modifiers they take none).
  int depth = 1;
  for (std::size_t k = at + 1; k < size(); ++k) {
    if (!is_ident(k)) continue;
    const auto w = text(k);
    if (k > 0 && (is_member_op(k - 1) || is(k - 1, ":"))) continue;  // x.end, :end
    if (one_of(w, {"do", "def", "class", "module", "begin", "case"}))
      ++depth;
    else if (one_of(w, {"if", "unless", "while", "until"}) && (tok(k).newline_before || is(k - 1, "=")))
      ++depth;
    else if (w == "end" && --depth == 0) {
      b.close = k;
      return b;
    }
  }
  return std::nullopt;
}

bool Syntax::starts_paren_less_argument(std::size_t j) const {
  if (!traits_.paren_less_calls || j >= size() || tok(j).newline_before) return false;
  const Token& t = tok(j);
  return (t.kind == TokKind::identifier && !ruby_stop_word(text(j))) || t.kind == TokKind::string ||
         t.kind == TokKind::number || t.kind == TokKind::symbol || is(j, "[") || is(j, "->");
}

bool Syntax::is_label(std::size_t k) const {
  return traits_.colon_labels && is_ident(k) && k > 0 && is(k + 1, ":") &&
         (is(k - 1, "{") || is(k - 1, "(") || is(k - 1, ","));
}

std::size_t Syntax::handle_starting_at(std::size_t k, std::string_view handle) const {
  if (!is_ident(k) || (k > 0 && is_member_op(k - 1))) return npos;  // other.cap: not ours
  std::string h(text(k));
  std::size_t e = k;
  while (h != handle && h.size() < handle.size() && is_member_op(e + 1) && is_ident(e + 2)) {
    h += text(e + 1);
    h += text(e + 2);
    e += 2;
  }
  return h == handle ? e : npos;
}

void Syntax::index_assignments() {
  const bool annotated = traits_.type_annotations;
  // Depth of '(' and '[' around each token: `f(x=1)` is a keyword argument, not a binding.
  std::vector<char> open;
  for (std::size_t i = 0; i < size(); ++i) {
    if (tok(i).kind != TokKind::punct) continue;
    const auto t = text(i);
    if (t == "(" || t == "[" || t == "{") {
      open.push_back(t[0]);
      continue;
    }
    if (t == ")" || t == "]" || t == "}") {
      if (!open.empty()) open.pop_back();
      continue;
    }
    if (std::find(traits_.assign_ops.begin(), traits_.assign_ops.end(), t) == traits_.assign_ops.end()) continue;
    if (!open.empty() && open.back() != '{') continue;
    if (i == 0) continue;
    std::size_t last = i - 1;
    // `Foo<Bar> x =` and `x: Foo<Bar> =`: skip a generic argument list backwards.
    if (is(last, ">")) {
      int depth = 0;
      std::size_t k = last;
      for (std::size_t steps = 0; steps < 64; ++steps) {
        if (is(k, ">")) ++depth;
        if (is(k, "<") && --depth == 0) break;
        if (k == 0) break;
        --k;
      }
      if (depth != 0 || k == 0) continue;
      last = k - 1;
    }
    std::size_t first = 0;
    std::string handle = handle_ending_at(last, &first);
    if (handle.empty()) continue;
    // `x: Foo = …` on one line; a ':' that ends the line before (`try:`, `if ok:`) opens a block.
    if (annotated && first >= 2 && is(first - 1, ":") && !tok(first).newline_before) {
      std::size_t f2 = 0;
      std::string named = handle_ending_at(first - 2, &f2);
      if (!named.empty()) {
        handle = std::move(named);
        first = f2;
      }
    }
    // VB.NET `Dim x As T = …`: the name is before `As`.
    if (traits_.as_clauses && first >= 2 && is_keyword(first - 1, "as")) {
      std::size_t f2 = 0;
      std::string named = handle_ending_at(first - 2, &f2);
      if (named.empty()) continue;
      handle = std::move(named);
      first = f2;
    }
    const std::size_t rhs_end = expression_end(i + 1);
    assignments_.push_back({std::move(handle), first, i, {i + 1, rhs_end}});
  }
  if (!traits_.as_clauses) return;
  // VB.NET `Dim x As New T(…)`: x bound to the new object, `As` standing for the '='.
  for (std::size_t i = 2; i + 1 < size(); ++i) {
    if (!is_keyword(i, "new") || !is_keyword(i - 1, "as")) continue;
    std::size_t first = 0;
    std::string handle = handle_ending_at(i - 2, &first);
    if (handle.empty()) continue;
    assignments_.push_back({std::move(handle), first, i - 1, {i, expression_end(i)}});
  }
  std::stable_sort(assignments_.begin(), assignments_.end(),
                   [](const Assignment& a, const Assignment& b) { return a.lhs < b.lhs; });
}

std::vector<const Assignment*> Syntax::assignments_to(std::string_view handle) const {
  std::vector<const Assignment*> out;
  for (const auto& a : assignments_)
    if (a.handle == handle) out.push_back(&a);
  return out;
}

std::vector<Arg> Syntax::split_args(std::size_t begin, std::size_t end) const {
  std::vector<Arg> args;
  std::size_t s = begin;
  auto push = [&](std::size_t from, std::size_t to) {
    if (from >= to) return;
    Arg a;
    a.range = {from, to};
    // name=value / name: value (not '::', not '==').
    if (to - from >= 2 && is_ident(from) &&
        ((is(from + 1, "=") && traits_.equals_named_args) || is(from + 1, ":") || is(from + 1, ":="))) {
      a.label = std::string(text(from));
      a.range.begin = from + 2;
    } else if (to - from >= 2 && (is(from, "**") || is(from, "..."))) {
      a.label = std::string(text(from));  // a splat: contents unknown statically
      a.range.begin = from + 1;
    } else {
      // `key => value` at the top level of this argument.
      for (std::size_t k = from; k < to; ++k) {
        if (tok(k).kind == TokKind::punct && partner_[k] != npos && partner_[k] > k) {
          k = partner_[k];
          continue;
        }
        if (is(k, "=>")) {
          a.pair = true;
          const Token& key = tok(from);
          a.label = (key.kind == TokKind::string || key.kind == TokKind::symbol) ? key.value : std::string(text(from));
          a.range.begin = k + 1;
          break;
        }
      }
    }
    args.push_back(std::move(a));
  };
  std::size_t i = begin;
  while (i < end) {
    if (tok(i).kind == TokKind::punct) {
      const auto t = text(i);
      if ((t == "(" || t == "[" || t == "{") && partner_[i] != npos && partner_[i] < end) {
        i = partner_[i] + 1;
        continue;
      }
      if (t == ",") {
        push(s, i);
        s = i + 1;
      }
    }
    ++i;
  }
  push(s, end);
  if (traits_.implicit_objects) {
    // The labelled arguments at the end are one object: `f a, k: v, k2: w` is f(a, {k: v, k2: w}).
    std::size_t first = args.size();
    while (first > 0 && !args[first - 1].label.empty() && !args[first - 1].pair && args[first - 1].label != "**" &&
           args[first - 1].label != "...")
      --first;
    if (first < args.size()) {
      Arg object;
      object.range = {args[first].range.begin - 2, args.back().range.end};
      args.resize(first);
      args.push_back(std::move(object));
    }
  }
  return args;
}

bool Syntax::starts_implicit_object(std::size_t b) const {
  return traits_.implicit_objects && is_ident(b) && is(b + 1, ":") && b + 2 < size() && !tok(b + 2).newline_before;
}

std::size_t Syntax::column(std::size_t k) const {
  const auto text = file_.text();
  const std::size_t at = tok(k).begin;
  const std::size_t nl = text.find_last_of("\r\n", at == 0 ? 0 : at - 1);
  return nl == std::string_view::npos || at == 0 ? at : at - nl - 1;
}

std::size_t Syntax::indented_object_end(std::size_t from, std::size_t call_start) const {
  if (!traits_.implicit_objects || from >= size() || !tok(from).newline_before || !starts_implicit_object(from))
    return from;
  // The call's line: its first token's column is the indentation the entries must exceed.
  std::size_t line_first = call_start;
  while (line_first > 0 && !tok(line_first).newline_before) --line_first;
  const std::size_t indent = column(from);
  if (indent <= column(line_first)) return from;
  std::size_t k = from;
  while (k < size() && starts_implicit_object(k) && column(k) == indent) {
    const std::size_t e = expression_end(k + 2);
    k = e;
    if (is(k, ",")) ++k;
    if (k < size() && !tok(k).newline_before) break;
  }
  return k;
}

std::optional<Call> Syntax::call_at(std::size_t name) const {
  if (!is_ident(name)) return std::nullopt;
  Call c;
  c.name = name;
  std::size_t k = name;
  c.path.emplace_back(text(name));
  while (k >= 2 && is_member_op(k - 1) && is_ident(k - 2)) {
    k -= 2;
    c.path.insert(c.path.begin(), std::string(text(k)));
  }
  if (k >= 1 && is(k - 1, "\\")) --k;  // PHP fully qualified \Twilio\Jwt\ClientToken
  c.start = k;
  if (k >= 1 && is_keyword(k - 1, "new")) {
    c.has_new = true;
    c.start = k - 1;
  }
  std::size_t j = name + 1;
  if (const std::size_t g = generic_end(j); g != npos) j = g;
  if (is(j, "(")) {
    if (partner_[j] == npos) return std::nullopt;
    c.open = j;
    c.close = partner_[j];
    c.args = split_args(j + 1, c.close);
    c.end = c.close + 1;
    return c;
  }
  if (c.has_new && is(j, "{") && partner_[j] != npos) {  // C# `new HashSet<IScope> { … }`
    c.open = j;
    c.close = partner_[j];
    c.args = split_args(j + 1, c.close);
    c.end = c.close + 1;
    return c;
  }
  if (!traits_.paren_less_calls) return std::nullopt;
  // Ruby: `Klass.new a, b`, `cap.allow_client_incoming 'x'`, or a bare `cap.generate`.
  if (c.path.size() < 2 && !c.has_new) return std::nullopt;
  c.end = name + 1;
  // CoffeeScript: `new Klass` and a call with its `k: v` object on the lines under it; a name
  // followed by nothing is not called, and one followed by '.' is not complete yet.
  if (const std::size_t obj_end = indented_object_end(j, c.start); obj_end > j) {
    c.args = split_args(j, obj_end);
    c.end = obj_end;
    return c;
  }
  if (!traits_.bare_calls && !starts_paren_less_argument(j) && (!c.has_new || is_member_op(j))) return std::nullopt;
  if (starts_paren_less_argument(j)) {
    std::size_t a = j;
    std::size_t e = j;
    while (a < size()) {
      e = expression_end(a);
      // A modifier (`… if cond`) ends the argument list.
      for (std::size_t q = a; q < e; ++q)
        if (is_ident(q) && ruby_stop_word(text(q))) {
          e = q;
          break;
        }
      if (is(e, ",")) {
        a = e + 1;
        continue;
      }
      break;
    }
    c.args = split_args(j, e);
    c.end = e;
  }
  return c;
}

std::vector<Call> Syntax::chain_after(std::size_t end, std::string_view module) const {
  std::vector<Call> calls;
  std::size_t j = end;
  while (j + 1 < size()) {
    if (!module.empty() && !traits_.pipe_op.empty() && is(j, traits_.pipe_op) && is_ident(j + 1)) {
      std::size_t n = j + 1;
      while (n + 2 < size() && is_member_op(n + 1) && is_ident(n + 2)) n += 2;
      auto c = call_at(n);
      if (!c || c->path.size() < 2 || c->path[c->path.size() - 2] != module) break;
      j = c->end;
      calls.push_back(std::move(*c));
      continue;
    }
    if (!(is_member_op(j) && is_ident(j + 1))) break;
    auto c = call_at(j + 1);
    if (!c) {
      j += 2;  // a property in the chain (`.default`, `.jwt`)
      continue;
    }
    j = c->end;
    calls.push_back(std::move(*c));
  }
  return calls;
}

}  // namespace capmig::lang
