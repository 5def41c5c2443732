// Hand-rolled capability scopes: code that signs its own JWT with a
// `scope:client:incoming?clientName=…` / `scope:client:outgoing?appSid=…` string, in any
// language. The string is parsed with the token engine's scope grammar over the text the code
// assembles (match/scope_template.h): a parameter filled at run time (a concatenated operand,
// an interpolation, a format argument) is that expression, with no value; a parameter written
// out in full has its value.
#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "analyzer/scan/match/context.h"
#include "analyzer/scan/match/handrolled_ttl.h"
#include "analyzer/scan/match/scope_template.h"
#include "analyzer/scan/syntax/test_code.h"
#include "analyzer/token/capability.h"

namespace capmig::scan {
namespace json = boost::json;
namespace {

bool concatenation(const Syntax& s, std::size_t i) {
  if (i >= s.size() || s.tok(i).kind != TokKind::punct) return false;
  const auto t = s.text(i);
  return t == "+" || t == "." || t == "%" || t == "<<" || t == "<>" || t == "+=" || t == ".=";
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_word(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

// The first format placeholder in a scope parameter's value: printf's %s, %(name)s and %[2]s,
// {} {0} {name} (format/fmt/C#), ${x} #{x} $x (interpolation), Swift's \(x). Such a value is
// filled in at run time: unknown, never the placeholder's own text. URL escapes (%2F) are not
// placeholders.
std::optional<std::string> placeholder_in(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (c == '%' && i + 1 < v.size()) {
      if (i + 2 < v.size() && is_hex(v[i + 1]) && is_hex(v[i + 2])) continue;
      std::size_t j = i + 1;
      if (v[j] == '(' || v[j] == '[') {  // %(name)s, Go's %[2]s
        const std::size_t close = v.find(v[j] == '(' ? ')' : ']', j);
        if (close == std::string_view::npos) continue;
        j = close + 1;
      }
      while (j < v.size() && std::string_view("-+ #0123456789.*lhzjt").find(v[j]) != std::string_view::npos) ++j;
      if (j < v.size() && std::string_view("sdiufFeEgGxXocrqpv@a").find(v[j]) != std::string_view::npos)
        return std::string(v.substr(i, j + 1 - i));
      continue;
    }
    if (c == '{' || ((c == '$' || c == '#') && i + 1 < v.size() && v[i + 1] == '{') ||
        (c == '\\' && i + 1 < v.size() && v[i + 1] == '(')) {
      const char close = c == '\\' ? ')' : '}';
      const std::size_t end = v.find(close, i + 1);
      if (end != std::string_view::npos) return std::string(v.substr(i, end + 1 - i));
      continue;
    }
    if (c == '$' && i + 1 < v.size() && is_word(v[i + 1])) {
      std::size_t j = i + 1;
      while (j < v.size() && is_word(v[j])) ++j;
      return std::string(v.substr(i, j - i));
    }
  }
  return std::nullopt;
}

// What a placeholder is filled with: in an interpolated literal, ${x} #{x} {x} \(x) hold the
// expression x (shown as code); a printf/format placeholder holds an argument shown as itself.
Param unknown_param(const std::string& placeholder, bool interpolated) {
  std::string_view p = placeholder;
  if (interpolated) {
    if (p.starts_with("${") || p.starts_with("#{") || p.starts_with("\\("))
      p = p.substr(2, p.size() - 3);
    else if (p.starts_with("{"))
      p = p.substr(1, p.size() - 2);
    if (!p.empty()) return Param{std::string(p), std::nullopt};
  }
  Param out{placeholder, std::nullopt};
  out.expression = false;
  return out;
}

// `clientName` as code or a string (a key, a property), not only in a comment.
bool names_client_name(const Syntax& s) {
  for (std::size_t k = 0; k < s.size(); ++k)
    if ((s.is_ident(k) && s.text(k) == "clientName") ||
        (s.tok(k).kind == TokKind::string && s.tok(k).value == "clientName"))
      return true;
  return false;
}

// `"scope:" + service + ":" + privilege`: a capability implementation of the app's own (or a
// copied helper library) that assembles every scope from parts. Only in a file that also names
// the `clientName` parameter in its code: 'scope:' + … alone is a common cache key or OAuth string.
bool assembles_scopes(const Syntax& s, std::size_t i) {
  if (s.tok(i).value != "scope:" || !concatenation(s, i + 1)) return false;
  const std::size_t e = s.expression_end(i + 2);
  for (std::size_t k = i + 2; k + 1 < e; ++k)
    if (concatenation(s, k) && s.tok(k + 1).kind == TokKind::string && s.tok(k + 1).value == ":")
      return names_client_name(s);
  return false;
}

// A scope string found: its tokens, the finding it made, and which kinds it grants.
struct ScopeSite {
  std::size_t first = 0, last = 0, finding = 0;
  bool incoming = false, outgoing = false;
};

// Whether two scope strings are parts of one token's claim: the same function, a few lines
// apart, with no function boundary between them (a function keyword or arrow, or a `{` after
// a parameter list that is not a condition's). Their blocks may differ: scopes added each
// under its own `if` are still one token. Alternatives are not: an else, a case, a ternary or
// a return between them means a path that reaches one does not reach the other.
bool same_token(const Syntax& s, const SourceFile& file, const ScopeSite& a, const ScopeSite& b) {
  constexpr std::uint32_t kMaxLines = 15;
  if (file.line_of(s.begin_offset(b.first)) - file.line_of(s.end_offset(a.last)) > kMaxLines) return false;
  static constexpr std::string_view kApart[] = {"def",     "defp", "func",   "function", "fn",    "sub",   "lambda",
                                                "->",      "=>",   "else",   "elif",     "elsif", "case",  "when",
                                                "default", "?",    "return", "Return",   "break", "raise", "throw"};
  static constexpr std::string_view kControl[] = {"if",      "else",  "elif",   "elsif", "for",
                                                  "foreach", "while", "switch", "try",   "catch",
                                                  "using",   "lock",  "unless", "do",    "}"};
  const auto any_of = [&](std::size_t k, std::span<const std::string_view> words) {
    const std::string_view t = s.tok(k).text(file.text());
    return std::find(words.begin(), words.end(), t) != words.end();
  };
  // `cond ? 'scope…incoming…' : 'scope…outgoing…'`: the question mark comes before the first.
  for (std::size_t k = s.statement_at(a.first).begin; k < a.first; ++k)
    if (s.is(k, "?")) return false;
  int depth = 0;
  for (std::size_t k = a.last + 1; k < b.first; ++k) {
    if (s.tok(k).kind == TokKind::string) continue;
    if (any_of(k, kApart)) return false;
    if (s.is(k, "}") && --depth < -1) return false;  // out of the function
    if (!s.is(k, "{")) continue;
    ++depth;
    if (k > 0 && s.is(k - 1, ")")) {
      // `…) {`: a condition's block, or a function body (a signature's parameters).
      const TokenRange stmt = s.statement_at(k - 1);
      std::size_t head = stmt.begin;
      while (head < k && s.is(head, "}")) ++head;
      if (!any_of(head, kControl)) return false;
    }
  }
  return true;
}

}  // namespace

void detect_scope_strings(const Rule& rule, MatchContext& ctx) {
  const Syntax& s = ctx.syntax;
  std::vector<ScopeSite> sites;
  std::optional<bool> test_file;  // read from the file's text on the first scope string, if any
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Token& tok = s.tok(i);
    if (tok.kind != TokKind::string) continue;
    const bool assembles = assembles_scopes(s, i);
    if (!assembles && tok.value.find("scope:client:incoming") == std::string::npos &&
        tok.value.find("scope:client:outgoing") == std::string::npos)
      continue;
    if (!test_file) test_file = looks_like_test(ctx.file.text());
    if (*test_file && asserted(s, i)) continue;  // an expected value, not a token this code mints
    if (assembles) {
      const std::size_t last = s.expression_end(i + 2) - 1;
      Finding f = make_finding(rule, ctx, s.begin_offset(i), s.end_offset(last));
      f.message =
          "Assembles Twilio Capability Token scopes from parts (`'scope:' + service + ':' + privilege`): a "
          "hand-rolled capability implementation; capability tokens are deprecated";
      f.map_input = CapabilityParameters{};
      ctx.out.push_back(std::move(f));
      i = last;
      continue;
    }
    // The whole expression the literal is part of: `"…clientName=" + name`, `'…%s' % x`.
    std::size_t first = i, last = i;
    while (first >= 2 && concatenation(s, first - 1) && s.tok(first - 2).kind == TokKind::string) first -= 2;
    if (concatenation(s, last + 1)) last = s.expression_end(last + 2) - 1;
    // Parsed as the code assembles it: operands, interpolations and format arguments are holes.
    const ScopeTemplate tpl(s, i, first, last + 1);

    token::CapabilityToken cap;
    std::vector<token::LintEntry> lint;
    token::parse_scope_claim(tpl.text(), cap, lint);
    CapabilityParameters params;
    const std::string expr = s.range_text({first, last + 1});
    auto put = [&](const char* field, const std::string& value) {
      if (auto p = tpl.parameter(value)) {
        params.fields[field] = std::move(*p);
        return;
      }
      if (auto placeholder = placeholder_in(value)) {
        // Filled in at run time by an argument not found: unknown (null), shown as the placeholder.
        params.fields[field] = unknown_param(*placeholder, tok.interpolated);
        return;
      }
      Param p{tpl.opaque() ? expr : value, std::nullopt};
      if (!tpl.opaque()) p.value = json::value(value);
      params.fields[field] = std::move(p);
    };
    if (cap.incoming) put("incoming_client_name", cap.incoming->client_name);
    if (cap.outgoing) {
      put("outgoing_application_sid", cap.outgoing->application_sid);
      if (cap.outgoing->client_name) put("outgoing_client_name", *cap.outgoing->client_name);
      const auto& ps = cap.outgoing->params;
      if (!ps.empty()) {
        // appParams written out in full has its value; one operand (`appParams=' + qs`) is that
        // operand; anything else is known only at run time.
        bool holes = false;
        json::object o;
        for (const auto& [k, v] : ps) {
          holes = holes || tpl.parameter(k) || tpl.parameter(v) || placeholder_in(k) || placeholder_in(v);
          o[k] = v;
        }
        Param p{expr, std::nullopt};
        if (!holes && !tpl.opaque()) p.value = json::value(std::move(o));
        if (auto whole = ps.size() == 1 && ps.front().second.empty() ? tpl.whole_hole(ps.front().first) : std::nullopt)
          p = std::move(*whole);
        params.fields["outgoing_params"] = std::move(p);
      }
    }
    if (cap.event_stream) params.fields["event_stream"] = Param{expr, json::value(json::object())};
    if (auto ttl = handrolled_ttl(ctx, first)) params.fields["ttl"] = std::move(*ttl);
    Finding f = make_finding(rule, ctx, s.begin_offset(first), s.end_offset(last));
    f.capability = params;
    f.map_input = std::move(params);
    sites.push_back({first, last, ctx.out.size(), cap.incoming.has_value(), cap.outgoing.has_value()});
    ctx.out.push_back(std::move(f));
    i = last;
  }
  // An incoming and an outgoing scope string of one token (`[`…incoming…`, `…outgoing…`]`, or
  // each appended under its own `if`) are one construct: one finding with both scopes.
  std::vector<std::size_t> merged_away;
  for (std::size_t k = 0; k + 1 < sites.size(); ++k) {
    const ScopeSite& a = sites[k];
    const ScopeSite& b = sites[k + 1];
    if (a.incoming == a.outgoing || b.incoming == b.outgoing || a.incoming == b.incoming) continue;
    if (!same_token(s, ctx.file, a, b)) continue;
    Finding& into = ctx.out[a.finding];
    Finding& from = ctx.out[b.finding];
    Finding f = make_finding(rule, ctx, s.begin_offset(a.first), s.end_offset(b.last));
    f.capability = std::move(into.capability);
    for (auto& [field, p] : from.capability.fields) f.capability.fields.emplace(field, std::move(p));
    f.map_input = f.capability;
    into = std::move(f);
    merged_away.push_back(b.finding);
    ++k;  // b is taken
  }
  for (auto it = merged_away.rbegin(); it != merged_away.rend(); ++it)
    ctx.out.erase(ctx.out.begin() + static_cast<std::ptrdiff_t>(*it));
}

}  // namespace capmig::scan
