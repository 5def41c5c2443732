#include "analyzer/scan/match/scope_template.h"

#include <algorithm>

#include "analyzer/lang/lex_support.h"

namespace capmig::scan {
namespace {

// A hole in the text: \x01 index \x02. Neither byte is form-decoded nor splits a scope, a query
// or a key from its value, so each hole stays whole inside the parameter it falls in.
constexpr char kHoleOpen = '\x01', kHoleClose = '\x02';

struct Segment {
  std::string_view run;  // literal text, when not a hole
  std::size_t hole = npos;
};

std::vector<Segment> segments(std::string_view v, std::size_t holes) {
  std::vector<Segment> out;
  std::size_t run = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != kHoleOpen) continue;
    const std::size_t close = v.find(kHoleClose, i);
    if (close == std::string_view::npos) break;
    std::size_t index = 0;
    const std::string_view digits = v.substr(i + 1, close - i - 1);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) continue;
    for (const char c : digits) index = index * 10 + static_cast<std::size_t>(c - '0');
    if (index >= holes) continue;
    if (i > run) out.push_back({v.substr(run, i - run)});
    out.push_back({{}, index});
    run = close + 1;
    i = close;
  }
  if (run < v.size()) out.push_back({v.substr(run)});
  return out;
}

bool is_word(char c) { return lang::lexsupport::is_ascii_alnum(static_cast<unsigned char>(c)) || c == '_'; }

// A concatenation operator between two operands: `+`, PHP's `.`, Elixir's `<>`, C++'s `<<`.
bool joins(const Syntax& s, std::size_t k) {
  if (s.tok(k).kind != TokKind::punct) return false;
  const auto t = s.text(k);
  return t == "+" || t == "<>" || t == "<<" || (t == "." && !s.is_member_op(k));
}

// The call one of whose arguments starts at token k, and that argument's index.
std::optional<std::pair<Call, std::size_t>> call_around(const Syntax& s, std::size_t k) {
  std::size_t j = k;
  for (int steps = 0; j > 0 && steps < 256; ++steps) {
    --j;
    if (s.tok(j).kind != TokKind::punct) continue;
    const auto t = s.text(j);
    if (t == ")" || t == "]" || t == "}") {
      if (s.partner(j) == npos || s.partner(j) > j) return std::nullopt;
      j = s.partner(j);
      continue;
    }
    if (t == "(") break;
    if (t == "[" || t == "{" || t == ";") return std::nullopt;
  }
  if (j == 0 || !s.is(j, "(")) return std::nullopt;
  auto call = s.call_at(j - 1);
  if (!call || call->open != j) return std::nullopt;
  for (std::size_t a = 0; a < call->args.size(); ++a)
    if (call->args[a].range.begin == k) return std::pair{std::move(*call), a};
  return std::nullopt;
}

// The arguments in [b, e) split at the commas outside brackets.
std::vector<Arg> split_commas(const Syntax& s, std::size_t b, std::size_t e) {
  std::vector<Arg> out;
  std::size_t from = b;
  for (std::size_t k = b; k <= e; ++k) {
    if (k < e && s.tok(k).kind == TokKind::punct && s.partner(k) != npos && s.partner(k) > k && s.partner(k) < e) {
      k = s.partner(k);
      continue;
    }
    if (k == e || s.is(k, ",")) {
      if (k > from) out.push_back(Arg{{}, false, {from, k}});
      from = k + 1;
    }
  }
  return out;
}

// A string literal's opening and closing delimiters as written: `$"`/`"`, `f'`/`'`, "`"/"`".
std::pair<std::string_view, std::string_view> delimiters(std::string_view raw) {
  const std::size_t open = raw.find_first_of("\"'`");
  if (open == std::string_view::npos) return {};
  std::size_t q = 1;
  while (open + q < raw.size() && q < 3 && raw[open + q] == raw[open]) ++q;
  if (q == 2) q = 1;  // "" is an empty string, not an opening triple quote
  if (raw.size() < open + 2 * q) return {raw.substr(0, open + 1), raw.substr(open, 1)};
  return {raw.substr(0, open + q), raw.substr(raw.size() - q)};
}

// Python's `{x!r:>8}` / `{x=}`, C#'s `{x,10:D}`: the expression without its conversion,
// alignment or format.
std::string_view strip_format_spec(std::string_view code) {
  int depth = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth != 0) continue;
    const char next = i + 1 < code.size() ? code[i + 1] : '\0';
    if ((c == ':' && next != ':' && (i == 0 || code[i - 1] != ':')) || (c == '!' && next != '=') || c == ',') {
      code = code.substr(0, i);
      break;
    }
  }
  while (!code.empty() && (code.back() == ' ' || code.back() == '=')) code.remove_suffix(1);
  while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
  return code;
}

// The end of the code from pos inside an interpolation that `close` ends; quoted strings in it
// are skipped.
std::size_t code_end(std::string_view w, std::size_t pos, char open, char close) {
  return lang::lexsupport::skip_embedded_code(w, pos, open, close, [&](std::size_t i) {
    if (w[i] != '"' && w[i] != '\'') return i;
    for (std::size_t j = i + 1; j < w.size(); ++j) {
      if (w[j] == '\\')
        ++j;
      else if (w[j] == w[i])
        return j + 1;
    }
    return w.size();
  });
}

}  // namespace

ScopeTemplate::ScopeTemplate(const Syntax& s, std::size_t lit, std::size_t first, std::size_t end) : s_(s), lit_(lit) {
  // The format argument of a printf/format call, written there or held in a same-file constant.
  TokenRange built{first, end};
  if (auto around = call_around(s, lit); around && around->first.args[around->second].range.end == lit + 1 &&
                                         format_call(lit, around->first, around->second))
    built = {around->first.start, around->first.end};
  else if (!formatted_constant())
    expression(first, end);
  appended(built);
}

bool ScopeTemplate::formatted_constant() {
  auto used_as_format = [&](std::string_view handle) {
    for (std::size_t k = lit_ + 1; k < s_.size(); ++k) {
      const std::size_t last = s_.handle_starting_at(k, handle);
      if (last == npos) continue;
      auto around = call_around(s_, k);
      if (around && around->first.args[around->second].range.end == last + 1 &&
          format_call(lit_, around->first, around->second))
        return true;
    }
    return false;
  };
  for (const Assignment& a : s_.assignments())
    if (a.rhs.begin == lit_ && a.rhs.end == lit_ + 1) return used_as_format(a.handle);
  // Go's grouped `const ( name = "…" )` is no statement of its own: `name = "…"` inside it.
  if (lit_ >= 2 && s_.is(lit_ - 1, "=") && s_.is_ident(lit_ - 2) &&
      (lit_ + 1 >= s_.size() || s_.tok(lit_ + 1).newline_before))
    return used_as_format(s_.text(lit_ - 2));
  return false;
}

void ScopeTemplate::appended(TokenRange built) {
  const Assignment* bound = nullptr;
  for (const Assignment& a : s_.assignments())
    if (a.rhs.begin == built.begin && a.rhs.end == built.end) bound = &a;
  if (!bound) return;
  const std::string_view text = s_.file().text();
  auto column = [&](std::size_t k) {
    const std::size_t at = s_.begin_offset(k), nl = text.find_last_of("\r\n", at == 0 ? 0 : at - 1);
    return nl == std::string_view::npos || at == 0 ? at : at - nl - 1;
  };
  std::size_t line_start = bound->lhs;  // `let s = …`: the line's indentation
  while (line_start > 0 && !s_.tok(line_start).newline_before) --line_start;
  const std::size_t indent = column(line_start);
  for (std::size_t k = bound->rhs.end; k < s_.size(); ++k) {
    // Within the block that binds it (a line indented less, or a closing bracket, ends it),
    // until it is bound again.
    if (s_.tok(k).newline_before && column(k) < indent) break;
    if (s_.partner(k) != npos && s_.partner(k) < bound->lhs) break;
    const std::size_t last = s_.handle_starting_at(k, bound->handle);
    if (last == npos) continue;
    if (std::any_of(s_.assignments().begin(), s_.assignments().end(),
                    [&](const Assignment& a) { return a.lhs == k && a.handle == bound->handle; }))
      break;
    if (!s_.is(last + 1, "+=") && !s_.is(last + 1, ".=") && !s_.is(last + 1, "<<")) continue;
    const std::size_t e = s_.expression_end(last + 2);
    // A piece that starts a scope of its own is reported on its own.
    for (std::size_t q = last + 2; q < e; ++q)
      if (s_.tok(q).kind == TokKind::string && s_.tok(q).value.find("scope:client:") != std::string::npos) return;
    expression(last + 2, e);
    k = std::max(e, k + 1) - 1;
  }
}

void ScopeTemplate::add_text(std::string_view t) { text_ += t; }

void ScopeTemplate::add_hole(Hole h) {
  dynamic_ = true;
  text_ += kHoleOpen;
  text_ += std::to_string(holes_.size());
  text_ += kHoleClose;
  holes_.push_back(std::move(h));
}

void ScopeTemplate::expression(std::size_t first, std::size_t end) {
  std::size_t b = first;
  for (std::size_t k = first; k < end; ++k) {
    if (s_.tok(k).kind == TokKind::punct && s_.partner(k) != npos && s_.partner(k) > k && s_.partner(k) < end) {
      k = s_.partner(k);
      continue;
    }
    if (k == first || !joins(s_, k)) continue;
    if (op_.empty()) op_ = s_.text(k);
    operand(b, k);
    b = k + 1;
  }
  operand(b, end);
}

void ScopeTemplate::operand(std::size_t b, std::size_t e) {
  if (b >= e) return;
  // Literals side by side (C, Python) are one literal.
  if (std::all_of(&s_.tok(b), &s_.tok(e - 1) + 1, [](const Token& t) { return t.kind == TokKind::string; })) {
    for (std::size_t k = b; k < e; ++k) literal(k);
    return;
  }
  if (s_.is(b, "(") && s_.partner(b) == e - 1) return expression(b + 1, e - 1);
  const bool starts_with_literal = s_.tok(b).kind == TokKind::string && !s_.tok(b).interpolated;
  // `"…%s…" % x` / `% (a, b)` (Python, Ruby `% [a, b]`).
  if (starts_with_literal && s_.is(b + 1, "%") && b + 2 < e) {
    const bool group = (s_.is(b + 2, "(") || s_.is(b + 2, "[")) && s_.partner(b + 2) == e - 1;
    Part p;
    p.percent = true;
    format(b, group ? split_commas(s_, b + 3, e - 1) : std::vector<Arg>{Arg{{}, false, {b + 2, e}}}, p);
    return;
  }
  // `"…{}…".format(x)` (Python), `"…%s…".format(x)` (Kotlin), `.formatted(x)` (Java).
  if (starts_with_literal && s_.is_member_op(b + 1) && s_.is_ident(b + 2) &&
      (s_.text(b + 2) == "format" || s_.text(b + 2) == "formatted")) {
    if (auto c = s_.call_at(b + 2); c && c->end == e && !c->args.empty()) {
      Part p;
      p.method = s_.range_text({b + 1, b + 3});
      format(b, c->args, p);
      return;
    }
  }
  // A format call as an operand: `fmt.Sprintf("&clientName=%s", name)`.
  if (s_.is(e - 1, ")") && s_.partner(e - 1) != npos && s_.partner(e - 1) > b) {
    if (auto c = s_.call_at(s_.partner(e - 1) - 1); c && c->start == b && c->end == e)
      for (std::size_t a = 0; a < c->args.size(); ++a) {
        const TokenRange r = c->args[a].range;
        if (r.end == r.begin + 1 && s_.tok(r.begin).kind == TokKind::string && format_call(r.begin, *c, a)) return;
      }
  }
  if (b <= lit_ && lit_ < e) {  // the scope literal itself, in an expression not followed
    opaque_ = dynamic_ = true;
    return literal(lit_);
  }
  Part p;
  parts_.push_back(p);
  add_hole(Hole{s_.range_text({b, e}), {}, {}, false, true, parts_.size() - 1});
}

void ScopeTemplate::literal(std::size_t k) {
  const Token& t = s_.tok(k);
  const std::string_view raw = s_.text(k);
  const auto [open, close] = delimiters(raw);
  Part p;
  p.kind = Part::literal;
  p.open = open;
  p.close = close;
  if (!t.interpolated) {
    parts_.push_back(std::move(p));
    add_text(t.value.str());
    return;
  }
  // The contents as written, cut at each interpolation.
  p.kind = Part::interpolated;
  p.raw = true;
  parts_.push_back(p);
  const std::size_t part = parts_.size() - 1;
  const std::string_view w = raw.substr(open.size(), raw.size() - open.size() - close.size());
  const bool braces = open.find_first_of("$fF") != std::string_view::npos;  // C# $"{x}", Python f"{x}"
  const bool backtick = open.ends_with("`");
  std::vector<std::pair<std::string, Hole>> pieces;  // literal text before each hole, the hole
  std::string run;
  auto hole = [&](std::size_t from, std::size_t to, std::string_view code) {
    pieces.emplace_back(std::move(run),
                        Hole{std::string(code), std::string(w.substr(from, to - from)), {}, false, true, part});
    run.clear();
    return to;
  };
  for (std::size_t i = 0; i < w.size();) {
    const char c = w[i], next = i + 1 < w.size() ? w[i + 1] : '\0';
    std::size_t end = 0;
    if (c == '\\' && next == '(' && !braces && !backtick) {  // Swift \(x)
      end = code_end(w, i + 2, '(', ')');
      i = hole(i, end, w.substr(i + 2, end - 1 - (i + 2)));
    } else if (c == '\\') {
      run += w.substr(i, 2);
      i += 2;
    } else if (braces && (c == '{' || c == '}') && next == c) {
      run += w.substr(i, 2);
      i += 2;
    } else if (braces && c == '{') {
      end = code_end(w, i + 1, '{', '}');
      i = hole(i, end, strip_format_spec(w.substr(i + 1, end - 1 - (i + 1))));
    } else if (!braces && (c == '$' || (c == '#' && !backtick)) && next == '{') {  // ${x}, Ruby #{x}
      end = code_end(w, i + 2, '{', '}');
      i = hole(i, end, w.substr(i + 2, end - 1 - (i + 2)));
    } else if (!braces && !backtick && c == '{' && next == '$') {  // PHP {$x->y}
      end = code_end(w, i + 1, '{', '}');
      i = hole(i, end, w.substr(i + 1, end - 1 - (i + 1)));
    } else if (!braces && !backtick && c == '$' && (is_word(next) && !lang::lexsupport::is_digit(next))) {
      // Kotlin $name, PHP $name / $obj->prop: the name as the file's code spells it.
      std::size_t j = i + 1;
      while (j < w.size() && is_word(w[j])) ++j;
      const std::string_view var = w.substr(i, j - i);
      if (w.substr(j, 2) == "->" && j + 2 < w.size() && is_word(w[j + 2])) {
        j += 2;
        while (j < w.size() && is_word(w[j])) ++j;
      }
      bool sigil = false;
      for (std::size_t k2 = 0; k2 < s_.size() && !sigil; ++k2) sigil = s_.is_ident(k2) && s_.text(k2) == var;
      const std::string_view code = w.substr(i, j - i);
      i = hole(i, j, sigil ? code : code.substr(1));
    } else {
      run += c;
      ++i;
    }
  }
  // Trusted only when it finds the interpolations the lexer found; else the text as written.
  std::size_t found = 0;
  const std::string_view value = t.value.str();
  for (std::size_t at = value.find(lang::lexsupport::kInterpolation); at != std::string_view::npos;
       at = value.find(lang::lexsupport::kInterpolation, at + 1))
    ++found;
  const bool empty_code =
      std::any_of(pieces.begin(), pieces.end(), [](const auto& piece) { return piece.second.code.empty(); });
  if (found != pieces.size() || found == 0 || empty_code) {
    add_text(w);
    dynamic_ = true;
    return;
  }
  for (auto& [before, h] : pieces) {
    add_text(before);
    add_hole(std::move(h));
  }
  add_text(run);
}

bool ScopeTemplate::format_call(std::size_t lit, const Call& call, std::size_t arg) {
  std::string name(s_.text(call.name));
  std::transform(name.begin(), name.end(), name.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
  if (name.find("printf") == std::string::npos && name.find("format") == std::string::npos &&
      call.args[arg].label != "format")  // Swift String(format: "…", x)
    return false;
  const bool captures = name.ends_with('!');  // Rust: format!("{x}") reads x with no argument
  if (arg + 1 >= call.args.size() && !captures) return false;
  // The format comes before the values (`fmt.Sprintf(f, …)`, `snprintf(buf, n, f, …)`): after a
  // literal it is one of the values (`Sprintf("%s&clientName=%s", scope, name)`).
  for (std::size_t a = 0; a < arg; ++a)
    if (s_.tok(call.args[a].range.begin).kind == TokKind::string) return false;
  Part p;
  const std::string_view text = s_.file().text();
  const std::uint32_t from = s_.begin_offset(call.start), to = s_.begin_offset(call.args[arg].range.begin);
  p.prefix = std::string(text.substr(from, to - from));
  format(lit, std::vector<Arg>(call.args.begin() + static_cast<std::ptrdiff_t>(arg) + 1, call.args.end()), p, captures);
  return true;
}

void ScopeTemplate::format(std::size_t lit, const std::vector<Arg>& args, Part p, bool captures) {
  if (s_.tok(lit).interpolated) return literal(lit);
  const auto [open, close] = delimiters(s_.text(lit));
  p.kind = Part::formatted;
  p.open = open;
  p.close = close;
  parts_.push_back(std::move(p));
  const std::size_t part = parts_.size() - 1;
  dynamic_ = true;
  std::vector<const Arg*> positional;
  for (const Arg& a : args)
    if (a.label.empty() && !a.pair) positional.push_back(&a);
  auto named = [&](std::string_view label) -> const Arg* {
    for (const Arg& a : args)
      if (a.label == label && !a.pair) return &a;
    return nullptr;
  };
  // Fills a placeholder with its argument, or keeps it as text when there is none.
  auto fill = [&](const Arg* a, std::string_view placeholder, std::string written, std::string label,
                  bool numbered = false) {
    if (!a) return add_text(placeholder);
    add_hole(Hole{s_.range_text(a->range), std::move(written), std::move(label), numbered, true, part});
  };
  const std::string_view v = s_.tok(lit).value.str();
  std::size_t next = 0;  // the argument an unnumbered placeholder takes
  auto at = [&](std::size_t n) { return n < positional.size() ? positional[n] : nullptr; };
  for (std::size_t i = 0; i < v.size();) {
    const char c = v[i], c1 = i + 1 < v.size() ? v[i + 1] : '\0';
    if ((c == '%' || c == '{' || c == '}') && c1 == c) {  // %% {{ }}
      add_text(v.substr(i, 1));
      i += 2;
      continue;
    }
    if (c == '%' && i + 2 < v.size() && lang::lexsupport::is_hex_digit(c1) &&
        lang::lexsupport::is_hex_digit(static_cast<unsigned char>(v[i + 2]))) {  // a URL escape, %3D
      add_text(v.substr(i, 3));
      i += 3;
      continue;
    }
    if (c == '%') {
      // %[2]s (Go), %(name)s (Python), flags, width, precision, length, verb.
      std::size_t j = i + 1, index = npos;
      std::string label;
      if (c1 == '[') {
        const std::size_t close_at = v.find(']', j);
        const std::string_view n = close_at == std::string_view::npos ? "" : v.substr(j + 1, close_at - j - 1);
        if (!n.empty() && n.size() <= 4 && n.find_first_not_of("0123456789") == std::string_view::npos) {
          index = static_cast<std::size_t>(std::stoul(std::string(n))) - 1;
          j = close_at + 1;
        }
      } else if (c1 == '(') {
        const std::size_t close_at = v.find(')', j);
        if (close_at != std::string_view::npos) {
          label = v.substr(j + 1, close_at - j - 1);
          j = close_at + 1;
        }
      }
      const std::size_t spec = j;
      while (j < v.size() && std::string_view("-+ #0123456789.*lhzjtLq").find(v[j]) != std::string_view::npos) ++j;
      if (j < v.size() && std::string_view("sdiufFeEgGxXocrpvbTa@").find(v[j]) != std::string_view::npos) {
        const std::string_view placeholder = v.substr(i, j + 1 - i);
        const std::string written = "%" + std::string(v.substr(spec, j + 1 - spec));
        if (!label.empty()) {
          fill(nullptr, placeholder, written, {});  // a mapping's key: not followed
        } else if (index != npos) {
          fill(at(index), placeholder, written, {});
          next = index + 1;
        } else {
          fill(at(next++), placeholder, written, {});
        }
        i = j + 1;
        continue;
      }
    }
    if (const std::size_t close_at = c == '{' ? v.find('}', i) : std::string_view::npos;
        close_at != std::string_view::npos) {
      const std::string_view inner = v.substr(i + 1, close_at - i - 1);
      const std::size_t cut = std::min(inner.find_first_of(":!,"), inner.size());
      const std::string_view field = inner.substr(0, cut);
      if (std::all_of(field.begin(), field.end(), is_word)) {
        const std::string_view placeholder = v.substr(i, close_at + 1 - i);
        const std::string spec = "{" + std::string(inner.substr(cut)) + "}";
        if (field.empty())
          fill(at(next++), placeholder, spec, {});
        else if (field.size() <= 4 && field.find_first_not_of("0123456789") == std::string_view::npos)
          fill(at(static_cast<std::size_t>(std::stoul(std::string(field)))), placeholder, spec, {}, true);
        else if (const Arg* a = named(field); a || !captures)
          fill(a, placeholder, std::string(placeholder), std::string(field));
        else
          add_hole(Hole{std::string(field), std::string(placeholder), std::string(field), false, true, part});
        i = close_at + 1;
        continue;
      }
    }
    add_text(v.substr(i, 1));
    ++i;
  }
}

std::string ScopeTemplate::quoted(const Part& p, std::string_view run) const {
  std::string out = p.open;
  const bool escape = !p.raw && (p.open == "\"" || p.open == "'");
  for (std::size_t i = 0; i < run.size(); ++i) {
    const char c = run[i];
    if (escape && (c == '\\' || c == p.open[0])) out += '\\';
    // A percent sign a printf format would read: written %% (a URL escape reads as itself).
    if (p.kind == Part::formatted && c == '%' &&
        !(i + 2 < run.size() && lang::lexsupport::is_hex_digit(static_cast<unsigned char>(run[i + 1])) &&
          lang::lexsupport::is_hex_digit(static_cast<unsigned char>(run[i + 2]))))
      out += '%';
    out += c;
  }
  return out;
}

std::optional<Param> ScopeTemplate::whole_hole(std::string_view value) const {
  const auto segs = segments(value, holes_.size());
  if (segs.size() != 1 || segs[0].hole == npos) return std::nullopt;
  const Hole& h = holes_[segs[0].hole];
  Param p{h.code, std::nullopt};
  p.expression = h.expression;
  return p;
}

std::optional<Param> ScopeTemplate::parameter(std::string_view value) const {
  const auto segs = segments(value, holes_.size());
  const auto first_hole = std::find_if(segs.begin(), segs.end(), [](const Segment& g) { return g.hole != npos; });
  if (first_hole == segs.end()) return std::nullopt;
  if (segs.size() == 1) return whole_hole(value);
  // Literal text and holes: written in the one literal or format they all come from…
  const std::size_t part = holes_[first_hole->hole].part;
  const Part& p = parts_[part];
  const bool one_part = p.kind != Part::operand && std::all_of(segs.begin(), segs.end(), [&](const Segment& g) {
                          return g.hole == npos || holes_[g.hole].part == part;
                        });
  if (one_part) {
    std::string body;
    std::vector<std::string> args;
    std::size_t positional = 0;
    for (const auto& g : segs) {
      if (g.hole == npos) {
        const std::string q = quoted(p, g.run);
        body += std::string_view(q).substr(p.open.size());
        continue;
      }
      const Hole& h = holes_[g.hole];
      if (p.kind == Part::interpolated) {
        body += h.written;
        continue;
      }
      // A format's placeholders, numbered again for the arguments this piece uses.
      body += h.numbered ? "{" + std::to_string(positional++) + h.written.substr(1) : h.written;
      args.push_back(h.label.empty() ? h.code : h.label + "=" + h.code);
    }
    std::string literal = p.open + body + p.close;
    if (p.kind == Part::interpolated) return Param{std::move(literal), std::nullopt};
    std::string list;
    for (const auto& a : args) list += (list.empty() ? "" : ", ") + a;
    if (p.percent) return Param{literal + " % " + (args.size() == 1 ? list : "(" + list + ")"), std::nullopt};
    if (!p.method.empty()) return Param{literal + p.method + "(" + list + ")", std::nullopt};
    return Param{p.prefix + literal + ", " + list + ")", std::nullopt};
  }
  // …else the concatenation of its pieces, literal text quoted as the first literal is.
  Part quote;
  quote.open = quote.close = "\"";
  for (const Part& q : parts_)
    if (q.kind == Part::literal) {
      quote = q;
      break;
    }
  std::string out;
  const std::string op = " " + (op_.empty() ? std::string("+") : op_) + " ";
  for (const auto& g : segs) {
    if (!out.empty()) out += op;
    out += g.hole == npos ? quoted(quote, g.run) + quote.close : holes_[g.hole].code;
  }
  return Param{std::move(out), std::nullopt};
}

}  // namespace capmig::scan
