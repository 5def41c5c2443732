#pragma once
// A hand-rolled scope string as the code assembles it (match/scope_string.cpp): its literal
// text, with a hole wherever a value is known only at run time: an operand of a concatenation
// (`"…clientName=" + c.name`), an interpolation (`${id}`, `#{id}`, `{id}`, `\(id)`, `$id`), an
// argument that fills a printf/format placeholder (`%s`, `{}`, `{0}`, `{name}`). The scope
// grammar is parsed over the text as usual; a parameter's decoded value then tells which holes,
// and which literal text, make it up.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/core/capability_params.h"
#include "analyzer/scan/lang_names.h"

namespace capmig::scan {

class ScopeTemplate {
 public:
  // The scope string built by the expression [first, end) (a literal, a concatenation, a
  // `"…" % x`, a `"…".format(…)` or a format call), whose scope literal is token `lit`. When
  // `lit` is the format argument of a printf/format call, or a same-file constant that one
  // uses as its format, that call's arguments fill its placeholders. When the expression is
  // bound to a name, `name += …` statements after it in the same block add to the string.
  ScopeTemplate(const Syntax& s, std::size_t lit, std::size_t first, std::size_t end);

  // Literal text, each hole as a marker that survives the scope grammar's form decoding.
  const std::string& text() const { return text_; }
  // Some part of the scope is computed at run time.
  bool dynamic() const { return dynamic_; }
  // The scope literal is used in a way not followed (`"…".replace(a, b)`): even its literal
  // parameters may change at run time.
  bool opaque() const { return opaque_; }
  // The parameter whose decoded value is `value`, when a hole is part of it: exactly one hole
  // is the expression that fills it; literal text mixed with holes is shown as an expression
  // building the whole value (`"volunteer_" + id`, `$"volunteer_{id}"`). Value unknown.
  std::optional<Param> parameter(std::string_view value) const;
  // `value` is exactly one hole (an appParams operand's map decodes to one key, that hole).
  std::optional<Param> whole_hole(std::string_view value) const;

 private:
  // Where holes and literal text come from, and how to write a piece of the value back in it.
  struct Part {
    enum Kind { operand, literal, interpolated, formatted } kind = operand;
    std::string open, close;  // the literal's delimiters as written: `"`, `$"`, `f'`, "`"
    bool raw = false;         // its text is the contents as written (escapes kept)
    // A format: what precedes the literal (`fmt.Sprintf(`), or the method after it
    // (`.format`), or `%` for the operator form.
    std::string prefix, method;
    bool percent = false;
  };
  struct Hole {
    std::string code;        // the expression that fills it
    std::string written;     // how its part writes it: `{id}`, `${id}`, `%s`, `{}`; empty for an operand
    std::string label;       // a named format argument's name
    bool numbered = false;   // `{0}`: written again with the index of the piece's own arguments
    bool expression = true;  // code is one expression of the language
    std::size_t part = 0;
  };

  // `FMT = "…%s…"` … `fmt.Sprintf(FMT, x)`: the first format call that uses the constant the
  // scope literal is bound to.
  bool formatted_constant();
  // `s = <built>` then `s += "&clientName=" + name` in the same block: the pieces added later.
  void appended(TokenRange built);
  void expression(std::size_t first, std::size_t end);
  void operand(std::size_t b, std::size_t e);
  void literal(std::size_t k);
  // A format whose literal is token `lit` filled by `args` (each [begin, end) and a label).
  // captures: a `{name}` with no `name = …` argument reads the variable (Rust's format!).
  void format(std::size_t lit, const std::vector<Arg>& args, Part part, bool captures = false);
  bool format_call(std::size_t lit, const Call& call, std::size_t arg);
  void add_text(std::string_view t);
  void add_hole(Hole h);
  std::string quoted(const Part& p, std::string_view run) const;

  const Syntax& s_;
  std::size_t lit_;
  std::string text_;
  bool dynamic_ = false, opaque_ = false;
  std::string op_;  // the concatenation operator between operands (`+`, `.`, `<>`)
  std::vector<Part> parts_;
  std::vector<Hole> holes_;
};

}  // namespace capmig::scan
