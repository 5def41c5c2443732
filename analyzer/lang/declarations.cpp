#include "analyzer/lang/declarations.h"

#include <algorithm>
#include <initializer_list>

namespace capmig::lang {
namespace {

constexpr std::size_t kMaxParamsBack = 96;     // tokens searched back for a parameter list's '('
constexpr std::size_t kMaxSignatureTail = 16;  // `): Type throws X` between ')' and '{'

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool modifier(const Syntax& s, std::size_t k) {
  return s.is_ident(k) && one_of(s.text(k), {"private", "public", "protected", "internal", "static", "final",
                                             "readonly", "var", "val", "lateinit", "override", "open", "required"});
}

// Index of the first token of the modifiers and annotations before `k` (`@Inject final`,
// `[FromServices]`, `private readonly`); `saw` says whether there was any.
std::size_t before_modifiers(const Syntax& s, std::size_t k, bool& saw) {
  saw = false;
  while (k > 0) {
    const std::size_t p = k - 1;
    if (modifier(s, p)) {
      k = p;
    } else if (s.is(p, ")") && s.partner(p) != npos && s.partner(p) >= 2 && s.is_ident(s.partner(p) - 1) &&
               (s.text(s.partner(p) - 1).starts_with("@") || s.is(s.partner(p) - 2, "@"))) {
      k = s.partner(p) - 1;  // @Qualifier("voice")
      if (s.is(k - 1, "@")) --k;
    } else if (s.is_ident(p) && s.text(p).starts_with("@") && s.text(p).size() > 1) {
      k = p;  // @Autowired lexed as one token
    } else if (s.is_ident(p) && p > 0 && s.is(p - 1, "@")) {
      k = p - 1;
    } else if (s.is(p, "]") && s.partner(p) != npos) {
      k = s.partner(p);  // [FromServices]
    } else {
      break;
    }
    saw = true;
  }
  return k;
}

// The '(' of the parameter list holding token k, if k sits directly in one.
std::size_t enclosing_paren(const Syntax& s, std::size_t k) {
  for (std::size_t p = k, n = 0; p > 0 && n < kMaxParamsBack; ++n) {
    --p;
    if (s.is(p, "(")) return p;
    if (s.is(p, ";") || s.is(p, "{") || s.is(p, "}")) return npos;
    if ((s.is(p, ")") || s.is(p, "]") || s.is(p, ">")) && s.partner(p) != npos && s.partner(p) < p) p = s.partner(p);
  }
  return npos;
}

// The body of the function whose parameter list opens at `open`: `(…) {`, `(…): T {`,
// `(…) throws X {`, `(…) => {`, C# `(…) : base(…) {`.
std::optional<TokenRange> function_body(const Syntax& s, std::size_t open) {
  const std::size_t close = s.partner(open);
  if (close == npos) return std::nullopt;
  for (std::size_t b = close + 1; b < s.size() && b <= close + kMaxSignatureTail; ++b) {
    if (s.is(b, "{")) {
      if (s.partner(b) == npos) return std::nullopt;
      return TokenRange{b + 1, s.partner(b)};
    }
    if (s.is(b, ";") || s.is(b, "}") || s.is(b, "=") || s.is(b, ",")) return std::nullopt;
    if (s.is(b, "(") && s.partner(b) != npos) b = s.partner(b);
  }
  return std::nullopt;
}

// Fills the declaration's kind and body from where it sits; false if it is neither a
// parameter of a function with a body nor a field declared without a value.
bool place(const Syntax& s, std::size_t first, std::size_t after, TypedDeclaration& d) {
  bool saw = false;
  const std::size_t head = before_modifiers(s, first, saw);
  if (head > 0 && (s.is(head - 1, "(") || s.is(head - 1, ","))) {
    const std::size_t open = enclosing_paren(s, head);
    if (open == npos) return false;
    auto body = function_body(s, open);
    if (!body) return false;
    d.kind = TypedDeclaration::Kind::parameter;
    d.body = *body;
    for (std::size_t q = head; q < first; ++q) d.property = d.property || modifier(s, q);
    return s.is(after, ",") || s.is(after, ")") || s.is(after, "=");
  }
  d.kind = TypedDeclaration::Kind::field;
  return saw && s.is(after, ";");
}

}  // namespace

std::vector<TypedDeclaration> typed_declarations(const Syntax& s, std::string_view type_name) {
  std::vector<TypedDeclaration> out;
  const auto& traits = s.traits();
  if (!traits.type_before_name && !traits.type_annotations) return out;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (!s.is_ident(k) || s.text(k) != type_name) continue;
    if (k + 1 < s.size() && s.is_member_op(k + 1)) continue;  // a qualifier, not the type's end
    TypedDeclaration d;
    std::size_t b = k;
    while (b >= 2 && s.is_member_op(b - 1) && s.is_ident(b - 2)) b -= 2;
    if (b >= 1 && s.is(b - 1, "\\")) --b;  // PHP's fully qualified \Twilio\Jwt\ClientToken
    d.type = {b, k + 1};
    for (std::size_t q = b; q <= k; ++q)
      if (s.is_ident(q)) d.type_path.emplace_back(s.text(q));
    std::size_t after = k + 1;
    if (s.is(after, "?")) ++after;  // C# / Kotlin nullable
    if (traits.type_before_name && s.is_ident(after) && !one_of(s.text(after), {"instanceof", "as", "is"})) {
      d.name = after;
      if (place(s, b, after + 1, d)) out.push_back(std::move(d));
    } else if (traits.type_annotations && b >= 2 && s.is(b - 1, ":") && s.is_ident(b - 2)) {
      d.name = b - 2;  // name: Type
      if (place(s, d.name, after, d)) out.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace capmig::lang
