#pragma once
// Language-independent structure over a token stream: bracket pairs, statement extents,
// calls with their arguments, and the assignments that bind names. Enough syntax to follow
// an object through a file without a full parser, and the same code for every language.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/lang/source.h"
#include "analyzer/lang/traits.h"

namespace capmig::lang {

inline constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

struct TokenRange {
  std::size_t begin = 0, end = 0;  // token indices, end exclusive
  bool empty() const { return begin >= end; }
};

struct Arg {
  std::string label;  // `name=` (Python, Kotlin), `name:` (C#, Swift, Ruby, PHP 8); else empty
  bool pair = false;  // Ruby/PHP `key => value` written as a bare argument
  TokenRange range;   // the value, after any label
};

struct Call {
  std::size_t start = 0;          // first token of the callee (`new` included)
  std::size_t name = 0;           // the called name's token
  std::vector<std::string> path;  // callee segments: {"twilio","jwt","ClientCapability"}
  bool has_new = false;
  std::size_t open = npos, close = npos;  // the parentheses; npos for a Ruby paren-less call
  std::vector<Arg> args;
  std::size_t end = 0;  // one past the call's last token
};

struct Assignment {
  std::string handle;   // the bound name as written: cap, this.cap, $cap, @cap, self.cap
  std::size_t lhs = 0;  // first token of the handle
  std::size_t op = 0;
  TokenRange rhs;
};

class Syntax {
 public:
  explicit Syntax(const SourceFile& file);

  const SourceFile& file() const { return file_; }
  const LanguageTraits& traits() const { return traits_; }
  std::size_t size() const { return file_.tokens().size(); }
  const Token& tok(std::size_t i) const { return file_.tokens()[i]; }
  std::string_view text(std::size_t i) const { return file_.token_text(i); }
  bool is(std::size_t i, std::string_view punct) const;
  bool is_ident(std::size_t i) const;
  bool is_member_op(std::size_t i) const;
  // Token i is the keyword `lower` (written in lower case), in any case where the language
  // ignores it (VB.NET's `New`).
  bool is_keyword(std::size_t i, std::string_view lower) const;
  // Bytes [begin, end) lie inside one string literal's token.
  bool in_string(std::uint32_t begin, std::uint32_t end) const;
  // The matching bracket of ( [ { and ) ] }, or npos when unbalanced.
  std::size_t partner(std::size_t i) const { return partner_[i]; }
  std::string range_text(TokenRange r) const;  // exact source text of the tokens' extent
  std::uint32_t begin_offset(std::size_t tok) const { return this->tok(tok).begin; }
  std::uint32_t end_offset(std::size_t tok) const { return this->tok(tok).end; }

  // One past the end of the expression/statement starting at `from` (stops at ';' or ',' at
  // depth 0, at an unmatched closing bracket, or at a line break that ends a statement).
  std::size_t expression_end(std::size_t from) const;
  // The statement containing token i: from its first token to one past its end.
  TokenRange statement_at(std::size_t i) const;

  // A block passed to the call ending before token `at` (Ruby `do |c| … end` or `{ |c| … }`,
  // the form `tap` takes): its parameter's name and the token that closes it.
  struct Block {
    std::string param;
    std::size_t body = 0, close = 0;
  };
  std::optional<Block> block_at(std::size_t at) const;
  // Token k labels a key or a named argument (`{ k: v }`, `f(k: v)`) in a language with
  // colon labels: the name is not read there.
  bool is_label(std::size_t k) const;
  // Ruby, CoffeeScript: token j, right after a name on the same line, begins the arguments of
  // a call written without parentheses (`cap.allow_client_incoming name`, `Device.setup token`).
  bool starts_paren_less_argument(std::size_t j) const;
  // CoffeeScript: tokens [b, e) are a brace-less object, `k: v` entries separated by ',' or
  // line breaks; the start of each entry's key.
  bool starts_implicit_object(std::size_t b) const;
  // A call whose called name is token `name` (which must be an identifier).
  std::optional<Call> call_at(std::size_t name) const;
  // `.m(args).n(args)` chained right after `end` (line breaks allowed before the operator).
  // With a pipe operator (Elixir), `|> M.f(a)` continues the chain while M's last segment is
  // `module`; the piped value is implicit, so the call's args are the ones written.
  std::vector<Call> chain_after(std::size_t end, std::string_view module = {}) const;

  const std::vector<Assignment>& assignments() const { return assignments_; }
  // The assignments to `handle` in the file, in source order.
  std::vector<const Assignment*> assignments_to(std::string_view handle) const;
  // When the member chain starting at token k spells `handle` (and k is not itself a member of
  // something else), the index of its last token; npos otherwise.
  std::size_t handle_starting_at(std::size_t k, std::string_view handle) const;
  // The member chain that ends at token `last` (cap / this.cap / $this->cap), or "".
  std::string handle_ending_at(std::size_t last, std::size_t* first = nullptr) const;

 private:
  bool ends_statement_at_newline(std::size_t i) const;
  // One past the '>' closing a generic argument list opened at `open`, or npos.
  std::size_t generic_end(std::size_t open) const;
  void index_assignments();
  std::vector<Arg> split_args(std::size_t begin, std::size_t end) const;
  // CoffeeScript: the `k: v` lines indented under a call from token `from`; their end, or
  // `from` when there are none.
  std::size_t indented_object_end(std::size_t from, std::size_t call_start) const;
  std::size_t column(std::size_t k) const;

  const SourceFile& file_;
  const LanguageTraits& traits_;
  std::vector<std::size_t> partner_;
  std::vector<Assignment> assignments_;
};

}  // namespace capmig::lang
