#include "analyzer/fix/construct_rewrite.h"
#include "analyzer/fix/imports.h"
#include "analyzer/lang/php/code_at.h"

#include <algorithm>
#include <cctype>

#include "analyzer/codegen/access_token_code.h"
#include "analyzer/fix/project/library_check.h"
#include "analyzer/lang/dialect.h"

namespace capmig::fix {
namespace json = boost::json;
using lang::npos;
using lang::TokenRange;

// --- blocks -------------------------------------------------------------------------------

Blocks::Blocks(const lang::Syntax& s)
    : s_(s), brace_blocks_(lang::dialect(s.file().language()).traits.brace_blocks), enclosing_(s.size(), npos) {
  std::vector<std::size_t> stack;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.is(i, "}") && !stack.empty() && s.partner(i) == stack.back()) stack.pop_back();
    enclosing_[i] = stack.empty() ? npos : stack.back();
    if (s.is(i, "{") && s.partner(i) != npos) stack.push_back(i);
  }
}

std::size_t Blocks::indent(std::size_t tok) const { return line_indent(s_.file().text(), s_.tok(tok).begin).size(); }

bool Blocks::control_word(std::size_t k) const {
  static constexpr std::string_view kControl[] = {
      "if",    "else",   "elseif",     "for",      "foreach",   "while", "do",   "switch", "case", "default", "catch",
      "endif", "endfor", "endforeach", "endwhile", "endswitch", "using", "lock", "fixed",  "with", "guard",   "when"};
  if (!s_.is_ident(k) || (k > 0 && s_.is_member_op(k - 1))) return false;
  return std::find(std::begin(kControl), std::end(kControl), s_.text(k)) != std::end(kControl);
}

bool Blocks::braceless_body(std::size_t k) const {
  if (!brace_blocks_ || k == 0) return false;
  std::size_t p = k - 1;
  if (s_.is(p, ":")) {  // PHP `if (x):` / `else:`
    if (p == 0) return false;
    --p;
  }
  if (control_word(p)) return true;  // else, do
  if (!s_.is(p, ")")) return false;
  const std::size_t open = s_.partner(p);
  return open != npos && open > 0 && control_word(open - 1);
}

bool Blocks::flat_between(std::size_t a, std::size_t b) const {
  if (!brace_blocks_ || braceless_body(a)) return false;
  const std::size_t home = brace(a);
  for (std::size_t k = a; k < b; ++k)
    if (brace(k) == home && control_word(k)) return false;
  return true;
}

bool Blocks::within(std::size_t inner, std::size_t outer) const {
  if (inner < outer) return false;
  const std::size_t home = brace(outer);
  std::size_t b = brace(inner);
  while (b != home && b != npos) b = brace(b);
  if (b != home || braceless_body(outer)) return false;
  if (flat_between(outer, inner)) return true;  // braces alone nest it
  const std::size_t col = indent(outer);
  if (indent(inner) < col) return false;
  for (std::size_t k = outer + 1; k < inner; ++k)
    if (s_.tok(k).newline_before && indent(k) < col && brace(k) == home) return false;
  return true;
}

bool Blocks::same_block(std::size_t a, std::size_t b) const {
  if (a > b) std::swap(a, b);
  if (brace(a) != brace(b) || braceless_body(a) || braceless_body(b)) return false;
  if (flat_between(a, b)) return true;  // mixed tabs and spaces say nothing in a brace language
  if (indent(a) != indent(b)) return false;
  // Indentation blocks (Python, Ruby `end`): no line in between may start left of them.
  const std::size_t col = indent(a);
  for (std::size_t k = a + 1; k < b; ++k)
    if (s_.tok(k).newline_before && indent(k) < col && brace(k) == brace(a)) return false;
  return true;
}

// --- helpers ------------------------------------------------------------------------------

std::string template_for(const scan::Rule& rule, lang::Language language) {
  if (!rule.fix.given) return std::string(lang::dialect(language).target);
  auto it = rule.fix.templates.find(language);
  return it == rule.fix.templates.end() ? std::string() : it->second;
}

namespace {

bool is_word(std::string_view s, std::initializer_list<std::string_view> words) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains_any(std::string_view s, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(), [&](std::string_view n) { return s.find(n) != s.npos; });
}

// The same word as `like`, in its case style: AUTH_TOKEN -> API_KEY_SID, authToken -> apiKeySid.
std::string in_case_of(std::string_view like, std::string_view lower_words_underscored) {
  const bool upper =
      std::none_of(like.begin(), like.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  const char sep = like.find('_') != like.npos ? '_' : like.find('-') != like.npos ? '-' : 0;
  const bool camel = !sep && std::any_of(like.begin() + 1, like.end(),
                                         [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
  const bool pascal = camel && std::isupper(static_cast<unsigned char>(like[0]));
  std::string out;
  bool word_start = true;
  for (char c : lower_words_underscored) {
    if (c == '_') {
      if (sep) out += sep;
      word_start = true;
      continue;
    }
    char o = c;
    if (upper)
      o = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    else if (camel && word_start && (!out.empty() || pascal))
      o = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    out += o;
    word_start = false;
  }
  return out;
}

}  // namespace

bool reads_environment_text(std::string_view text) {
  return contains_any(text, {"process.env", "os.environ", "os.getenv", "ENV[", "ENV.fetch", "getenv(", "System.getenv",
                             "Environment.GetEnvironmentVariable", "Deno.env", "$_ENV", "$_SERVER"});
}

std::optional<ApiKeyExpressions> api_key_from_config(std::string_view text) {
  if (reads_environment_text(text) || text.find('\n') != std::string_view::npos) return std::nullopt;
  // Java 10.8+ passes the token as bytes; the template adds its own getBytes.
  std::string t(text);
  if (const auto gb = t.rfind(".getBytes("); gb != std::string::npos && t.back() == ')') t.erase(gb);
  // The last "auth token" word in the text, any spelling.
  std::size_t pos = std::string::npos, len = 0;
  for (std::size_t i = 0; i + 9 <= t.size(); ++i) {
    auto lower = [&](std::size_t k) { return static_cast<char>(std::tolower(static_cast<unsigned char>(t[k]))); };
    if (lower(i) != 'a' || lower(i + 1) != 'u' || lower(i + 2) != 't' || lower(i + 3) != 'h') continue;
    std::size_t j = i + 4;
    if (j < t.size() && (t[j] == '_' || t[j] == '-')) ++j;
    static constexpr std::string_view kToken = "token";
    bool ok = j + kToken.size() <= t.size();
    for (std::size_t q = 0; ok && q < kToken.size(); ++q) ok = lower(j + q) == kToken[q];
    if (ok) {
      pos = i;
      len = j + kToken.size() - i;
    }
  }
  if (pos == std::string::npos) return std::nullopt;
  // The identifier holding the word (TWILIO_AUTH_TOKEN, getAuthToken, twilio_auth_token) must be
  // read from an object: a member, an index or a key, and not a field of the class itself.
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::size_t seg = pos;
  while (seg > 0 && ident(t[seg - 1])) --seg;
  if (seg == 0) return std::nullopt;  // a bare name: a variable or constant, not a config object
  const std::string head = t.substr(0, seg);
  const char before = head.back();
  if (before != '.' && before != '[' && before != '>' && before != '\'' && before != '"' && before != ':')
    return std::nullopt;
  for (std::string_view self : {"this.", "self.", "$this->", "@", "this->"})
    if (head == self) return std::nullopt;
  const std::string word = t.substr(pos, len);
  auto make = [&](std::string_view what) {
    std::string w = in_case_of(word, what);
    // getAuthToken -> getApiKeySid: a word inside an identifier starts upper case in camel case.
    if (pos > seg && std::isupper(static_cast<unsigned char>(word[0])) && !w.empty())
      w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    return t.substr(0, pos) + w + t.substr(pos + len);
  };
  ApiKeyExpressions keys{make("api_key_sid"), make("api_key_secret"), ""};
  if (before == '.' || before == '>') {
    std::size_t e = pos + len;
    while (e < t.size() && ident(t[e])) ++e;
    keys.member = keys.sid.substr(seg, e - seg + (keys.sid.size() - t.size()));
  }
  return keys;
}

namespace {

enum class ScopeKind { incoming, outgoing, event_stream, unknown };

struct ScopeStatement {
  TokenRange range;  // empty: not a statement of its own
  ScopeKind kind = ScopeKind::unknown;
  std::string client;  // an incoming scope's client name, as written (one argument)
};

class Planner {
 public:
  Planner(const FileContext& fc, const scan::Rule& rule, const scan::Finding& finding,
          const scan::ConstructSites& sites, const RewriteOptions& options,
          std::map<std::size_t, std::set<std::string>>& taken)
      : fc_(fc), s_(fc.syntax), rule_(rule), f_(finding), sites_(sites), opt_(options), taken_(taken) {}

  ConstructRewrite run() {
    if (!rule_.fix.library_change.empty()) return fail("library-change", rule_.fix.library_change);
    lang_ = template_for(rule_, fc_.file.language());
    if (lang_.empty())
      return fail("no-template",
                  "capmig has no Access Token template for " + std::string(scan::to_string(fc_.file.language())));
    if (!f_.mapping) return fail("no-mapping", "the construct has no mapping");
    // `ClientCapabilityToken(*client.auth)`: the account and auth token come spread from one
    // value; the Access Token's arguments cannot be written from it.
    for (const char* key : {"account_sid", "auth_token"})
      if (const auto it = f_.capability.fields.find(key);
          it != f_.capability.fields.end() && !it->second.expression &&
          (it->second.text.starts_with("*") || it->second.text.starts_with("...")))
        return fail("spread-credentials", "the account SID and auth token are spread from " + it->second.text +
                                              ": pass the account SID, API key SID and secret to the Access Token "
                                              "one by one, by hand");
    if (!sites_.helper.empty())
      return fail("returned-by-helper", "the capability object is returned by " + sites_.helper +
                                            "() and configured by its caller; migrate the two together by hand");
    if (!f_.provides.empty()) {
      std::string where;
      for (const auto& r : f_.provides) where += (where.empty() ? "" : ", ") + r.path + ":" + std::to_string(r.line);
      return fail("provided-object", "the capability object built here is provided to the code that adds its scopes (" +
                                         where + "); migrate the two together, by hand");
    }
    if (sites_.provided)
      return fail("provided-object", "the capability object is provided by the caller or by dependency injection (" +
                                         std::string(fc_.syntax.text(sites_.ctor.name)) + ")" +
                                         (f_.provided_by ? ", built at " + f_.provided_by->path + ":" +
                                                               std::to_string(f_.provided_by->line)
                                                         : std::string()) +
                                         "; migrate the code that builds it and this code together, by hand");
    if (sites_.used_in_interpolation)
      return fail("in-interpolation",
                  "the capability object is used inside a string's interpolation (`${…}`); move that use into a "
                  "statement of its own, then run fix again");
    if (sites_.configured_in_block)
      return fail("configured-in-block",
                  "the capability object is configured inside a block (tap); migrate it by hand");
    if (!sites_.class_variable.empty())
      return fail("class-in-variable", "the class is named by " + sites_.class_variable +
                                           ", which may hold another class at run time; migrate by hand");
    if (!sites_.scope_functions.empty())
      return fail("scopes-from-helper", "the scopes are built by " + sites_.scope_functions.front() +
                                            "(), which other code may call too; move them inline or migrate by hand");
    if (!locate_terminal()) return out_;
    if (!check_uses()) return out_;
    if (!collect_scope_statements()) return out_;
    if (!settle_conditional_scopes()) return out_;
    if (!check_whole_lines()) return out_;
    if (!check_not_reassigned()) return out_;
    if (!render()) return out_;
    out_.status = Status::rewritten;
    return out_;
  }

 private:
  // `code` classes the reason for tallies ("conditional-scopes"); the sentence is for the reader.
  ConstructRewrite fail(std::string_view code, std::string reason) {
    out_.status = Status::needs_input;
    if (out_.reasons.empty()) out_.reason_code = code;
    out_.reasons.push_back(std::move(reason));
    return out_;
  }
  bool refuse(std::string_view code, std::string reason) {
    fail(code, std::move(reason));
    return false;
  }
  std::uint32_t line(std::size_t tok) const { return fc_.file.line_of(s_.tok(tok).begin); }

  // The API key an Access Token already built in this file signs with (a function that serves
  // both token kinds): `new AccessToken(<our account SID>, key, secret, …)`, with the key and
  // secret read from the same object as our account SID, so they are in scope here too. None
  // when two such tokens disagree.
  std::optional<ApiKeyExpressions> api_key_in_file(const std::string& account_text) const {
    const std::string root = root_name(account_text);
    if (root.empty() || root == account_text) return std::nullopt;
    std::optional<ApiKeyExpressions> found;
    for (std::size_t k = 0; k < s_.size(); ++k) {
      if (!s_.is_ident(k) || s_.text(k) != "AccessToken") continue;
      auto c = s_.call_at(k);  // new AccessToken(…), AccessToken(…)
      if (!c && s_.is_member_op(k + 1) && s_.is_ident(k + 2)) c = s_.call_at(k + 2);  // .new(…), .Builder(…)
      if (!c) continue;
      std::vector<TokenRange> pos;
      for (const auto& a : c->args)
        if (a.label.empty() && !a.pair) pos.push_back(a.range);
      if (pos.size() < 3 || s_.range_text(pos[0]) != account_text) continue;
      ApiKeyExpressions keys{s_.range_text(pos[1]), s_.range_text(pos[2]), ""};
      if (s_.tok(pos[1].begin).kind == lang::TokKind::string || s_.tok(pos[2].begin).kind == lang::TokKind::string ||
          root_name(keys.sid) != root || root_name(keys.secret) != root)
        continue;
      if (found && (found->sid != keys.sid || found->secret != keys.secret)) return std::nullopt;
      found = std::move(keys);
    }
    return found;
  }

  // `case 'agent':` / `default:` in front of a statement in a brace language labels it and
  // stays; the statement starts after it (up to `limit`, the statement's own first token).
  std::size_t after_case_label(std::size_t b, std::size_t limit) const {
    if (!s_.traits().brace_blocks || !s_.is_ident(b) || (s_.text(b) != "case" && s_.text(b) != "default")) return b;
    for (std::size_t k = b + 1; k < limit; ++k) {
      if (s_.partner(k) != lang::npos && s_.partner(k) > k) {
        k = s_.partner(k);
        continue;
      }
      if (s_.is(k, ":")) return k + 1;
    }
    return b;
  }

  // `config` of `config.authToken`, `settings` of `settings['AUTH_TOKEN']`.
  static std::string root_name(std::string_view text) {
    std::size_t e = 0;
    while (e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_' || text[e] == '$'))
      ++e;
    return std::string(text.substr(0, e));
  }
  // The file builds `name` itself from a literal (`const config = { accountSid: …, authToken: … }`):
  // its keys are the ones written there, so an API key read from it would be undefined.
  bool literal_in_file(std::string_view name) const {
    if (name.empty()) return false;
    for (std::size_t k = 0; k + 2 < s_.size(); ++k) {
      if (!s_.is_ident(k) || s_.text(k) != name || !s_.is(k + 1, "=")) continue;
      const auto v = s_.text(k + 2);
      if (v == "{" || v == "[" || v == "dict" || v == "array" || v == "Hash" || v == "new") return true;
    }
    return false;
  }
  std::string at_line(std::size_t tok) const { return " (line " + std::to_string(line(tok)) + ")"; }

  bool is_terminal(const lang::Call& c) const { return rule_.construct.terminal.count(s_.text(c.name)) > 0; }
  bool is_known(const lang::Call& c) const {
    const auto n = s_.text(c.name);
    return rule_.construct.methods.count(n) || rule_.construct.neutral.count(n);
  }

  // The one call that produces the token: chained on the constructor, or on the bound name.
  bool locate_terminal() {
    std::size_t found = 0;
    for (std::size_t j = 0; j < sites_.ctor_chain.calls.size(); ++j)
      if (is_terminal(sites_.ctor_chain.calls[j])) {
        ++found;
        term_use_ = &sites_.ctor_chain;
        term_call_ = j;
      }
    chained_ = found > 0;
    if (!chained_)
      for (const auto& u : sites_.uses)
        for (std::size_t j = 0; j < u.calls.size(); ++j)
          if (is_terminal(u.calls[j])) {
            ++found;
            term_use_ = &u;
            term_call_ = j;
          }
    if (found == 0)
      return refuse("token-elsewhere",
                    "the token is not generated in this file next to the construct (the capability object is "
                    "returned or passed on); migrate the code that generates it by hand");
    if (found > 1)
      return refuse("generated-twice",
                    "the token is generated " + std::to_string(found) + " times from one capability object");
    stmt_t_ = outer_statement(term_use_->begin);
    return true;
  }

  // The statement starting at `begin`, at least through the call ending at `call_end`: Ruby's
  // paren-less `cap.allow x, y` has commas at statement depth.
  TokenRange statement_through(std::size_t begin, std::size_t call_end) const {
    TokenRange st = s_.statement_at(begin);
    if (st.end < call_end) {
      st.end = call_end;
      if (s_.is(st.end, ";")) ++st.end;
    }
    return st;
  }

  // `{` of an object/hash literal (an expression), not of a block.
  bool expression_brace(std::size_t open) const {
    if (open == 0) return false;
    const std::size_t p = open - 1;
    const auto t = s_.text(p);
    if (s_.is_ident(p)) return t == "return" || t == "yield" || t == "await";
    if (s_.tok(p).kind != lang::TokKind::punct) return false;
    if (t == "=>") return s_.traits().pair_arrow;
    for (std::string_view op : {"(", "[", ",", ":", "=", "?", "||", "&&", "??", "<<", "+", "!"})
      if (t == op) return true;
    return false;
  }

  // The statement holding token k, out of any call arguments or literal it sits in:
  // `res.json({ token: cap.toJwt() })` is one statement, not `cap.toJwt()`.
  TokenRange outer_statement(std::size_t k) const {
    TokenRange st = s_.statement_at(k);
    for (int guard = 0; guard < 64 && st.begin > 0; ++guard) {
      const std::size_t open = st.begin - 1;
      const bool bracket = s_.is(open, "(") || s_.is(open, "[") || (s_.is(open, "{") && expression_brace(open));
      if (!bracket) break;
      st = s_.statement_at(open);
    }
    return st;
  }

  // Every use of the object is understood, unconditional, in the block that creates it.
  bool check_uses() {
    for (std::size_t j = 0; j < term_call_; ++j)
      if (!is_known(term_use_->calls[j]))
        return refuse("unknown-method", "unknown call ." + std::string(s_.text(term_use_->calls[j].name)) +
                                            "() on the capability object" + at_line(term_use_->calls[j].name));
    if (chained_) return true;  // the object never has a name: nothing else can reach it
    if (!sites_.bound)
      return refuse("object-unbound", "the capability object is not bound to a name the rewrite can follow");
    handle_ = sites_.bound->handle;
    if (handle_.find_first_of(".>@") != std::string::npos || handle_.starts_with("$this") ||
        handle_.starts_with("self") || handle_.starts_with("this"))
      return refuse("object-in-field", "the capability object is kept in " + handle_ + ", which other code can reach");
    stmt_ctor_ = statement_through(sites_.ctor.start, sites_.ctor_chain.end);
    if (stmt_ctor_.begin > sites_.bound->lhs) stmt_ctor_.begin = s_.statement_at(sites_.bound->lhs).begin;
    stmt_ctor_.begin = after_case_label(stmt_ctor_.begin, sites_.bound->lhs);
    if (stmt_ctor_.end < sites_.ctor_chain.end)
      return refuse("in-larger-statement",
                    "the constructor is part of a larger statement" + at_line(sites_.ctor.start));
    // `if (admin) var cap = new Capability(…)`: replacing that statement would mint always.
    for (std::size_t k = stmt_ctor_.begin; k < sites_.ctor.start; ++k)
      if (fc_.blocks.control_word(k))
        return refuse("conditional-constructor",
                      "the capability object is created under a condition" + at_line(sites_.ctor.start));
    for (const auto& c : sites_.ctor_chain.calls)
      if (!is_known(c))
        return refuse("unknown-method",
                      "unknown call ." + std::string(s_.text(c.name)) + "() on the capability object");
    if (!fc_.blocks.within(stmt_t_.begin, stmt_ctor_.begin) || stmt_t_.begin < stmt_ctor_.end)
      return refuse("token-outside-block",
                    "the token is generated outside the block that creates the capability" + at_line(term_use_->begin));
    if (const auto checked = lang::dialect(fc_.file.language()).capability_checked_exception;
        !checked.empty() && inside_try(stmt_t_.begin, stmt_ctor_.begin) &&
        fc_.file.text().find(checked) != std::string_view::npos)
      return refuse("checked-exception",
                    "the token is generated inside a try whose catch names the capability's checked " +
                        std::string(checked) +
                        ", "
                        "which would no longer compile; remove that catch while migrating" +
                        at_line(stmt_t_.begin));

    std::set<std::size_t> use_starts;
    for (const auto& u : sites_.uses) {
      use_starts.insert(u.begin);
      if (&u == term_use_) continue;
      if (u.begin > term_use_->begin)
        return refuse("used-after-generate",
                      "the capability object is used after the token is generated" + at_line(u.begin));
      for (const auto& c : u.calls)
        if (!is_known(c))
          return refuse("unknown-method", "unknown call ." + std::string(s_.text(c.name)) +
                                              "() on the capability object" + at_line(c.name));
      const TokenRange st = statement_through(u.begin, u.end);
      const std::size_t end = s_.is(u.end, ";") ? u.end + 1 : u.end;
      // Ruby's `cap.allow_client_incoming(name) if name`: the call under a trailing condition.
      if (st.begin == u.begin && st.end > end && s_.traits().paren_less_calls && s_.is_ident(u.end) &&
          is_word(s_.text(u.end), {"if", "unless"})) {
        if (!conditional_scope(st.begin, true)) return false;
        continue;
      }
      // `if (name) cap.allowClientIncoming(name);`: the call is a brace-less branch's body.
      if (fc_.blocks.braceless_body(u.begin)) {
        if (!conditional_scope(u.begin)) return false;
        continue;
      }
      if (st.begin != u.begin || st.end != end)
        return refuse("in-larger-expression",
                      "a call on the capability object is part of a larger expression" + at_line(u.begin));
      if (!fc_.blocks.same_block(st.begin, stmt_ctor_.begin)) {
        // A statement of its own in a branch: a grant field set there (split_grant), or a draft
        // that leaves it in its branch for the person to turn into a grant field.
        if (!conditional_scope(st.begin, false, scope_of(u, st))) return false;
        continue;
      }
      scope_statements_.push_back(scope_of(u, st));
      removed_.push_back(st);
    }
    removed_.push_back(stmt_ctor_);
    // Any other mention of the name (an argument, a return, a closure) lets the object escape.
    const std::size_t stop = sites_.lifetime_end ? sites_.lifetime_end : s_.size();
    std::size_t prints = 0;
    for (std::size_t k = stmt_ctor_.end; k < stop; ++k) {
      if (s_.handle_starting_at(k, handle_) == npos || use_starts.count(k) || s_.is_label(k)) continue;
      // Debug output of the object goes with it: the token is the same, only a log line is not.
      if (const auto st = print_statement_of(k)) {
        removed_.push_back(*st);
        ++prints;
        k = st->end - 1;
        continue;
      }
      return refuse("object-escapes",
                    "the capability object " + handle_ + " is used beyond its method calls" + at_line(k));
    }
    if (prints)
      out_.notes.push_back("removed " + std::to_string(prints) + (prints == 1 ? " statement" : " statements") +
                           " that printed the capability object (it held the auth token); log the Access Token's "
                           "identity instead if you need it");
    // A mention the lexer could not see as a token: inside an interpolated string.
    if (mentioned_in_interpolation(stmt_ctor_.end, stop))
      return refuse("object-escapes",
                    "the capability object " + handle_ + " is mentioned inside an interpolated string");
    return whole_php_lines();
  }

  // PHP in a page: the new statements go on the line of the statement that signs, and the old
  // statements' lines are deleted, so each of those lines must be PHP code from end to end,
  // not HTML or JavaScript around an inline `<?php echo $capability->generateToken(); ?>`.
  bool whole_php_lines() {
    if (fc_.file.language() != lang::Language::php) return true;
    const auto text = fc_.file.text();
    auto bad = [&](const TokenRange& st, bool whole_line) {
      const std::size_t b = s_.tok(st.begin).begin, e = s_.tok(st.end - 1).end;
      const std::size_t lb = line_start(text, b);
      const std::size_t le = std::min(next_line_start(text, e - 1), text.size());
      return !lang::php_code_at(fc_.file, lb) || text.substr(lb, b - lb).find("<?") != std::string_view::npos ||
             (whole_line && text.substr(e, le - e).find("?>") != std::string_view::npos);
    };
    for (const auto& st : removed_)
      if (bad(st, true))
        return refuse("in-template", "the capability's statement" + at_line(st.begin) +
                                         " shares its line with the page around an inline <?php … ?>: put the "
                                         "capability code in one PHP block of its own, then run fix again");
    if (bad(stmt_t_, false))
      return refuse("in-template", "the token is made inside an inline <?php … ?> of the page" +
                                       at_line(stmt_t_.begin) +
                                       ": build it in a PHP block before the markup, echo only the variable, then "
                                       "run fix again");
    return true;
  }

  // A scope added under a condition or in a loop: no rewrite. A draft grants all of them and
  // leaves each such call where it is, so the code fails loudly there until a person moves
  // that scope's grant field under the same condition.
  // In a loop (several client names), or in a callback, a grant has no one field to set: no draft.
  // `trailing`: the statement carries its own condition (Ruby's `… if x`) in the constructor's block.
  // `whole`: the call is a statement of its own in its branch, which split_grant can replace.
  bool conditional_scope(std::size_t stmt, bool trailing = false, std::optional<ScopeStatement> whole = {}) {
    if (!(trailing ? fc_.blocks.same_block(stmt, stmt_ctor_.begin) : under_condition_only(stmt))) {
      // Built once at module or class level, given scopes inside a function: every call adds
      // them again to the one object (probe C1 026, a node 1.x route).
      const auto here = enclosing_parameters(stmt), ctor = enclosing_parameters(sites_.ctor.start);
      if (here && (!ctor || here->begin != ctor->begin))
        return refuse("object-shared", "the capability object is built once" + at_line(sites_.ctor.start) +
                                           ", outside the function that adds its scopes" + at_line(stmt) +
                                           ": every call adds them to the same object; build it in that function, "
                                           "then run fix again");
      return refuse("conditional-scopes", "scopes are added conditionally or in a loop" + at_line(stmt));
    }
    conditional_lines_.insert(line(stmt));
    conditional_.push_back(whole ? *whole : ScopeStatement{TokenRange{stmt, stmt}, ScopeKind::unknown, ""});
    return true;
  }

  // Scopes added under a condition: a grant built field by field where they were (each field
  // set on the same path the scope was added on), or else a draft, or needs-input.
  bool settle_conditional_scopes() {
    if (conditional_.empty()) return true;
    split_ = can_split();
    if (split_) return true;
    if (!opt_.draft)
      return refuse("conditional-scopes",
                    "scopes are added conditionally or in a loop" + at_line(conditional_.front().range.begin));
    out_.notes.push_back("");  // filled in by render(), once every such line is known
    return true;
  }

  // The grant can replace the capability statement by statement when: the template can build
  // it field by field; every conditional scope is an outgoing scope in a statement of its own (an
  // incoming one would make the identity conditional); each kind is added once; and no scope
  // comes through the constructor, a chain or a scope variable.
  bool can_split() const {
    if (!split_grant_supported(lang_) || chained_ || !sites_.ctor_chain.calls.empty() || scope_variables_removed_)
      return false;
    // The outgoing client name is an identity source: only the incoming name's own expression
    // leaves the identity the same on both paths.
    const auto& fields = f_.capability.fields;
    if (const auto out = fields.find("outgoing_client_name"); out != fields.end()) {
      const auto in = fields.find("incoming_client_name");
      if (in == fields.end() || in->second.text != out->second.text) return false;
    }
    for (std::size_t k = stmt_ctor_.begin; k < stmt_ctor_.end; ++k)
      if (s_.is_ident(k) && contains_any(lower(s_.text(k)), {"scope", "allow"})) return false;
    std::size_t incoming = 0, outgoing = 0;
    for (const auto& st : scope_statements_) {
      if (st.kind == ScopeKind::unknown) return false;
      incoming += st.kind == ScopeKind::incoming;
      outgoing += st.kind == ScopeKind::outgoing;
    }
    std::vector<const ScopeStatement*> branch_incoming;
    for (const auto& c : conditional_) {
      if (c.range.end == c.range.begin) return false;
      if (c.kind == ScopeKind::incoming) {
        branch_incoming.push_back(&c);
        continue;
      }
      if (c.kind != ScopeKind::outgoing) return false;
      ++outgoing;
    }
    if (outgoing > 1) return false;
    if (branch_incoming.empty()) return incoming <= 1;
    // An incoming scope in each branch of one if/else (TwilioDevEd's browser-calls: the support
    // dashboard's 'support_agent', everyone else 'customer'): every path names exactly one
    // client, which the identity takes per branch.
    return incoming == 0 && branch_incoming.size() == 2 && !branch_incoming[0]->client.empty() &&
           !branch_incoming[1]->client.empty() && if_else_pair(*branch_incoming[0], *branch_incoming[1]) &&
           split_grant_supported(lang_, true) && !f_.capability.fields.count("outgoing_client_name");
  }

  // `a` alone in the block of an `if` (not an `else if`), `b` alone in the `else` block after it.
  bool if_else_pair(const ScopeStatement& a, const ScopeStatement& b) const {
    const std::size_t ka = a.range.begin, kb = b.range.begin;
    if (s_.traits().brace_blocks) {
      const std::size_t oa = fc_.blocks.brace(ka), ob = fc_.blocks.brace(kb);
      if (oa == npos || ob == npos || !s_.is(oa, "{") || s_.partner(oa) == npos || s_.partner(ob) == npos) return false;
      const std::size_t ca = s_.partner(oa);
      if (!(s_.is_ident(ca + 1) && s_.text(ca + 1) == "else" && ca + 2 == ob)) return false;
      if (oa == 0 || !s_.is(oa - 1, ")") || s_.partner(oa - 1) == npos) return false;
      const std::size_t cond = s_.partner(oa - 1);
      const bool plain_if = cond > 0 && s_.is_ident(cond - 1) && s_.text(cond - 1) == "if" &&
                            !(cond > 1 && s_.is_ident(cond - 2) && s_.text(cond - 2) == "else");
      return plain_if && ka == oa + 1 && kb == ob + 1 && a.range.end == ca && b.range.end == s_.partner(ob);
    }
    // Indentation (Python, Ruby): the line that opens each one's block.
    auto line_head = [&](std::size_t k) {
      while (k > 0 && !s_.tok(k).newline_before) --k;
      return k;
    };
    auto header = [&](std::size_t k) {
      const std::size_t col = fc_.blocks.indent(k);
      for (std::size_t h = line_head(k); h > 0;) {
        h = line_head(h - 1);
        if (fc_.blocks.indent(h) < col) return h;
      }
      return npos;
    };
    const std::size_t ha = header(ka), hb = header(kb);
    if (ha == npos || hb == npos || s_.text(ha) != "if" || s_.text(hb) != "else" ||
        fc_.blocks.indent(ha) != fc_.blocks.indent(hb))
      return false;
    // Between the `if` line and the `else` line only a (deeper lines); after b, its block ends.
    for (std::size_t k = ha + 1; k < hb; ++k)
      if (s_.tok(k).newline_before &&
          (fc_.blocks.indent(k) <= fc_.blocks.indent(ha) || (k != ka && k < ka) || (k > ka && k >= a.range.end)))
        return false;
    for (std::size_t k = hb + 1; k < s_.size() && k < b.range.end; ++k)
      if (s_.tok(k).newline_before && k != kb) return false;
    return line_head(ka) == ka && line_head(kb) == kb;
  }

  // What a scope call adds: by its method (allowClientOutgoing, allow_client_incoming) or, for
  // addScope(new ….OutgoingClientScope(…)), by the scope's class.
  // The scope a call adds, with an incoming scope's one argument: `allow_client_incoming(name)`,
  // `addScope(new IncomingClientScope(name))`.
  ScopeStatement scope_of(const scan::ObjectUse& u, TokenRange range) const {
    ScopeStatement st{range, ScopeKind::unknown, ""};
    std::size_t open = npos;
    st.kind = scope_kind(u, &open);
    if (st.kind == ScopeKind::incoming && open != npos && s_.partner(open) != npos) {
      const std::size_t close = s_.partner(open);
      bool one = close > open + 1;
      for (std::size_t k = open + 1; one && k < close; ++k) {
        if (s_.is(k, ",")) one = false;
        if (const std::size_t p = s_.partner(k); p != npos && p > k) k = p;
      }
      if (one) st.client = s_.range_text({open + 1, close});
    }
    return st;
  }

  // `open`: the parenthesis of the call whose first argument is the scope's.
  ScopeKind scope_kind(const scan::ObjectUse& u, std::size_t* open = nullptr) const {
    if (u.calls.size() != 1) return ScopeKind::unknown;
    const auto kind_of = [](std::string_view name) {
      const std::string n = lower(name);
      if (contains_any(n, {"incoming"})) return ScopeKind::incoming;
      if (contains_any(n, {"outgoing"})) return ScopeKind::outgoing;
      if (contains_any(n, {"eventstream", "event_stream"})) return ScopeKind::event_stream;
      return ScopeKind::unknown;
    };
    const std::size_t name = u.calls.front().name;
    if (const auto k = kind_of(s_.text(name)); k != ScopeKind::unknown) {
      if (open && s_.is(name + 1, "(")) *open = name + 1;
      return k;
    }
    if (!is_word(s_.text(name), {"addScope", "add_scope"}) || !s_.is(name + 1, "(")) return ScopeKind::unknown;
    std::size_t j = name + 2, last = npos, before = npos;
    if (j < s_.size() && s_.text(j) == "new") ++j;
    for (; s_.is_ident(j); j += 2) {
      before = last;
      last = j;
      if (!s_.is_member_op(j + 1)) break;
    }
    if (last != npos && s_.text(last) == "new") last = before;  // Ruby's Scope.new(…)
    if (last == npos || !s_.is(j + 1, "(")) return ScopeKind::unknown;
    if (open) *open = j + 1;
    return kind_of(s_.text(last));
  }

  // Between the constructor and `stmt`: an `if`/`else`/`unless`/`case` and no loop or function.
  bool under_condition_only(std::size_t stmt) const {
    bool condition = false;
    // PHP's and Ruby's `=>` separate a key from its value, PHP's `->` reads a member: no callback
    // (their closures are `function`/`fn`, `do`/`lambda`/`proc`, caught below).
    const auto language = fc_.file.language();
    const bool rockets = language == lang::Language::php || language == lang::Language::ruby;
    for (std::size_t k = stmt_ctor_.end; k < stmt; ++k) {
      if ((s_.is(k, "=>") && !rockets) || (s_.is(k, "->") && !s_.is_member_op(k))) return false;  // a callback
      if (!s_.is_ident(k)) continue;
      const auto t = s_.text(k);
      if (is_word(t, {"for", "foreach", "while", "do", "each", "forEach", "map", "times", "until", "loop", "function",
                      "def", "lambda", "proc", "fn", "then"}))
        return false;
      if (is_word(t, {"if", "else", "elif", "elsif", "unless", "case", "when", "switch"})) condition = true;
    }
    return condition;
  }

  // `console.log('cap', capability);`, `logger.debug(cap)`, `puts cap`: a whole statement in
  // the constructor's block that only prints plain values, the object among them.
  std::optional<TokenRange> print_statement_of(std::size_t k) const {
    const TokenRange st = outer_statement(k);
    if (st.begin >= k || !starts_line(st.begin) || !ends_line(st.end) ||
        !fc_.blocks.same_block(st.begin, stmt_ctor_.begin) || (st.begin <= stmt_t_.begin && stmt_t_.begin < st.end))
      return std::nullopt;
    std::string callee, receiver, method;
    std::size_t j = st.begin;
    while (j < st.end && s_.is_ident(j)) {
      receiver = method;
      method = s_.text(j);
      callee += method;
      if (!(s_.is_member_op(j + 1) && s_.is_ident(j + 2))) break;
      callee += s_.text(j + 1);
      j += 2;
    }
    if (j >= st.end || !s_.is_ident(j)) return std::nullopt;
    ++j;  // the first token after the callee
    const auto& prints = lang::dialect(fc_.file.language()).print_calls;
    std::string recv_lower(receiver);
    for (char& c : recv_lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool logger =
        (recv_lower == "logger" || recv_lower == "log" || recv_lower == "_logger" || recv_lower == "logging") &&
        (method == "debug" || method == "info" || method == "warn" || method == "warning" || method == "error" ||
         method == "trace" || method == "log" || method == "Debug" || method == "Info" || method == "LogDebug" ||
         method == "LogInformation");
    if (!logger && std::find(prints.begin(), prints.end(), callee) == prints.end()) return std::nullopt;
    std::size_t last = st.end - 1;
    if (s_.is(last, ";")) --last;
    const bool parens = s_.is(j, "(");
    if (parens ? s_.partner(j) != last : !s_.traits().paren_less_calls) return std::nullopt;
    // Plain arguments only: names, literals, commas, `+` and member reads; never a call
    // whose side effects would go too.
    for (std::size_t q = parens ? j + 1 : j; q < (parens ? last : last + 1); ++q) {
      const auto kind = s_.tok(q).kind;
      if (kind == lang::TokKind::string || kind == lang::TokKind::number || s_.is_ident(q) || s_.is_member_op(q) ||
          s_.is(q, ",") || s_.is(q, "+") || s_.is(q, "."))
        continue;
      return std::nullopt;
    }
    return st;
  }

  // The name inside an interpolation: after an unclosed `{` or `(` of the string (`#{…}`,
  // `${…}`, `{…}`, `\(…)`), or PHP's bare "$name". Literal braces err on the side of caution.
  bool mentioned_in_interpolation(std::size_t from_tok, std::size_t to_tok) const {
    const bool php = handle_[0] == '$';
    const std::string name = php ? handle_.substr(1) : handle_;
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (std::size_t k = from_tok; k < to_tok && k < s_.size(); ++k) {
      const auto& t = s_.tok(k);
      if (t.kind != lang::TokKind::string || !t.interpolated) continue;
      const auto text = s_.text(k);
      for (std::size_t p = text.find(name); p != std::string_view::npos; p = text.find(name, p + 1)) {
        if ((p > 0 && word(text[p - 1])) || (p + name.size() < text.size() && word(text[p + name.size()]))) continue;
        if (php && p > 0 && text[p - 1] == '$') return true;
        int depth = 0;
        for (std::size_t q = 0; q < p; ++q) {
          if (text[q] == '{' || text[q] == '(') ++depth;
          if ((text[q] == '}' || text[q] == ')') && depth > 0) --depth;
        }
        if (depth > 0) return true;
      }
    }
    return false;
  }

  // Variables the scopes came through: their statements go too, when nothing else reads them.
  bool collect_scope_statements() {
    struct Var {
      std::string name;
      std::vector<TokenRange> stmts;
      bool removable = true;
    };
    std::vector<Var> vars;
    for (const auto& name : sites_.scope_names) {
      // Only variables this file assigns scope objects to: not a class used as a receiver
      // (`Arrays.asList`), not the params map a scope reads (it may be used again).
      if (!holds_scopes(name)) continue;
      Var v{name, {}, name.find_first_of(".>@") == std::string::npos};
      for (std::size_t k = 0; k < s_.size(); ++k) {
        const std::size_t e = s_.handle_starting_at(k, name);
        if (e == npos) continue;
        const TokenRange st = s_.statement_at(k);
        const bool assigns = std::any_of(s_.assignments().begin(), s_.assignments().end(),
                                         [&](const lang::Assignment& a) { return a.lhs == k && a.handle == name; });
        const bool adds = st.begin == k && (s_.is(e + 1, "<<") || (s_.is(e + 1, "[") && s_.is(e + 2, "]")) ||
                                            (s_.is_member_op(e + 1) && s_.is_ident(e + 2)));
        if (!assigns && !adds) continue;
        if (st.begin > 0 && (s_.is(st.begin - 1, "(") || s_.is(st.begin - 1, "[") || s_.is(st.begin - 1, ",")))
          continue;  // an argument, not a statement
        // Inside the construct's block but nested deeper: a conditional or a loop.
        const bool inside = st.begin >= block_begin(home()) && st.begin < stmt_t_.begin;
        if (inside && !fc_.blocks.same_block(st.begin, home())) {
          if (!conditional_scope(st.begin)) return false;
          v.removable = false;
          continue;
        }
        if (!inside) v.removable = false;  // declared elsewhere (module level, another function)
        if (std::none_of(v.stmts.begin(), v.stmts.end(), [&](const TokenRange& r) { return r.begin == st.begin; }))
          v.stmts.push_back(st);
      }
      vars.push_back(std::move(v));
    }
    // A variable goes when every mention of it lies in statements that go.
    for (bool changed = true; changed;) {
      changed = false;
      for (auto& v : vars) {
        if (!v.removable || v.stmts.empty()) continue;
        bool all_inside = true;
        for (std::size_t k = 0; k < s_.size() && all_inside; ++k) {
          if (s_.handle_starting_at(k, v.name) == npos) continue;
          auto in = [&](const TokenRange& r) { return k >= r.begin && k < r.end; };
          all_inside =
              std::any_of(removed_.begin(), removed_.end(), in) || std::any_of(v.stmts.begin(), v.stmts.end(), in);
        }
        if (!all_inside) continue;
        for (const auto& r : v.stmts)
          if (std::none_of(removed_.begin(), removed_.end(), [&](const TokenRange& x) { return x.begin == r.begin; })) {
            removed_.push_back(r);
            scope_variables_removed_ = true;
          }
        v.removable = false;
        changed = true;
      }
    }
    return true;
  }

  bool holds_scopes(const std::string& name) const {
    auto has_scope_call = [&](TokenRange r) {
      return std::any_of(sites_.scope_calls.begin(), sites_.scope_calls.end(),
                         [&](std::size_t c) { return c >= r.begin && c < r.end; });
    };
    for (const auto* a : s_.assignments_to(name))
      if (has_scope_call(a->rhs)) return true;
    for (std::size_t k = 0; k < s_.size(); ++k) {
      const std::size_t e = s_.handle_starting_at(k, name);
      if (e != npos && (s_.is_member_op(e + 1) || s_.is(e + 1, "<<") || s_.is(e + 1, "[")) &&
          has_scope_call({e + 1, s_.expression_end(e + 1)}))
        return true;
    }
    return false;
  }

  // The statement whose block the construct lives in: the constructor's, or for a single
  // chained expression the generating statement.
  std::size_t home() const { return chained_ ? stmt_t_.begin : stmt_ctor_.begin; }

  bool inside_try(std::size_t inner, std::size_t outer) const {
    for (std::size_t b = fc_.blocks.brace(inner); b != npos && b != fc_.blocks.brace(outer); b = fc_.blocks.brace(b))
      if (b > 0 && s_.is_ident(b - 1) && s_.text(b - 1) == "try") return true;
    return false;
  }

  std::size_t block_begin(std::size_t stmt) const {
    const std::size_t brace = fc_.blocks.brace(stmt);
    if (brace != npos) return brace + 1;
    // Indentation: back to the line that starts left of the statement.
    const std::size_t col = fc_.blocks.indent(stmt);
    std::size_t k = stmt;
    while (k > 0 && !(s_.tok(k - 1).newline_before && fc_.blocks.indent(k - 1) < col)) --k;
    return k > 0 ? k - 1 : 0;
  }

  bool starts_line(std::size_t tok) const { return tok == 0 || s_.tok(tok).newline_before; }

  // The statement starting at `first` is the single body of a brace-less `if (…)`, `else`,
  // `for (…)`, `while (…)`…; PHP's `if (…):` opens a block and is not one.
  bool braceless(std::size_t first) const { return fc_.blocks.braceless_body(first) && !s_.is(first - 1, ":"); }
  bool ends_line(std::size_t end_tok) const { return end_tok >= s_.size() || s_.tok(end_tok).newline_before; }

  // The new code reads the construct's expressions where the token was generated, later than
  // the capability calls did: a name they read must not be assigned in between.
  bool check_not_reassigned() {
    std::map<std::string, std::size_t, std::less<>> last_read;  // name -> its last mention we move
    for (const auto& r : removed_)
      for (std::size_t k = r.begin; k < r.end; ++k)
        if (s_.is_ident(k) && !(k > 0 && s_.is_member_op(k - 1))) {
          auto& at = last_read[std::string(s_.text(k))];
          at = std::max(at, k);
        }
    auto in_removed = [&](std::size_t k) {
      return std::any_of(removed_.begin(), removed_.end(),
                         [&](const TokenRange& r) { return k >= r.begin && k < r.end; });
    };
    for (const auto& a : s_.assignments()) {
      if (a.lhs >= stmt_t_.begin || in_removed(a.lhs)) continue;
      const std::string root = a.handle.substr(0, a.handle.find_first_of(".-[:"));
      auto it = last_read.find(root);
      if (it != last_read.end() && a.lhs > it->second)
        return refuse("reassigned", root + " is assigned again before the token is generated" + at_line(a.lhs) +
                                        "; the Access Token would read the new value");
    }
    return true;
  }

  bool check_whole_lines() {
    // Statements must be told apart: in broken code (an unclosed bracket) one can swallow
    // another, and then there is no safe edit.
    std::sort(removed_.begin(), removed_.end(),
              [](const TokenRange& a, const TokenRange& b) { return a.begin < b.begin; });
    std::vector<TokenRange> distinct;
    for (const auto& r : removed_) {
      if (!distinct.empty() && r.begin < distinct.back().end) {
        if (r.end <= distinct.back().end) continue;  // inside the previous one
        return refuse("unbalanced-brackets",
                      "the construct's statements overlap (unbalanced brackets?)" + at_line(r.begin));
      }
      if (r.begin < stmt_t_.end && stmt_t_.begin < r.end)
        return refuse("unbalanced-brackets",
                      "the construct's statements overlap the one generating the token (unbalanced brackets?)" +
                          at_line(r.begin));
      distinct.push_back(r);
    }
    removed_ = std::move(distinct);
    if (!starts_line(stmt_t_.begin))
      return refuse("shared-line",
                    "the statement generating the token shares its line with other code" + at_line(stmt_t_.begin));
    // `if (ok)⏎ res.send(cap.toJwt());`: several statements in its place would leave the
    // condition (and an `else`) with only the first, and `const` there does not parse.
    if (braceless(stmt_t_.begin))
      return refuse("braceless-body",
                    "the statement generating the token is the whole body of a brace-less if/else/loop" +
                        at_line(stmt_t_.begin) + ": add braces around it, then run fix again");
    for (const auto& r : removed_)
      if (braceless(r.begin))
        return refuse("braceless-body", "a statement of the construct is the whole body of a brace-less if/else/loop" +
                                            at_line(r.begin) + ": add braces around it, then run fix again");
    for (const auto& r : removed_)
      if (!starts_line(r.begin) || !ends_line(r.end))
        return refuse("shared-line", "a statement of the construct shares its line with other code" + at_line(r.begin));
    if (split_)
      for (const auto& c : conditional_)
        if (!starts_line(c.range.begin) || !ends_line(c.range.end))
          return refuse("shared-line",
                        "a statement of the construct shares its line with other code" + at_line(c.range.begin));
    return true;
  }

  std::string fresh(const std::string& base) {
    auto& used = taken_[block_begin(stmt_t_.begin)];
    for (int n = 1;; ++n) {
      std::string name = n == 1 ? base : base + std::to_string(n);
      if (!fc_.identifiers.count(name) && !used.count(name)) {
        used.insert(name);
        return name;
      }
    }
  }

  // AUTH_TOKEN, Settings.TOKEN: a constant's spelling.
  static bool all_caps(std::string_view t) {
    return std::none_of(t.begin(), t.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  }

  // Configuration read once for the whole app: the environment, a settings object, a literal,
  // or a CONSTANT's name. The global API key the rewrite reads belongs with such a token.
  bool config_like(TokenRange r) const {
    if (fc_.eval.reads_environment(r)) return true;
    if (r.end == r.begin + 1)
      return s_.tok(r.begin).kind == lang::TokKind::string || (s_.is_ident(r.begin) && all_caps(s_.text(r.begin)));
    return false;
  }

  // `Type name;` or `Type name =` outside any method body before token `before`: the braces
  // around it are the class's own (a method's body sits inside a second pair).
  bool declared_as_field(std::string_view name, std::size_t before) const {
    for (std::size_t k = 1; k + 1 < before; ++k) {
      if (!s_.is_ident(k) || s_.text(k) != name || !(s_.is(k + 1, ";") || s_.is(k + 1, "="))) continue;
      if (!(s_.is_ident(k - 1) || s_.is(k - 1, ">") || s_.is(k - 1, "]"))) continue;  // String, List<T>, byte[]
      int depth = 0;
      for (std::size_t b = fc_.blocks.brace(k); b != npos; b = fc_.blocks.brace(b)) ++depth;
      if (depth == 1 || (depth == 2 && lang::dialect(fc_.file.language()).imports.inside_namespace_block)) return true;
    }
    return false;
  }

  // `await …`, `db.accounts.find(…)`, `Account.find_by(…)`, `repo.fetchOne(…)`: a value read
  // per request, not the app's configuration.
  // A loader named for configuration (`await loadConfig()`, `get_settings()`) is the app's.
  bool looks_up_at_run_time(TokenRange r) const {
    bool lookup = false;
    for (std::size_t k = r.begin; k < r.end; ++k) {
      if (!s_.is_ident(k)) continue;
      const auto t = s_.text(k);
      if (t == "await") lookup = true;
      if (!s_.is(k + 1, "(")) continue;
      std::string lower(t);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (contains_any(lower, {"config", "setting", "env", "secret", "credential"})) return false;
      for (std::string_view verb : {"find", "fetch", "load", "query", "lookup", "select", "where", "first"})
        if (lower.starts_with(verb)) lookup = true;
    }
    return lookup;
  }

  // A variable's name alone (`authToken`, `$auth_token`), not an expression.
  static bool plain_name(std::string_view name) {
    return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
           std::all_of(name.begin(), name.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; });
  }

  // The expression a plain variable holds when exactly one assignment in the constructor's
  // block reaches it, one line long (`auth_token = settings.TWILIO_AUTH_TOKEN`).
  std::optional<std::string> assigned_once_from(const std::string& name) const {
    if (!plain_name(name)) return std::nullopt;
    std::optional<std::string> found;
    for (const auto& a : s_.assignments()) {
      if (a.handle != name || a.rhs.end <= a.rhs.begin || a.lhs >= sites_.ctor.start || !reaches_constructor(a.lhs))
        continue;                      // another function's variable, or assigned after the construct
      if (found) return std::nullopt;  // assigned twice: a branch may pick either
      const std::string rhs(s_.range_text(a.rhs));
      if (rhs.find_first_of("\n(") != std::string::npos) return std::nullopt;  // one line, no call
      found = rhs;
    }
    if (!found) return found;
    // Its root must be the app's configuration (an import, a module's object), not a value of
    // this function: a row looked up here, or a parameter, is another account's per call.
    const std::string root = root_name(*found);
    if (root.empty() || root == *found) return std::nullopt;
    for (const auto& a : s_.assignments())
      if (a.handle == root && a.lhs < sites_.ctor.start &&
          fc_.blocks.within(sites_.ctor.start, s_.statement_at(a.lhs).begin))
        return std::nullopt;
    if (const auto params = enclosing_parameters(sites_.ctor.start))
      for (std::size_t q = params->begin; q < params->end; ++q)
        if (s_.is_ident(q) && s_.text(q) == root) return std::nullopt;
    return found;
  }

  // `require_once 'Services/Twilio.php'` (or …/Capability.php) in a PHP file that requires no
  // autoloader: the text of that statement's path, else nothing.
  std::optional<std::string> old_php_loader() const {
    if (fc_.file.language() != lang::Language::php) return std::nullopt;
    std::optional<std::string> old;
    for (std::size_t k = 0; k < s_.size(); ++k) {
      if (!s_.is_ident(k)) continue;
      const auto word = s_.text(k);
      if (word != "include" && word != "include_once" && word != "require" && word != "require_once") continue;
      for (std::size_t q = k + 1; q < s_.size() && q < k + 8 && !s_.is(q, ";"); ++q) {
        if (s_.tok(q).kind != lang::TokKind::string) continue;
        const std::string& path = s_.tok(q).value.str();
        if (path.find("autoload") != std::string::npos) return std::nullopt;  // Composer or the library's own
        if (!old && (path.find("Services/Twilio") != std::string::npos || path.find("twilio-php") != std::string::npos))
          old = path;
      }
    }
    return old;
  }

  // How the Access Token's own settings are read from the environment: the runtime's read when
  // the file reads its environment only that way; else the typed read, or "" (the template's).
  std::string_view env_read() const {
    const auto& d = lang::dialect(fc_.file.language());
    const std::string_view text = fc_.file.text();
    for (const auto& r : d.runtime_env_reads)
      if (text.find(r.evidence) != std::string_view::npos && text.find(r.unless) == std::string_view::npos)
        return d.typed_env_read.empty() ? r.read : r.typed_read;
    return d.typed_env_read;
  }

  // A language whose compiler rejects a member that does not exist.
  bool compiled_language() const {
    using L = lang::Language;
    const L l = fc_.file.language();
    return l == L::csharp || l == L::java || l == L::kotlin || l == L::vbnet || l == L::go || l == L::apex ||
           l == L::typescript;
  }
  bool names_in_file(std::string_view name) const {
    for (std::size_t k = 0; k < s_.size(); ++k)
      if (s_.is_ident(k) && s_.text(k) == name) return true;
    return false;
  }

  // The parameter list of the function whose body holds token k: the `(…)` before its `{`
  // (past a C# `: base(…)` / `: this(…)`), or after the nearest `def name` above it.
  // Whether a binding at k (before the constructor) may be what the constructor reads: its
  // block holds the constructor, or it sits in a nested block of the constructor's own function
  // (`if (!authToken) { authToken = row.token; }`). Another function's local is another name.
  bool reaches_constructor(std::size_t k) const {
    const std::size_t st = s_.statement_at(k).begin;
    if (fc_.blocks.within(sites_.ctor.start, st)) return true;
    const auto here = enclosing_parameters(k), ctor = enclosing_parameters(sites_.ctor.start);
    return here.has_value() == ctor.has_value() && (!here || here->begin == ctor->begin) && (!ctor || st > ctor->end);
  }

  std::optional<TokenRange> enclosing_parameters(std::size_t k) const {
    if (!s_.traits().brace_blocks) {
      for (std::size_t q = k; q-- > 0;)
        if (s_.is_keyword(q, "def") && s_.is(q + 2, "(") && s_.partner(q + 2) != npos)
          return TokenRange{q + 3, s_.partner(q + 2)};
      return std::nullopt;
    }
    for (std::size_t b = fc_.blocks.brace(k); b != npos; b = fc_.blocks.brace(b)) {
      for (std::size_t q = b; q-- > 0 && b - q < 24;) {
        if (s_.is(q, ";") || s_.is(q, "{") || s_.is(q, "}")) break;
        if (!s_.is(q, ")") || s_.partner(q) == npos) continue;
        const std::size_t open = s_.partner(q);
        const auto callee = open > 0 && s_.is_ident(open - 1) ? s_.text(open - 1) : std::string_view();
        if (open > 1 && s_.is(open - 2, ":") && (callee == "base" || callee == "this" || callee == "super")) {
          q = open - 1;  // a constructor initializer: the parameters are before it
          continue;
        }
        bool statement = false;  // `if (…) {`: the function's own block is further out
        for (std::string_view kw : {"if", "while", "for", "foreach", "switch", "catch", "using", "lock"})
          statement = statement || callee == kw;
        if (statement) break;
        return TokenRange{open + 1, q};
      }
    }
    return std::nullopt;
  }

  // A field (`this.authToken`, `_authToken`, `@auth_token`) set from a parameter of the method
  // that sets it, a constructor's most often: each instance may hold another account's
  // credentials (a tenant's), so a global API key would sign with the wrong account.
  std::optional<std::size_t> field_from_parameter(std::string_view member) const {
    for (const auto& a : s_.assignments()) {
      std::string_view h = a.handle;
      for (std::string_view self : {"this.", "self.", "$this->", "@", "Me."})
        if (h.starts_with(self)) h.remove_prefix(self.size());
      if (h != member || a.rhs.end != a.rhs.begin + 1 || !s_.is_ident(a.rhs.begin)) continue;
      const auto param = s_.text(a.rhs.begin);
      if (all_caps(param)) continue;
      if (const auto params = enclosing_parameters(a.lhs))
        for (std::size_t q = params->begin; q < params->end; ++q)
          if (s_.is_ident(q) && s_.text(q) == param) return a.lhs;
    }
    return std::nullopt;
  }

  bool refuse_field_from_parameter(std::string_view member, std::size_t at) {
    return refuse("api-key-source", "the auth token is the field " + std::string(member) + ", set from a parameter" +
                                        at_line(at) +
                                        ": each instance may carry another account's credentials (a tenant's), so "
                                        "the API key must be passed the same way; migrate the class and its callers "
                                        "by hand");
  }

  // An auth token held in a plain variable: where did it come from? A row, an account object
  // or the caller (a parameter) means each tenant signs with its own account, and one global
  // API key would sign every tenant's token with the wrong account.
  bool check_api_key_source(const std::string& name) {
    const bool plain = plain_name(name);
    const std::size_t before = sites_.ctor.start;
    auto in_scope = [&](std::size_t k) { return reaches_constructor(k); };
    if (!plain) {
      // `record.values.token` of `const record = await db.findFirstRecord(…)`: a row looked up
      // at run time, whose own API key (not the environment's) must sign.
      const std::string root = root_name(name);
      if (root == "this" || root == "self" || name.starts_with("$this->") || name.starts_with("@")) {
        std::string_view member = name;
        member.remove_prefix(member.find_first_of(".>@") + 1);
        if (const auto at = field_from_parameter(member)) return refuse_field_from_parameter(member, *at);
        return true;
      }
      if (root.empty() || all_caps(root)) return true;
      for (const auto& a : s_.assignments()) {
        if (a.handle != root || a.lhs >= before || a.rhs.end <= a.rhs.begin || !in_scope(a.lhs)) continue;
        if (!config_like(a.rhs) && looks_up_at_run_time(a.rhs))
          return refuse("api-key-source", "the auth token is read from " + root + ", looked up" + at_line(a.lhs) +
                                              ", not from configuration: keep that record's own API key next to "
                                              "its auth token and read it from there, by hand");
      }
      return true;  // an env read, a config member, a field
    }
    // A CONSTANT. PHP's `$TWILIO_AUTH_TOKEN` is a variable (often a global of an included
    // config.php), never a constant: it is traced like any other name.
    if (all_caps(name) && !name.starts_with("$")) return true;
    bool defined = false;
    for (const auto& a : s_.assignments()) {
      if (a.handle != name || a.lhs >= before || a.rhs.end <= a.rhs.begin || !in_scope(a.lhs)) continue;
      defined = true;
      if (config_like(a.rhs)) continue;
      const auto text_all = fc_.file.text();
      std::string rhs(
          text_all.substr(s_.tok(a.rhs.begin).begin, s_.tok(a.rhs.end - 1).end - s_.tok(a.rhs.begin).begin));
      if (rhs.size() > 60) rhs = rhs.substr(0, 57) + "...";
      return refuse("api-key-source", "the auth token comes from " + rhs + at_line(a.lhs) +
                                          ", not from configuration: the API key must come from the same place "
                                          "(that account's own key), so migrate it by hand");
    }
    if (defined) return true;
    // A field of the class (Java, C#: `private String authToken;`, often injected from
    // settings), like `this.authToken`: configuration of the app, not of a call.
    if (s_.traits().implicit_this && declared_as_field(name, before)) {
      if (const auto at = field_from_parameter(name)) return refuse_field_from_parameter(name, *at);
      return true;
    }
    // Not assigned in the file: destructured from the environment, or read in a statement that
    // reads it (`auth_token = os.environ.get(...)` in a form the index does not hold), is fine.
    std::optional<TokenRange> destructured;  // `const { sid, tok } = require('./creds.json')`
    for (std::size_t k = 0; k < before; ++k) {
      if (!s_.is_ident(k) || s_.text(k) != name) continue;
      TokenRange st = s_.statement_at(k);
      // Out of a destructuring pattern: `const { TWILIO_AUTH_TOKEN: tok } = process.env`.
      bool pattern = false;
      for (int guard = 0; guard < 4 && st.begin > 0 && s_.is(st.begin - 1, "{"); ++guard) {
        const std::size_t close = s_.partner(st.begin - 1);
        if (close == npos || !s_.is(close + 1, "=")) break;
        st = s_.statement_at(st.begin - 1);
        pattern = true;
      }
      if (in_scope(st.begin) && fc_.eval.reads_environment(st)) return true;
      if (pattern && !destructured) destructured = st;
    }
    if (destructured) {
      std::string from = s_.range_text(*destructured);
      if (from.size() > 60) from = from.substr(0, 57) + "...";
      return refuse("api-key-source", "the auth token is " + name + ", taken from `" + from + "`" +
                                          at_line(destructured->begin) +
                                          ", not from the environment: the API key must come from the same place "
                                          "(that account's own key), so migrate it by hand");
    }
    bool parameter = false;
    if (const auto params = enclosing_parameters(before))
      for (std::size_t q = params->begin; q < params->end; ++q) parameter = parameter || s_.text(q) == name;
    // A method of this file (Ruby's bare `tauthtoken` calling `def tauthtoken`): what it returns
    // is decided at run time, per user or per tenant.
    for (std::size_t k = 1; k < s_.size(); ++k)
      if (s_.is_ident(k) && s_.text(k) == name && s_.is_ident(k - 1) &&
          (s_.text(k - 1) == "def" || s_.text(k - 1) == "function"))
        return refuse("api-key-source", "the auth token is what the method " + name + at_line(k) +
                                            " returns: read the API key's SID and secret from the same place it "
                                            "reads the auth token, and migrate by hand");
    if (!parameter)  // a page's `include 'config.php'`, a global: defined in another file
      return refuse("api-key-source", "the auth token is " + name +
                                          ", defined outside this file (an included file or a global): define "
                                          "the API key's SID and secret where it is defined, read them here, and "
                                          "migrate by hand");
    return refuse("api-key-source", "the auth token arrives as " + name +
                                        " from the caller, who picks the account: the API key must arrive "
                                        "the same way, so migrate the function and its callers by hand");
  }

  // The client names differ only in spelling the same value: Ruby's `role` where the class has
  // `attr_reader :role` (or an accessor) reads `@role`.
  bool same_client_expressions() const {
    if (fc_.file.language() != lang::Language::ruby) return false;
    const auto text = fc_.file.text();
    auto attribute = [&](std::string_view name) {
      for (std::size_t p = text.find("attr_"); p != std::string_view::npos; p = text.find("attr_", p + 5)) {
        const std::size_t eol = std::min(text.find('\n', p), text.size());
        const std::string_view line = text.substr(p, eol - p);
        if (!line.starts_with("attr_reader") && !line.starts_with("attr_accessor")) continue;
        for (std::size_t q = line.find(':'); q != std::string_view::npos; q = line.find(':', q + 1)) {
          const std::size_t end = q + 1 + name.size();
          const bool word_ends =
              end >= line.size() || (!std::isalnum(static_cast<unsigned char>(line[end])) && line[end] != '_');
          if (line.substr(q + 1, name.size()) == name && word_ends) return true;
        }
      }
      return false;
    };
    std::optional<std::string> first;
    std::vector<std::string> texts;
    for (const auto* key : {"incoming_client_name", "outgoing_client_name"})
      if (const auto it = f_.capability.fields.find(key); it != f_.capability.fields.end())
        texts.push_back(it->second.text);
    for (const auto& p : f_.capability.extra_identity_candidates) texts.push_back(p.text);
    for (std::string t : texts) {
      if (t.starts_with("@") && !t.starts_with("@@"))
        t.erase(0, 1);
      else if (t.starts_with("self."))
        t.erase(0, 5);
      if (!plain_name(t) || !attribute(t)) return false;
      if (first && *first != t) return false;
      first = t;
    }
    return first.has_value();
  }

  // `if (isset($_REQUEST['client'])) { $clientName = …; }` read by the incoming scope: every
  // assignment of the name before the token is made sits in a nested block, and it is not a
  // parameter. The token of the other path is the question. Returns that first assignment.
  std::optional<std::size_t> set_only_conditionally(const std::string& name) const {
    if (!plain_name(name)) return std::nullopt;
    std::optional<std::size_t> nested;
    for (const auto& a : s_.assignments()) {
      if (a.handle != name || a.lhs >= stmt_t_.begin || !reaches_constructor(a.lhs)) continue;
      // Set on every path to the new code, which runs where the token was generated: before
      // the constructor, or between it and that statement in the same or an outer block.
      const std::size_t st = s_.statement_at(a.lhs).begin;
      if (fc_.blocks.within(sites_.ctor.start, st) || fc_.blocks.within(stmt_t_.begin, st)) return std::nullopt;
      if (!nested) nested = a.lhs;
    }
    if (!nested) return std::nullopt;
    if (const auto params = enclosing_parameters(sites_.ctor.start))
      for (std::size_t q = params->begin; q < params->end; ++q)
        if (s_.is_ident(q) && s_.text(q) == name) return std::nullopt;
    return nested;
  }

  // The client name read from the environment with no default (os.getenv('X'), process.env.X,
  // ENV['X']), directly or through a name: unset, the capability named the client None,
  // undefined or "", while an Access Token has no identity (node refuses to mint one). The
  // token where it is read (a name's definition) or the name itself.
  std::optional<std::size_t> read_from_optional_env(const std::string& text) const {
    const auto& reads = lang::dialect(fc_.file.language()).absent_env_reads;
    auto absent = [&](std::string expr) {
      std::erase_if(expr, [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
      for (std::string_view p : reads) {
        if (!expr.starts_with(p)) continue;
        const std::string_view rest = std::string_view(expr).substr(p.size());
        if (rest.empty()) continue;
        const bool member = rest[0] == '.' && rest.size() > 1 && std::all_of(rest.begin() + 1, rest.end(), [](char c) {
                              return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
                            });
        const bool one_arg = ((rest[0] == '(' && rest.back() == ')') || (rest[0] == '[' && rest.back() == ']')) &&
                             rest.find(',') == std::string_view::npos &&
                             rest.find_first_of("()[]", 1) == rest.size() - 1;
        if (member || one_arg) return true;
      }
      return false;
    };
    if (reads.empty()) return std::nullopt;
    if (absent(text)) return sites_.ctor.start;
    if (!plain_name(text)) return std::nullopt;
    for (const auto& a : s_.assignments())
      if (a.handle == text && a.lhs < stmt_t_.begin && absent(std::string(s_.range_text(a.rhs)))) return a.lhs;
    return std::nullopt;
  }

  // The expression reads the environment, or is a name every assignment of which does.
  bool from_environment(const std::string& text) const {
    if (reads_environment_text(text)) return true;
    if (!plain_name(text)) return false;
    bool any = false;
    for (const auto& a : s_.assignments()) {
      if (a.handle != text) continue;
      if (!reads_environment_text(s_.range_text(a.rhs))) return false;
      any = true;
    }
    return any;
  }

  // Why the client name may be missing on some path where the capability still named one
  // (set only under a condition, or read from an unset environment variable); "" when not.
  std::string identity_on_some_paths(const std::string& name) const {
    if (const auto at = set_only_conditionally(name))
      return "the client name " + name + " is set only under a condition" + at_line(*at) +
             ": on the other path the capability got no name (the library threw or named no one), while an Access "
             "Token would be minted without an identity; decide that path, then migrate by hand";
    if (const auto at = read_from_optional_env(name))
      return "the client name " + name + " is read from the environment with no default" + at_line(*at) +
             ": where the variable is unset the capability named a client anyway (None, undefined or empty), while "
             "an Access Token would have no identity; give it a default or check it, then run fix again";
    return "";
  }

  // When the code wrote a client name the library dropped, the refusal says so.
  std::string ignored_name_hint() const {
    const auto it = f_.capability.ignored.find("outgoing_client_name");
    if (it == f_.capability.ignored.end()) return "";
    return "; the code passes " + it->second.text +
           " to allowClientOutgoing, which ignores it: if that names the caller, it is the identity to give";
  }

  bool render() {
    AccessTokenMapping m = *f_.mapping;
    std::vector<std::string> branch_identities;
    if (split_)
      for (const auto& c : conditional_)
        if (c.kind == ScopeKind::incoming) branch_identities.push_back(c.client);
    if (!branch_identities.empty()) {  // the identity is the branch's: a variable set there
      m.fields["identity"] = Param{fresh(lang_ == "php" ? "$identity" : "identity"), std::nullopt};
      for (const char* d : {"identity-conflict", "identity-missing", "identity-invalid-chars"})
        std::erase(m.diagnostics, d);
    }
    // Several client names: incoming calls ring one, outgoing calls came from another, and an
    // Access Token has one identity, so the token would change. A person picks (a draft).
    if (std::find(m.diagnostics.begin(), m.diagnostics.end(), "identity-conflict") != m.diagnostics.end()) {
      if (same_client_expressions()) {
        std::erase(m.diagnostics, "identity-conflict");
      } else if (!opt_.draft) {
        std::string names;
        for (const auto* key : {"incoming_client_name", "outgoing_client_name"})
          if (const auto it = f_.capability.fields.find(key); it != f_.capability.fields.end())
            names += (names.empty() ? "" : " and ") + it->second.text;
        return refuse("identity-conflict", "the capability names different clients (" + names +
                                               "), and an Access Token has one identity: choose it, then migrate by "
                                               "hand (the draft uses the incoming name)");
      }
    }
    // Identity: the mapping's, or --identity when the capability names no client.
    const Param* id = m.get("identity");
    if (!id || (id->value && id->value->is_null())) {
      if (opt_.identity) {
        m.fields["identity"] = Param{*opt_.identity, std::nullopt};
        std::erase(m.diagnostics, "identity-missing");
      } else if (!opt_.draft) {  // a draft keeps the template's placeholder and its TODO
        return refuse("identity-missing",
                      "identity-missing: the capability names no client, and an Access Token needs an identity; "
                      "pass --identity EXPR (an expression in this file's language)" +
                          ignored_name_hint());
      } else if (const auto ignored = f_.capability.ignored.find("outgoing_client_name");
                 ignored != f_.capability.ignored.end() && ignored->second.expression) {
        // The author meant this as the caller's name; the library dropped it. The draft uses it,
        // still needs-input: the TwiML app will see it as From instead of client:Anonymous.
        m.fields["identity"] = ignored->second;
        std::erase(m.diagnostics, "identity-missing");
        m.diagnostics.emplace_back("identity-from-ignored-argument");
      }
    } else if (const std::string why = identity_on_some_paths(id->text); !why.empty()) {
      if (!opt_.draft) return refuse("identity-conditional", why);
      m.diagnostics.emplace_back("identity-conditional");
    }
    // A param with several values went out as repeated keys; a grant's params hold one string
    // per key, and which one the TwiML app should get is the author's call.
    if (const Param* params = m.get("voice.outgoing_application_params")) {
      for (const auto& [k, text] : params->entries)
        if (!text.empty() && (text[0] == '[' || text.starts_with("%w") || text.starts_with("array(")))
          return refuse("multi-valued-param",
                        "the outgoing param '" + k + "' has several values (" + text +
                            "); an Access Token's outgoingApplicationParams hold one string per key");
      if (params->value && params->value->is_object())
        for (const auto& [k, v] : params->value->get_object())
          if (v.is_array() || v.is_object())
            return refuse("multi-valued-param", "the outgoing param '" + std::string(k) +
                                                    "' has several values; an Access Token's "
                                                    "outgoingApplicationParams hold one string per key");
    }
    // Left out: what the library falls back to (twilio-ruby 4's Twilio.account_sid config).
    for (const auto& [field, expr] : rule_.source_defaults)
      if (!f_.capability.fields.count(field)) m.fields[field] = Param{expr, std::nullopt};
    // The environment read the file's runtime has (Deno.env.get), else the target's; typed where
    // the language checks it (TypeScript: `process.env.X` is `string | undefined`).
    if (const auto read = env_read(); !read.empty()) {
      for (const char* k : {"api_key_sid", "api_key_secret", "account_sid"}) {
        if (m.fields.count(k)) continue;
        const std::string var = std::string(k) == "api_key_sid"      ? "TWILIO_API_KEY_SID"
                                : std::string(k) == "api_key_secret" ? "TWILIO_API_KEY_SECRET"
                                                                     : "TWILIO_ACCOUNT_SID";
        std::string expr(read);
        expr.replace(expr.find("{var}"), 5, var);
        m.fields[k] = Param{expr, std::nullopt};
      }
    }
    // Keep the account SID as the code wrote it (a constant, a config read).
    if (auto it = m.fields.find("account_sid"); it != m.fields.end() && it->second.text.find('(') != 0)
      it->second.value.reset();
    // The API key from the auth token's config object, else the environment: only when the
    // auth token came from the environment or configuration too, never per tenant.
    const auto account = m.fields.find("account_sid");
    if (auto in_file = account != m.fields.end() ? api_key_in_file(account->second.text) : std::nullopt;
        in_file && f_.capability.fields.count("auth_token")) {
      m.fields["api_key_sid"] = Param{in_file->sid, std::nullopt};
      m.fields["api_key_secret"] = Param{in_file->secret, std::nullopt};
      out_.notes.push_back("the API key is the one this file's Access Token already uses: " + in_file->sid + ", " +
                           in_file->secret);
    } else if (auto it = f_.capability.fields.find("auth_token"); it != f_.capability.fields.end()) {
      // `auth_token = settings.TWILIO_AUTH_TOKEN` first: the configuration is where the variable came from.
      const std::string source = assigned_once_from(it->second.text).value_or(it->second.text);
      auto keys = api_key_from_config(source);
      if (keys && !literal_in_file(root_name(source)) && !keys->member.empty() && compiled_language() &&
          !names_in_file(keys->member)) {
        // `Config.ApiKeySid` where Config has no such member: the patch would not compile.
        refuse("api-key-source", "the auth token is read from " + source + ", and " + keys->member +
                                     " does not exist yet: add it and its secret beside the auth token's setting "
                                     "(as " +
                                     keys->sid + " and " + keys->secret + "), then run fix again");
        if (!opt_.draft) return false;
        out_.reasons.clear();
        out_.reason_code.clear();
        m.diagnostics.emplace_back("api-key-source");
        m.fields["api_key_sid"] = Param{keys->sid, std::nullopt};
        m.fields["api_key_secret"] = Param{keys->secret, std::nullopt};
      } else if (keys && !literal_in_file(root_name(source))) {
        m.fields["api_key_sid"] = Param{keys->sid, std::nullopt};
        m.fields["api_key_secret"] = Param{keys->secret, std::nullopt};
        out_.notes.push_back("the API key is read where the auth token was: add " + keys->sid + " and " + keys->secret +
                             " to that configuration");
      } else if (!check_api_key_source(it->second.text)) {
        if (!opt_.draft) return false;
        m.diagnostics.emplace_back("api-key-source");  // the draft marks where the key must come from
        out_.reasons.clear();
        out_.reason_code.clear();
      } else if (const auto sid = m.fields.find("api_key_sid");
                 (sid == m.fields.end() || sid->second.text.find("TWILIO_API_KEY_SID") != std::string::npos) &&
                 !from_environment(source)) {
        // The app's settings held the auth token (TWILIO_CONFIG["token"], props.getToken()), and
        // the new code reads the key from variables nobody has set yet: say so.
        out_.notes.push_back(
            "the API key is read from the environment (TWILIO_API_KEY_SID, TWILIO_API_KEY_SECRET) "
            "while the auth token came from " +
            source + ": set those variables, or read the key from that configuration instead");
      }
    }
    // ttl: a constant's name stays; a clamped or transformed value becomes the number.
    // A name or member chain: letters, digits, '_' and the language's `also` characters, not
    // starting with a digit (trailing blanks ignored).
    const auto name_like = [](std::string_view t, std::string_view also) {
      while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
      return !t.empty() && !std::isdigit(static_cast<unsigned char>(t[0])) &&
             std::all_of(t.begin(), t.end(), [&](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || also.find(c) != std::string_view::npos;
             });
    };
    if (auto it = m.fields.find("ttl"); it != m.fields.end()) {
      Param& ttl = it->second;
      const bool clamped =
          std::find(m.diagnostics.begin(), m.diagnostics.end(), "ttl-exceeds-max") != m.diagnostics.end();
      const bool is_name = !ttl.text.ends_with(' ') && name_like(ttl.text, ".$");
      if (!ttl.value &&
          (ttl.text.find("DateTime") != std::string::npos || ttl.text.find("TimeSpan") != std::string::npos))
        return refuse("runtime-expiry",
                      "the expiry is computed at run time (" + ttl.text + "); set the Access Token ttl by hand");
      // `generate(expires=600)` (Ruby, JavaScript) also assigns `expires`: the expression stays whole.
      const auto eq = ttl.text.find('=');
      const bool assigns = eq != std::string::npos && eq > 0 && eq + 1 < ttl.text.size() && ttl.text[eq + 1] != '=' &&
                           name_like(std::string_view(ttl.text).substr(0, eq), "$@");
      if (ttl.value && (is_name || assigns) && !clamped) ttl.value.reset();
    }

    if (!conditional_lines_.empty() && !split_) {
      m.diagnostics.emplace_back("conditional-scopes");
      std::string lines;
      for (const auto l : conditional_lines_) lines += (lines.empty() ? "" : ", ") + std::to_string(l);
      for (auto& n : out_.notes)
        if (n.empty())
          n = "draft: the grant below has every scope, including those added conditionally or in a loop on line" +
              std::string(conditional_lines_.size() > 1 ? "s " : " ") + lines +
              ", whose old calls stay there: set those grant fields under the same condition, then delete the calls";
    }
    CodeStyle style;
    style.indent = fc_.style.indent;
    style.quote = fc_.style.quote;
    style.newline = fc_.style.newline;
    style.base_indent = std::string(line_indent(fc_.file.text(), s_.tok(stmt_t_.begin).begin));
    style.rewrite = true;
    style.split_grant = split_;
    style.branch_identities = branch_identities;
    const bool php = lang_ == "php";
    const bool snake = lang_ == "python" || lang_ == "ruby";
    style.variables["token"] = fresh(php ? "$accessToken" : snake ? "access_token" : "accessToken");
    style.variables["grant"] = fresh(php ? "$voiceGrant" : snake ? "voice_grant" : "voiceGrant");
    style.taken_names.insert(fc_.identifiers.begin(), fc_.identifiers.end());
    auto code = render_access_token_code(m, lang_, style);
    if (!code) return refuse("no-template", "the Access Token code cannot be generated: " + code.error().message);
    if (!opt_.library_mixed.empty() && !rule_.fix.legacy_library.empty())
      return refuse("library-mixed", opt_.library_mixed);
    // Never an API the project's library generation lacks.
    std::optional<PackagePin> pin;
    if (const auto eco = ecosystem_from_string(code->requirement.ecosystem); eco && fc_.pins)
      pin = fc_.pins(*eco, code->requirement.package);
    // A project pinned to releases before the template's gets the earlier generation's API
    // where the template names one and it fits every release the project allows.
    if (!opt_.library_upgraded && !code->earlier.empty() && pinned_below(code->requirement, pin))
      if (auto earlier = render_access_token_code(m, code->earlier, style)) {
        const auto fits = check_library(earlier->requirement, pin, rule_.fix.legacy_library, false);
        if (fits.rewrite && fits.note.empty()) code = std::move(earlier);
      }
    auto verdict = check_library(code->requirement, pin, rule_.fix.legacy_library, opt_.library_upgraded);
    if (verdict.rewrite && !rule_.fix.legacy_library.empty())
      if (const auto loader = old_php_loader()) {
        // twilio-php 3/4 loaded by path: after the upgrade that file is gone, and the new classes
        // need Composer's (or the library's own) autoloader, whose path only the project knows.
        verdict.rewrite = false;
        verdict.reason = "this file loads twilio-php 3.x-4.x itself (" + *loader +
                         "): load twilio-php 5+ instead (require Composer's vendor/autoload.php, or the library's "
                         "Twilio/autoload.php), then run fix again";
      }
    if (!verdict.rewrite && !opt_.draft) return refuse("library-upgrade", verdict.reason);
    if (!verdict.rewrite) {  // the draft is written for the upgraded library, and says so
      out_.notes.push_back("draft for the upgraded library: " + verdict.reason);
      m.diagnostics.emplace_back("library-upgrade");
      code = render_access_token_code(m, lang_, style);
      if (!code) return refuse("no-template", "the Access Token code cannot be generated: " + code.error().message);
    }
    if (!verdict.note.empty()) out_.notes.push_back(verdict.note);
    if (auto clash = import_clash(s_, code->imports)) {
      if (!opt_.draft) return refuse("name-clash", *clash);
      out_.notes.push_back("draft: " + *clash);
    }

    // The new statements go right before the one that generated the token; the generating
    // call becomes the Access Token's; the capability's own statements are deleted.
    const std::size_t t_line = line_start(fc_.file.text(), s_.tok(stmt_t_.begin).begin);
    const std::size_t expr_begin = s_.tok(term_use_->begin).begin;
    const std::size_t expr_end = s_.tok(term_use_->calls[term_call_].end - 1).end;
    out_.edits.push_back(
        Edit{static_cast<std::uint32_t>(t_line), static_cast<std::uint32_t>(t_line), 0, 0, 0, 0, code->body});
    out_.edits.push_back(Edit{static_cast<std::uint32_t>(expr_begin), static_cast<std::uint32_t>(expr_end), 0, 0, 0, 0,
                              code->jwt_expression});
    // split_grant: the constructor's lines declare the grant and each scope's lines set its
    // fields, at the same indentation; other statements (prints, event streams) go.
    auto statement_for = [&](const TokenRange& r) -> std::string {
      if (!split_) return "";
      if (r.begin == stmt_ctor_.begin)
        return code->grant.declare +
               (code->grant.identity_declare.empty() ? "" : style.newline + code->grant.identity_declare);
      std::size_t branch = 0;
      for (const auto* list : {&scope_statements_, &conditional_})
        for (const auto& st : *list) {
          const bool per_branch = list == &conditional_ && st.kind == ScopeKind::incoming;
          if (st.range.begin == r.begin) {
            if (per_branch) return code->grant.incoming + style.newline + code->grant.identities.at(branch);
            return st.kind == ScopeKind::incoming   ? code->grant.incoming
                   : st.kind == ScopeKind::outgoing ? code->grant.outgoing
                                                    : "";
          }
          branch += per_branch ? 1 : 0;
        }
      return "";
    };
    std::vector<TokenRange> replaced = removed_;
    if (split_)
      for (const auto& c : conditional_) replaced.push_back(c.range);
    for (const auto& r : replaced) {
      const auto text = fc_.file.text();
      const std::size_t b = line_start(text, s_.tok(r.begin).begin);
      const std::size_t e = next_line_start(text, s_.tok(r.end - 1).end - 1);
      std::string with = statement_for(r);
      if (!with.empty()) {
        const std::string indent(line_indent(text, s_.tok(r.begin).begin));
        std::string lines;
        for (std::size_t p = 0; p < with.size();) {  // the base indent on every line of it
          const std::size_t nl = with.find('\n', p);
          const std::size_t q = nl == std::string::npos ? with.size() : nl + 1;
          lines += indent + with.substr(p, q - p);
          p = q;
        }
        with = lines + style.newline;
      }
      out_.edits.push_back(Edit{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), 0, 0, 0, 0, with});
    }
    out_.removed = replaced;  // for the imports: the text of every statement it replaced is gone
    out_.imports = code->imports;
    out_.body = code->body + code->grant.declare + code->grant.incoming + code->grant.outgoing;  // for the imports
    return true;
  }

  const FileContext& fc_;
  const lang::Syntax& s_;
  const scan::Rule& rule_;
  const scan::Finding& f_;
  const scan::ConstructSites& sites_;
  const RewriteOptions& opt_;
  std::map<std::size_t, std::set<std::string>>& taken_;
  ConstructRewrite out_;
  std::string lang_, handle_;
  const scan::ObjectUse* term_use_ = nullptr;
  std::size_t term_call_ = 0;
  bool chained_ = false;
  TokenRange stmt_t_, stmt_ctor_;
  std::vector<TokenRange> removed_;
  std::set<std::uint32_t> conditional_lines_;     // lines of scopes added conditionally
  std::vector<ScopeStatement> conditional_;       // those scopes' statements
  std::vector<ScopeStatement> scope_statements_;  // the unconditional scope calls, among removed_
  bool scope_variables_removed_ = false;          // removed_ holds statements of scope variables
  bool split_ = false;                            // the grant replaces the capability statement by statement
};

}  // namespace

bool draftable(std::string_view reason_code) {
  return reason_code == "identity-missing" || reason_code == "api-key-source" || reason_code == "library-upgrade" ||
         reason_code == "conditional-scopes" || reason_code == "identity-conflict" ||
         reason_code == "identity-conditional" || reason_code == "name-clash";
}

ConstructRewrite rewrite_construct(const FileContext& fc, const scan::Rule& rule, const scan::Finding& finding,
                                   const scan::ConstructSites& sites, const RewriteOptions& options,
                                   std::map<std::size_t, std::set<std::string>>& taken) {
  return Planner(fc, rule, finding, sites, options, taken).run();
}

}  // namespace capmig::fix
