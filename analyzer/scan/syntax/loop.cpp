#include "analyzer/scan/syntax/loop.h"

#include <string_view>

#include "analyzer/lang/lex_support.h"

namespace capmig::scan {
namespace {

constexpr std::string_view kLoopWords[] = {"for", "foreach", "while", "until", "loop"};
constexpr std::string_view kLoopMethods[] = {"forEach", "each",    "each_with_index", "map",  "times",  "upto",
                                             "downto",  "collect", "each_value",      "step", "ForEach"};

std::size_t indent_of(const lang::Syntax& s, std::size_t k) {
  const std::string_view text = s.file().text();
  std::size_t b = s.begin_offset(k);
  while (b > 0 && text[b - 1] != '\n' && text[b - 1] != '\r') --b;
  std::size_t w = 0;
  while (b + w < text.size() && (text[b + w] == ' ' || text[b + w] == '\t')) ++w;
  return w;
}

// The first token of k's line.
std::size_t line_head(const lang::Syntax& s, std::size_t k) {
  while (k > 0 && !s.tok(k).newline_before) --k;
  return k;
}

bool loop_token(const lang::Syntax& s, std::size_t k) {
  if (!s.is_ident(k)) return false;
  const std::string_view t = s.text(k);
  if (k > 0 && s.is_member_op(k - 1)) return lang::lexsupport::one_of(t, kLoopMethods);
  return lang::lexsupport::one_of(t, kLoopWords);
}

// The end of k's line: the first token after it that starts a new line.
std::size_t line_end(const lang::Syntax& s, std::size_t k) {
  ++k;
  while (k < s.size() && !s.tok(k).newline_before) ++k;
  return k;
}

// Whether the loop word at q repeats `target`: nothing between them closes the bracket q is in.
// `any(n for n in names)` closes before the call or the line's end: a comprehension inside a
// condition, not a loop around the call.
bool encloses(const lang::Syntax& s, std::size_t head, std::size_t q, std::size_t target) {
  int depth = 0, depth_q = 0, lowest = 0;
  const std::size_t lo = std::min(q, target), hi = std::max(q, target);
  for (std::size_t k = head; k <= hi; ++k) {
    const std::string_view t = s.text(k);
    const bool opens = t == "(" || t == "[" || t == "{", closes = t == ")" || t == "]" || t == "}";
    if (closes) --depth;  // a closer sits at its opener's depth
    if (k == q) depth_q = depth;
    if (k == lo) lowest = depth;
    if (k > lo) lowest = std::min(lowest, depth);
    if (opens) ++depth;
  }
  return lowest >= depth_q;
}

}  // namespace

bool in_loop_since(const lang::Syntax& s, std::size_t from, std::size_t call) {
  if (call >= s.size() || from >= call) return false;
  // The call's own line: `names.forEach(n => cap.allowClientIncoming(n))`, `for (…) cap.x(n);`,
  // or a postfix `cap.allow_client_incoming n for n in names`.
  const std::size_t head = line_head(s, call);
  for (std::size_t k = std::max(head, from); k < line_end(s, head); ++k)
    if (loop_token(s, k) && (k < call || !(k > 0 && s.is_member_op(k - 1))) && encloses(s, head, k, call)) return true;
  // Each less indented line above it, up to the constructor's own indentation, opens a block
  // the call is in: a loop header there repeats it.
  const std::size_t floor = indent_of(s, from);
  std::size_t inner = indent_of(s, call);
  for (std::size_t k = head; k > from;) {
    const std::size_t h = line_head(s, k - 1);
    if (h < from) break;
    const std::size_t ind = indent_of(s, h);
    if (ind < inner) {
      if (ind < floor) break;  // out of the constructor's block
      for (std::size_t q = h; q < k; ++q)
        if (loop_token(s, q) && encloses(s, h, q, k - 1)) return true;
      inner = ind;
    }
    k = h;
  }
  return false;
}

}  // namespace capmig::scan
