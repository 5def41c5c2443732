// Construct following (the helper-library dialects): find the capability object's
// constructor, then every call on it — chained, or through the name it is bound to — and the
// scope objects handed to it, so one finding carries every parameter the token will hold.
#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "analyzer/lang/declarations.h"
#include "analyzer/scan/match/context.h"
#include "analyzer/scan/match/foreign_names.h"
#include "analyzer/scan/match/secret.h"
#include "analyzer/scan/syntax/loop.h"
#include "analyzer/scan/syntax/transform.h"

namespace capmig::scan {
namespace json = boost::json;
namespace {

constexpr int kMaxScopeDepth = 4;

bool one_of(std::string_view s, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

class Follower {
 public:
  Follower(const Rule& rule, MatchContext& ctx) : rule_(rule), ctx_(ctx), s_(ctx.syntax), ev_(ctx.eval) {
    index_aliases();
  }

  void run() {
    for (std::size_t i = 0; i < s_.size(); ++i) {
      if (!s_.is_ident(i)) continue;
      const auto t = s_.text(i);
      if (!candidate_name(rule_.construct, t)) continue;
      auto call = s_.call_at(i);
      if (!call || !matches(rule_.construct, *call) || is_declaration(call->start) || the_apps_own(*call)) continue;
      follow(*call);
      i = call->end > i ? call->end - 1 : i;
    }
    follow_provided();
  }

 private:
  // --- class names --------------------------------------------------------------------
  bool candidate_name(const ConstructSpec& spec, std::string_view t) const {
    if (!s_.traits().constructor_method.empty() && t == s_.traits().constructor_method) return true;
    if (!spec.factory.empty() && t == spec.factory) return true;
    for (const auto& cls : spec.classes)
      if (cls.back() == t) return true;
    return aliases_.count(std::string(t)) && alias_spec_.at(std::string(t)) == &spec;
  }

  bool matches(const ConstructSpec& spec, const Call& call) const {
    std::vector<std::string> path = call.path;
    if (!spec.factory.empty()) {
      if (path.size() < 2 || path.back() != spec.factory) return false;
      path.pop_back();
    } else if (const auto ctor = s_.traits().constructor_method; !ctor.empty()) {
      // Ruby constructs with `Klass.new`; a bare `Klass::Scope` is a constant, not a call.
      if (path.size() < 2 || path.back() != ctor) return false;
      path.pop_back();
    }
    for (const auto& cls : spec.classes)
      if (path.size() >= cls.size() && std::equal(cls.rbegin(), cls.rend(), path.rbegin())) return true;
    if (path.size() == 1) {
      auto it = alias_spec_.find(path[0]);
      if (it != alias_spec_.end() && it->second == &spec) return true;
    }
    return false;
  }

  // `class ClientCapability(…)`, `def TwilioCapability(`, `function Capability(`: not a use.
  bool is_declaration(std::size_t start) const {
    if (start == 0) return false;
    if (!s_.is_ident(start - 1)) return false;
    for (std::string_view k : {"class", "def", "function", "interface", "struct", "record", "extends", "implements",
                               "import", "fun", "func", "void", "module", "sub"})
      if (s_.is_keyword(start - 1, k)) return true;  // VB's `Function`, `Sub`, `Class` too
    return false;
  }

  // `new ClientCapability(…)` written bare, in a file that declares or imports its own
  // ClientCapability. A qualified call (`twilio.jwt.ClientCapability`) or an alias is Twilio's.
  bool the_apps_own(const Call& call) {
    std::vector<std::string> path = call.path;
    const auto& spec = rule_.construct;
    const auto ctor = spec.factory.empty() ? s_.traits().constructor_method : std::string_view(spec.factory);
    if (!ctor.empty() && !path.empty() && path.back() == ctor) path.pop_back();
    for (const auto& cls : spec.classes) {
      if (path.size() != cls.size() || !std::equal(cls.begin(), cls.end(), path.begin())) continue;
      if (!foreign_) foreign_.emplace(s_);
      return foreign_->contains(cls.front());
    }
    return false;
  }

  // `const CC = require('twilio').jwt.ClientCapability`, `from … import ClientCapabilityToken as
  // CCT`, `using CC = Twilio.Jwt.ClientCapability;`, `Cap = Twilio::Util::Capability`.
  void index_aliases() {
    std::vector<const ConstructSpec*> specs{&rule_.construct};
    for (const auto& sc : rule_.scopes) specs.push_back(&sc);
    for (const auto& a : s_.assignments()) {
      if (a.rhs.empty()) continue;
      const std::size_t last = a.rhs.end - 1;
      // PHP `$cls = "Services_Twilio_Capability"; new $cls(…)`: a class named by a string.
      if (s_.traits().class_in_variable && a.rhs.end == a.rhs.begin + 1 && s_.tok(last).kind == TokKind::string &&
          !s_.tok(last).interpolated && a.handle.size() > 1 && a.handle[0] == '$' &&
          a.handle.find_first_of(".>@", 1) == std::string::npos) {
        const std::string_view named = s_.tok(last).value.str();
        const auto sep = named.rfind('\\');
        const std::string_view base = sep == std::string_view::npos ? named : named.substr(sep + 1);
        for (const auto* spec : specs)
          for (const auto& cls : spec->classes)
            if (base == cls.back()) {
              aliases_.insert(a.handle);
              alias_spec_[a.handle] = spec;
              class_variables_.insert(a.handle);
            }
        continue;
      }
      if (!s_.is_ident(last)) continue;
      // The right side is a pure name path (optionally after require(…)): no call at its end.
      bool pure = true;
      for (std::size_t k = a.rhs.begin; k < a.rhs.end && pure; ++k)
        if (s_.tok(k).kind == TokKind::punct && !s_.is_member_op(k) && !s_.is(k, "(") && !s_.is(k, ")")) pure = false;
      if (!pure || s_.is_keyword(a.rhs.begin, "new")) continue;
      for (const auto* spec : specs)
        for (const auto& cls : spec->classes)
          if (s_.text(last) == cls.back() && a.handle.find_first_of(".>$@") == std::string::npos) {
            aliases_.insert(a.handle);
            alias_spec_[a.handle] = spec;
          }
    }
    for (std::size_t k = 1; k + 1 < s_.size(); ++k) {
      if (!(s_.is_ident(k) && s_.text(k) == "as" && s_.is_ident(k - 1) && s_.is_ident(k + 1))) continue;
      for (const auto* spec : specs)
        for (const auto& cls : spec->classes)
          if (s_.text(k - 1) == cls.back()) {
            aliases_.insert(std::string(s_.text(k + 1)));
            alias_spec_[std::string(s_.text(k + 1))] = spec;
          }
    }
  }

  // --- arguments ----------------------------------------------------------------------
  static std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t b = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
      if (i == s.size() || s[i] == sep) {
        out.push_back(s.substr(b, i - b));
        b = i + 1;
      }
    return out;
  }

  // `{…} as Options` / `{…} satisfies Options` (TypeScript): the options object is what comes
  // before the cast. Only an object literal: a cast on a value stays part of its expression.
  TokenRange without_cast(TokenRange r) const {
    if (r.begin >= r.end || !s_.is(r.begin, "{")) return r;
    for (std::size_t k = r.begin; k + 1 < r.end; ++k) {
      if (const std::size_t p = s_.partner(k); p != npos && p > k && p < r.end) {
        k = p;
        continue;
      }
      if (k > r.begin && s_.is_ident(k) && (s_.text(k) == "as" || s_.text(k) == "satisfies") && s_.is_ident(k + 1))
        return {r.begin, k};
    }
    return r;
  }

  std::optional<TokenRange> argument(const Call& c, std::string_view head) const {
    if (!head.empty() && std::all_of(head.begin(), head.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
      std::size_t want = std::stoul(std::string(head)), n = 0;
      for (const auto& a : c.args) {
        if (!a.label.empty() || a.pair) {
          if (a.label == "**" || a.label == "...") return std::nullopt;  // positions unknown past a splat
          continue;
        }
        if (splat(a.range)) return a.range;  // `f(*creds)`: this and every later position
        if (n++ == want) return without_cast(a.range);
      }
      return std::nullopt;
    }
    for (const auto& a : c.args)
      if (a.label == head) return without_cast(a.range);
    return std::nullopt;
  }

  // Labelled heads the other bindings of this call consume (excluded from *rest).
  static std::set<std::string, std::less<>> bound_heads(const std::vector<Binding>& all, std::string_view prefix) {
    std::set<std::string, std::less<>> out;
    for (const auto& b : all)
      for (auto alt : split(b.at, '|')) {
        alt = alt.substr(0, alt.find('#'));
        if (prefix.empty()) {
          const auto dot = alt.find('.');
          out.insert(std::string(alt.substr(0, dot)));
        } else if (alt.size() > prefix.size() && alt.substr(0, prefix.size()) == prefix && alt[prefix.size()] == '.') {
          out.insert(std::string(alt.substr(prefix.size() + 1)));
        }
      }
    return out;
  }

  // Python **kwargs / Ruby trailing `k => v` / labelled leftovers as one map parameter.
  std::optional<Param> rest_of_call(const Call& c, const std::vector<Binding>& all) const {
    const auto bound = bound_heads(all, "");
    std::vector<const Arg*> rest;
    for (const auto& a : c.args)
      if (!a.label.empty() && !bound.count(a.label)) rest.push_back(&a);
    if (rest.empty()) return std::nullopt;
    const bool sole_splat = rest.size() == 1 && (rest[0]->label == "**" || rest[0]->label == "...");
    json::object values;
    bool known = true;
    std::string text;
    std::vector<std::pair<std::string, std::string>> entries;
    for (const Arg* a : rest) {
      if (!text.empty()) text += ", ";
      if (a->label == "**" || a->label == "...") {
        text += s_.range_text({a->range.begin - 1, a->range.end});
        auto m = ev_.map(a->range);
        if (!m) {
          known = false;
          continue;
        }
        const Param p = ev_.map_param(a->range, *m);
        if (p.value && p.value->is_object())
          for (const auto& [k, v] : p.value->get_object()) values[k] = v;
        else
          known = false;
        entries.insert(entries.end(), p.entries.begin(), p.entries.end());
        if (sole_splat) {
          Param out = p;  // `**params`: the map is `params` itself
          out.text = s_.range_text(a->range);
          return out;
        }
        continue;
      }
      text += a->pair ? a->label + " => " + s_.range_text(a->range) : s_.range_text({a->range.begin - 2, a->range.end});
      const Param p = ev_.param(a->range);
      values[a->label] = (p.value && !p.value->is_object() && !p.value->is_array()) ? *p.value : json::value(nullptr);
      entries.emplace_back(a->label, s_.range_text(a->range));
    }
    Param out{text, std::nullopt};
    out.expression = false;
    if (known) {
      out.value = json::value(std::move(values));
      out.entries = std::move(entries);
    }
    return out;
  }

  // A parameter's value: maps (params, event stream filters) keep their keys even when some
  // values are only known at run time.
  Param param_for(const std::string& field, TokenRange r) const {
    if (field == "outgoing_params" || field == "event_stream")
      if (auto m = ev_.map(r)) return ev_.map_param(r, *m);
    return ev_.param(r);
  }

  std::optional<Param> map_member(TokenRange r, std::string_view key, const std::vector<Binding>& all,
                                  std::string_view head, const std::string& field,
                                  std::optional<TokenRange>& entry_range) const {
    auto m = ev_.map(r);
    if (!m) return std::nullopt;
    if (key != "*rest") {
      for (const auto& e : m->entries)
        if (e.key == key) {
          entry_range = e.value;
          return param_for(field, e.value);
        }
      return std::nullopt;
    }
    const auto bound = bound_heads(all, head);
    MapLiteral rest;
    rest.complete = m->complete;
    std::string text;
    for (const auto& e : m->entries) {
      if (bound.count(e.key)) continue;
      rest.entries.push_back(e);
    }
    if (rest.entries.empty()) return std::nullopt;
    json::object values;
    bool known = rest.complete;
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto& e : rest.entries) {
      const Param p = ev_.param(e.value);
      if (!text.empty()) text += ", ";
      text += e.key + ": " + p.text;
      values[e.key] = (p.value && !p.value->is_object() && !p.value->is_array()) ? *p.value : json::value(nullptr);
      entries.emplace_back(e.key, p.text);
    }
    Param out{text, std::nullopt};
    out.expression = false;
    if (known) {
      out.value = json::value(std::move(values));
      out.entries = std::move(entries);
    }
    return out;
  }

  void apply(const std::vector<Binding>& bindings, const Call& c) {
    for (const auto& b : bindings) {
      std::optional<Param> value;
      std::optional<TokenRange> range;
      for (auto alt : split(b.at, '|')) {
        // `name#0`, `name#-1`: that element of an array literal (twilio-rb's
        // `allow_outgoing: [app_sid, params]`); element 0 of anything else is all of it.
        std::optional<long> element;
        if (const auto hash = alt.find('#'); hash != std::string_view::npos) {
          element = std::stol(std::string(alt.substr(hash + 1)));
          alt = alt.substr(0, hash);
        }
        const auto dot = alt.find('.');
        const auto head = alt.substr(0, dot);
        if (head == "*rest") {
          value = rest_of_call(c, bindings);
        } else if (auto r = argument(c, head)) {
          // A null argument (`new ClientCapability(sid, tok, null, scopes)`) is the library's
          // default, as if it were omitted: never a value, never source text to copy.
          if (null_literal(*r)) continue;
          range = r;
          if (dot != std::string_view::npos) {
            std::optional<TokenRange> entry;
            value = map_member(*r, alt.substr(dot + 1), bindings, head, b.param, entry);
            range = entry;
          } else if (b.param == "@scopes")
            collect_scopes(*r, 0);
          else if (splat(*r)) {
            // `ClientCapabilityToken(*client.auth)`: a credentials pair spread into the first
            // positions, shown as the splat. How far it reaches is not known: nothing after them.
            if (b.param != "account_sid" && b.param != "auth_token") {
              range.reset();
              continue;
            }
            value = Param{s_.range_text(*r), std::nullopt};
            value->expression = false;
          } else if (!b.transform.empty())
            value = transformed(b.transform, s_, ev_, *r);
          else
            value = param_for(b.param, *r);
          if (element && range) {
            range = array_element(*range, *element);
            value = range ? std::optional<Param>(param_for(b.param, *range)) : std::nullopt;
          }
        }
        if (value || (range && b.param == "@scopes")) break;
      }
      if (b.param == "@scopes") continue;
      if (!value && b.presence) value = Param{s_.range_text({c.start, c.end}), json::value(json::object())};
      if (!value) continue;
      if (b.param == "auth_token" && range) auth_range_ = range;
      if (b.ignored)
        params_.ignored[b.param] = std::move(*value);
      else
        set(b.param, std::move(*value));
    }
  }

  // Element `index` (from the end when negative) of the array literal r; r itself for element 0
  // of anything that is not an array literal.
  std::optional<TokenRange> array_element(TokenRange r, long index) const {
    if (!(s_.is(r.begin, "[") && s_.partner(r.begin) == r.end - 1)) {
      if (index == 0) return r;
      return std::nullopt;
    }
    std::vector<TokenRange> items;
    std::size_t from = r.begin + 1;
    for (std::size_t k = from; k < r.end - 1; ++k) {
      if ((s_.is(k, "(") || s_.is(k, "[") || s_.is(k, "{")) && s_.partner(k) != npos && s_.partner(k) < r.end) {
        k = s_.partner(k);
        continue;
      }
      if (!s_.is(k, ",")) continue;
      items.push_back({from, k});
      from = k + 1;
    }
    if (from < r.end - 1) items.push_back({from, r.end - 1});
    const long n = static_cast<long>(items.size());
    const long at = index < 0 ? n + index : index;
    if (n < 2 || at < 0 || at >= n) return index == 0 && n == 1 ? std::optional<TokenRange>(items[0]) : std::nullopt;
    return items[static_cast<std::size_t>(at)];
  }

  // A positional splat (Python/Ruby `*args`, JavaScript `...args`): it fills positions only
  // known at run time.
  bool splat(TokenRange r) const { return r.end > r.begin + 1 && (s_.is(r.begin, "*") || s_.is(r.begin, "...")); }

  bool null_literal(TokenRange r) const {
    if (r.end != r.begin + 1 || r.begin >= s_.size() || !s_.is_ident(r.begin)) return false;
    const auto t = s_.text(r.begin);
    return t == "null" || t == "nil" || t == "None" || t == "undefined" || t == "NULL" || t == "nullptr" ||
           s_.is_keyword(r.begin, "nothing");
  }

  void set(const std::string& field, Param p) {
    auto& fields = params_.fields;
    if (field == "incoming_client_name" && fields.count(field)) {
      params_.extra_identity_candidates.push_back(std::move(p));
      return;
    }
    fields[field] = std::move(p);  // a later call wins, as at run time (generate(ttl) after ttl:)
  }

  std::size_t incoming_names() const {
    return params_.fields.count("incoming_client_name") + params_.extra_identity_candidates.size();
  }

  void apply_method(const ConstructSpec& spec, const Call& c) {
    auto it = spec.methods.find(s_.text(c.name));
    if (it == spec.methods.end()) return;
    ++methods_applied_;
    if (!spec.terminal.count(s_.text(c.name))) {
      apply(it->second, c);
      return;
    }
    // Each generate() signs a token of its own: the object's scopes so far and this call's
    // arguments. A previous call's arguments (its ttl) are not the object's state.
    for (auto& [field, before] : undo_)
      if (before)
        params_.fields[field] = std::move(*before);
      else
        params_.fields.erase(field);
    undo_.clear();
    for (const auto& b : it->second) {
      const auto was = params_.fields.find(b.param);
      undo_.emplace_back(b.param, was == params_.fields.end() ? std::nullopt : std::optional<Param>(was->second));
    }
    apply(it->second, c);
    generated_.push_back({params_, c.start, c.end});
    terminal_ = true;
  }

  // --- scopes --------------------------------------------------------------------------
  void collect_scopes(TokenRange r, int depth) {
    if (depth > kMaxScopeDepth) return;
    for (std::size_t k = r.begin; k < r.end && k < s_.size(); ++k) {
      if (!s_.is_ident(k)) continue;
      const auto t = s_.text(k);
      bool found = false;
      for (const auto& spec : rule_.scopes) {
        if (!candidate_name(spec, t)) continue;
        auto c = s_.call_at(k);
        if (!c || !matches(spec, *c)) continue;
        if (applied_scopes_.insert(c->start).second) {
          sites_.scope_calls.push_back(c->start);
          apply(spec.args, *c);
          for (const auto& m : s_.chain_after(c->end)) apply_method(spec, m);
        }
        k = c->end - 1;
        found = true;
        break;
      }
      if (found) continue;
      if (k > r.begin && s_.is_member_op(k - 1) && !is_self(k - 2)) continue;
      // scopes_for(user): a function of this file that builds the scopes.
      if (s_.is(k + 1, "(")) {
        if (auto body = function_body(s_.text(k)); body && visited_.insert("()" + std::string(s_.text(k))).second) {
          sites_.scope_functions.emplace_back(s_.text(k));
          collect_scopes(*body, depth + 1);
        }
        continue;
      }
      // A name: what it is bound to, and what is added to it later (list.add(scope)).
      std::size_t e = k;
      while (s_.is_member_op(e + 1) && s_.is_ident(e + 2) && !s_.is(e + 3, "(")) e += 2;
      if (s_.is(e + 1, "(")) continue;
      if (s_.traits().bare_calls && e == k && !s_.is(e + 1, "=") && function_body(s_.text(k))) {
        // Ruby calls a method without parentheses: `scopes:` → `def scopes`.
        if (auto body = function_body(s_.text(k)); body && visited_.insert("()" + std::string(s_.text(k))).second) {
          sites_.scope_functions.emplace_back(s_.text(k));
          collect_scopes(*body, depth + 1);
        }
        continue;
      }
      std::string handle;
      for (std::size_t q = k; q <= e; ++q) handle += s_.text(q);
      if (!visited_.insert(handle).second) continue;
      sites_.scope_names.push_back(handle);
      for (const auto* a : s_.assignments_to(handle)) collect_scopes(a->rhs, depth + 1);
      collect_additions(handle, depth + 1);
    }
  }

  bool is_self(std::size_t k) const {
    return k < s_.size() && s_.is_ident(k) && (one_of(s_.text(k), {"this", "self", "$this"}) || s_.is_keyword(k, "me"));
  }

  // Token k is a keyword that defines a function: `def`, `function`, `fun`, `func`, VB's
  // `Function` (any case where the language ignores it).
  bool defines_function(std::size_t k) const {
    return s_.is_keyword(k, "def") || s_.is_keyword(k, "function") || s_.is_keyword(k, "fun") ||
           s_.is_keyword(k, "func");
  }

  // The body of the function or method `name` defined in this file: `def name … end`,
  // `def name(…):` (by indentation), `function name(…) {…}`, `Type name(…) {…}`.
  std::optional<TokenRange> function_body(std::string_view name) const {
    for (std::size_t k = 0; k + 1 < s_.size(); ++k)
      if (s_.is_ident(k) && s_.text(k) == name)
        if (auto body = body_at(k)) return body;
    return std::nullopt;
  }

  // The body when token k names a function being defined there (see function_body).
  std::optional<TokenRange> body_at(std::size_t k) const {
    const bool keyword = k > 0 && defines_function(k - 1);
    const bool ruby_self = k > 2 && s_.is_member_op(k - 1) && s_.is_ident(k - 3) && s_.text(k - 3) == "def";
    std::size_t after = k + 1;
    if (s_.is(after, "(")) {
      if (s_.partner(after) == npos) return std::nullopt;
      after = s_.partner(after) + 1;
    } else if (!keyword && !ruby_self) {
      return std::nullopt;
    }
    // Skip a return type or throws clause before the body: `): List<Scope> {`, `throws X {`.
    std::size_t brace = after;
    while (brace < s_.size() && brace < after + 12 && !s_.is(brace, "{") && !s_.is(brace, ";") && !s_.is(brace, "=") &&
           !s_.tok(brace).newline_before)
      ++brace;
    if (s_.is(brace, "{") && s_.partner(brace) != npos && (keyword || !s_.is(k - 1, "."))) {
      if (!keyword && k > 0 && (s_.is(k - 1, "=") || s_.is(k - 1, "(") || s_.is(k - 1, ","))) return std::nullopt;
      return TokenRange{brace + 1, s_.partner(brace)};
    }
    if (!keyword && !ruby_self) return std::nullopt;
    // Indentation-delimited (Python) or `end`-terminated (Ruby, VB): up to the next line that is
    // indented no deeper than the line that starts the definition (`Private Function`, `async def`).
    std::size_t def_tok = ruby_self ? k - 3 : k - 1;
    while (def_tok > 0 && !s_.tok(def_tok).newline_before) --def_tok;
    const auto def_col = ctx_.file.locate(s_.begin_offset(def_tok), s_.end_offset(def_tok)).column;
    std::size_t e = after;
    while (e < s_.size() &&
           !(s_.tok(e).newline_before && ctx_.file.locate(s_.begin_offset(e), s_.end_offset(e)).column <= def_col))
      ++e;
    return TokenRange{after, e};
  }

  void collect_additions(const std::string& handle, int depth) {
    for (std::size_t k = 0; k + 2 < s_.size(); ++k) {
      const std::size_t e = s_.handle_starting_at(k, handle);
      if (e == npos) continue;
      if (s_.is_member_op(e + 1) && s_.is_ident(e + 2) &&
          one_of(s_.text(e + 2), {"add", "Add", "push", "append", "insert", "concat", "AddRange", "addAll", "extend",
                                  "unshift", "Append"})) {
        if (auto c = s_.call_at(e + 2); c && c->open != npos) collect_scopes({c->open + 1, c->close}, depth);
      } else if (s_.is(e + 1, "<<")) {
        collect_scopes({e + 2, s_.expression_end(e + 2)}, depth);
      } else if (s_.is(e + 1, "[") && s_.is(e + 2, "]") && s_.is(e + 3, "=")) {
        collect_scopes({e + 4, s_.expression_end(e + 4)}, depth);
      }
    }
  }

  // --- one construct -------------------------------------------------------------------
  void start_construct() {
    params_ = {};
    auth_range_.reset();
    applied_scopes_.clear();
    visited_.clear();
    terminal_ = false;
    undo_.clear();
    generated_.clear();
    methods_applied_ = 0;
    exported_helper_.clear();
    exported_memo_ = false;
    sites_ = {};
    pipe_module_.clear();
  }

  void follow(const Call& ctor) {
    start_construct();
    sites_.ctor = ctor;
    if (ctor.path.size() == 1 && class_variables_.count(ctor.path[0])) sites_.class_variable = ctor.path[0];
    sites_.ctor_chain.begin = ctor.start;
    apply(rule_.construct.args, ctor);
    if (!s_.traits().pipe_op.empty() && ctor.path.size() >= 2) pipe_module_ = ctor.path[ctor.path.size() - 2];
    std::size_t end = ctor.end;
    auto chain_from = [&](std::size_t from) {
      end = from;
      for (const auto& m : s_.chain_after(from, pipe_module_)) {
        apply_method(rule_.construct, m);
        sites_.ctor_chain.calls.push_back(m);
        end = m.end;
      }
    };
    chain_from(ctor.end);
    // Ruby `Capability.new(…).tap do |c| c.allow_…(…) end.generate`: the block's calls on its
    // parameter, then the chain after the block.
    if (s_.is_member_op(end) && s_.is_ident(end + 1) && s_.text(end + 1) == "tap")
      if (const auto block = s_.block_at(end + 2); block && block->param != "_") {
        follow_handle(block->param, block->body, 0, 0, block->close);
        sites_.configured_in_block = true;
        chain_from(block->close + 1);
      }
    sites_.ctor_chain.end = end;
    // The name the object is bound to, and every call on it until it is bound again.
    const Assignment* bound = nullptr;
    // `cap = new X(…)`, `cap = require('twilio').Capability(…)`, `cap = (new X(…)).allow…(…)`.
    // Not `make = () => new X(…)` or `make = lambda: X(…)`: that binds a function returning it.
    for (const auto& a : s_.assignments())
      if (a.rhs.begin <= ctor.start && ctor.start < a.rhs.end && a.rhs.end <= end + 1 &&
          !makes_function(a.rhs.begin, ctor.start))
        bound = &a;
    sites_.bound = bound;
    if (bound && !follow_field(bound->handle, ctor.start, end)) follow_handle(bound->handle, end);
    follow_helper_callers(ctor, end);
    emit(ctor, end);
  }

  // --- a helper that returns the object ----------------------------------------------------
  // `function makeCapability() { return new twilio.Capability(…); }`, `def get_capability():
  // return TwilioCapability(…)`, Rails' memoized `def capability; @capability ||= …; end`:
  // the caller configures and signs what the helper returns. A fresh object per call is
  // followed only when one call site takes it; a memoized one through every use of the name.
  void follow_helper_callers(const Call& ctor, std::size_t end) {
    if (terminal_) return;  // signed already: the helper returns the token, not the object
    const Assignment* bound = sites_.bound;
    const bool memo = bound && (s_.text(bound->op) == "||=" || s_.text(bound->op) == "?\?=");
    const std::size_t first = bound ? bound->lhs : ctor.start;
    // Python's `make_capability = lambda: TwilioCapability(…)` is the same as an arrow.
    bool lambda = false;
    if (!bound && first > 1 && s_.is(first - 1, ":"))
      for (std::size_t k = first - 1; k-- > 0 && !lambda;) {
        lambda = s_.is_keyword(k, "lambda");
        if (s_.tok(k).newline_before) break;
      }
    // Ruby's `VOICE = Capability.new(…)` outside any method: one object that every file names;
    // the repository pass follows its uses as it does a memoized helper's.
    if (bound && s_.traits().capitalised_globals && std::isupper(static_cast<unsigned char>(bound->handle[0])) &&
        bound->handle.find_first_of(".:") == std::string::npos && !enclosing_function(first)) {
      exported_helper_ = bound->handle;
      exported_memo_ = true;
      return;
    }
    const bool arrow = !bound && first > 0 && (s_.is(first - 1, "=>") || lambda);
    const bool ruby_last = s_.traits().paren_less_calls && s_.is_ident(end) && s_.text(end) == "end";
    if (!bound && !arrow && !ruby_last && !(first > 0 && s_.is_keyword(first - 1, "return"))) return;
    std::string name;
    TokenRange body;
    if (arrow) {  // const makeCapability = () => new twilio.Capability(…)
      for (const auto& a : s_.assignments())
        if (a.rhs.begin < first && first < a.rhs.end && a.handle.find_first_of(".>$@") == std::string::npos) {
          name = a.handle;
          body = a.rhs;
        }
    } else if (auto fn = enclosing_function(first)) {
      std::tie(name, body) = *fn;
    }
    if (name.empty()) return;
    // Bound to a name: the helper returns that name (`return cap;`, Ruby's last `@capability`).
    if (bound && !(memo && ruby_last) && !returns_handle(body, bound->handle, bound->rhs.end)) return;
    const auto calls = helper_call_sites(name, body, false);
    if (calls.empty()) {  // no caller here: another file may call it (the repository pass)
      exported_helper_ = name;
      exported_memo_ = memo;
      return;
    }
    if (!memo && calls.size() != 1) return;
    follow_helper_calls(calls, memo);
    sites_.helper = name;
  }

 public:
  // The repository pass, in another file: the calls of helper `name` (on any receiver: a
  // module, an import) and what is done with the object they return. The number of call
  // sites followed; the parameters read are in `out`.
  std::size_t follow_external(const std::string& name, bool memo, CapabilityParameters& out) {
    start_construct();
    const auto calls = helper_call_sites(name, {0, 0}, true);
    if (calls.empty() || (!memo && calls.size() != 1)) return 0;
    follow_helper_calls(calls, memo);
    out = params_;
    return methods_applied_ ? calls.size() : 0;
  }

 private:
  // Token indices where helper `name` is called outside `body`; `any_receiver` admits
  // `module.name(…)` (another file's export), else only `name(…)` or `this.name(…)`.
  std::vector<std::size_t> helper_call_sites(const std::string& name, TokenRange body, bool any_receiver) const {
    std::vector<std::size_t> calls;
    for (std::size_t k = 0; k < s_.size(); ++k) {
      if (k >= body.begin && k < body.end) {
        k = body.end - 1;
        continue;
      }
      if (!s_.is_ident(k) || s_.text(k) != name || is_declaration(k) || (k > 0 && s_.is(k - 1, "=>"))) continue;
      if (!any_receiver && k > 0 && s_.is_member_op(k - 1) && !is_self(k - 2)) continue;  // another object's
      if (s_.is(k + 1, "(") || (s_.traits().bare_calls && !s_.is(k + 1, "=")) || s_.starts_paren_less_argument(k + 1))
        calls.push_back(k);
    }
    return calls;
  }

  // `name(…).allow…(…)`, `cap = name()`, Ruby's `name.allow_…(…)`: the calls on what the
  // helper returns, and (a fresh object per call) on the name it is bound to.
  void follow_helper_calls(const std::vector<std::size_t>& calls, bool memo) {
    for (const std::size_t k : calls) {
      std::size_t after = k + 1;
      if (s_.is(k + 1, "(")) {
        const auto c = s_.call_at(k);
        if (!c) continue;
        after = c->end;
      }
      ObjectUse use{k, after, {}};
      for (const auto& m : s_.chain_after(after)) {
        apply_method(rule_.construct, m);
        use.calls.push_back(m);
        use.end = m.end;
      }
      const std::size_t use_end = use.end;
      if (!use.calls.empty()) sites_.uses.push_back(std::move(use));
      if (!memo)
        for (const auto& a : s_.assignments())
          if (a.rhs.begin <= k && k < a.rhs.end && a.rhs.end <= use_end + 1) follow_handle(a.handle, a.rhs.end);
    }
  }

  // Tokens [b, e) open a function whose body follows: `() =>`, `function (…)`, `lambda:`.
  bool makes_function(std::size_t b, std::size_t e) const {
    for (std::size_t k = b; k < e; ++k)
      if (s_.is(k, "=>") || (s_.is_ident(k) && one_of(s_.text(k), {"function", "lambda", "fn"}))) return true;
    return false;
  }

  // `return handle` in the body after token `from`, or (Ruby) `handle` as its last expression.
  bool returns_handle(TokenRange body, const std::string& handle, std::size_t from) const {
    for (std::size_t k = from; k + 1 < body.end; ++k) {
      if (!s_.is_keyword(k, "return")) continue;
      const std::size_t e = s_.handle_starting_at(k + 1, handle);
      if (e != npos && (e + 1 >= body.end || s_.is(e + 1, ";") || s_.is(e + 1, "}") || s_.tok(e + 1).newline_before))
        return true;
    }
    std::size_t head = npos;
    return s_.traits().paren_less_calls && body.end > from && s_.handle_ending_at(body.end - 1, &head) == handle &&
           head != npos && s_.tok(head).newline_before;
  }

  // The '{' at `brace` opens an anonymous function's body: `=> {`, `function (…) {`,
  // PHP's `function (…) use (…) {`.
  bool anonymous_body(std::size_t brace) const {
    if (brace == 0) return false;
    if (s_.is(brace - 1, "=>")) return true;
    std::size_t close = brace - 1;
    for (int i = 0; i < 2 && s_.is(close, ")") && s_.partner(close) != npos; ++i) {
      const std::size_t open = s_.partner(close);
      if (open == 0 || !s_.is_ident(open - 1)) return false;
      if (s_.text(open - 1) == "function") return true;
      if (s_.text(open - 1) != "use" || open < 2) return false;
      close = open - 2;  // the parameter list before `use`
    }
    return false;
  }

  // The function whose body holds token `at`: its name and body.
  std::optional<std::pair<std::string, TokenRange>> enclosing_function(std::size_t at) const {
    for (std::size_t k = at; k-- > 0;) {
      // Inside an anonymous function first (`function ($app) {`, `=> {`): no name returns it.
      if (s_.is(k, "{") && s_.partner(k) != npos && s_.partner(k) > at && anonymous_body(k)) return std::nullopt;
      if (!s_.is_ident(k)) continue;
      const bool keyword = k > 0 && defines_function(k - 1);
      const bool typed = s_.is(k + 1, "(") && k > 0 && s_.is_ident(k - 1) &&
                         !one_of(s_.text(k - 1), {"new", "return", "throw", "await", "yield", "case", "else"});
      if (!keyword && !typed) continue;
      // The definition at k itself, not the first of that name: linear in the file overall.
      const auto b = body_at(k);
      if (b && b->begin <= at && at < b->end) return std::make_pair(std::string(s_.text(k)), *b);
    }
    return std::nullopt;
  }

  // A field set once (`$this->capability = new ClientToken(…)` in a constructor) is used by
  // the class's other methods, wherever they sit in the file: its calls are followed through
  // the whole file, and by its bare name too where the language lets `this.` be left out.
  bool follow_field(const std::string& handle, std::size_t ctor_start, std::size_t ctor_end) {
    std::string bare;
    for (std::string_view self : {"this.", "$this->", "self.", "@", "Me."})
      if (handle.size() > self.size() && handle.compare(0, self.size(), self) == 0 && handle[self.size()] != '@')
        bare = handle.substr(self.size());
    if (bare.empty()) return false;
    // Set once, or also by other constructors to an object of the same kind (a second
    // constructor taking one as a parameter): the methods use whichever it holds.
    for (const auto* a : s_.assignments_to(handle))
      if (!(a->lhs <= ctor_start && ctor_start < a->rhs.end) && !same_kind(*a)) return false;
    follow_through_file(handle, bare, ctor_start, ctor_end);
    return true;
  }

  // `= new TwilioCapability(…)` or `= capability` where a parameter of that type is named so.
  bool same_kind(const Assignment& a) {
    const auto& spec = rule_.construct;
    if (a.rhs.end == a.rhs.begin + 1 && s_.is_ident(a.rhs.begin)) {
      if (!typed_parameters_) {
        typed_parameters_.emplace();
        for (const auto& cls : spec.classes)
          for (const auto& d : lang::typed_declarations(s_, cls.back()))
            if (d.kind == lang::TypedDeclaration::Kind::parameter)
              typed_parameters_->insert(std::string(s_.text(d.name)));
      }
      return typed_parameters_->count(std::string(s_.text(a.rhs.begin))) > 0;
    }
    for (std::size_t k = a.rhs.begin; k < a.rhs.end; ++k)
      if (s_.is_ident(k) && candidate_name(spec, s_.text(k)))
        if (auto c = s_.call_at(k); c && matches(spec, *c)) return true;
    return false;
  }

  // The body of the class (struct, record) declared around token k: the whole file when none.
  TokenRange class_body_of(std::size_t k) const {
    for (std::size_t b = k; b-- > 0;) {
      if (!s_.is(b, "{") || s_.partner(b) == npos || s_.partner(b) < k) continue;
      for (std::size_t q = b; q-- > 0 && b - q < 24;) {
        if (s_.is(q, ";") || s_.is(q, "}") || s_.is(q, "{")) break;
        if (s_.is_keyword(q, "class") || s_.is_keyword(q, "struct") || s_.is_keyword(q, "record"))
          return TokenRange{b + 1, s_.partner(b)};
      }
    }
    return TokenRange{0, s_.size()};
  }

  // Calls on a field anywhere in the file, as `this.x` and, where `this.` may be left out, `x`.
  void follow_through_file(const std::string& handle, const std::string& bare, std::size_t skip_b, std::size_t skip_e) {
    follow_handle(handle, 0, skip_b, skip_e);
    // Only this class's assignments hide the field: another class of the file may well have
    // a local of that name.
    const TokenRange cls = class_body_of(skip_b);
    const auto& bare_sets = s_.assignments_to(bare);
    const bool shadowed = std::any_of(bare_sets.begin(), bare_sets.end(),
                                      [&](const Assignment* a) { return a->lhs >= cls.begin && a->lhs < cls.end; });
    if (s_.traits().implicit_this && !shadowed) {
      follow_handle(bare, 0, skip_b, skip_e);  // appends: the uses go back in source order
      std::sort(sites_.uses.begin(), sites_.uses.end(),
                [](const ObjectUse& a, const ObjectUse& b) { return a.begin < b.begin; });
    }
    sites_.lifetime_end = s_.size();
  }

  // --- objects provided by the caller or a framework --------------------------------------
  // A typed parameter (`ClientToken $clientToken` in a Laravel action, `TwilioCapability cap`
  // in a Spring constructor) or an injected field (`@Autowired private TwilioCapability cap;`)
  // holds a capability object built elsewhere: a construct starts at its declaration and
  // takes the calls made on it there, and through a field it is stored in. Its credentials
  // are set where it is built (another construct, when that is in the repository).
  void follow_provided() {
    const auto& spec = rule_.construct;
    std::vector<lang::TypedDeclaration> decls;
    for (const auto& cls : spec.classes)
      for (auto& d : lang::typed_declarations(s_, cls.back())) {
        if (d.type_path.size() < cls.size() || !std::equal(cls.rbegin(), cls.rend(), d.type_path.rbegin())) continue;
        if (d.type_path.size() == cls.size()) {  // bare: not the app's own class of that name
          if (!foreign_) foreign_.emplace(s_);
          if (foreign_->contains(cls.front())) continue;
        }
        decls.push_back(std::move(d));
      }
    // `use Services_Twilio_Capability as Cap;` then `function issue(Cap $cap)`: the alias types it.
    for (const auto& alias : aliases_)
      if (alias_spec_.at(alias) == &spec && alias.find_first_of("$.>@") == std::string::npos)
        for (auto& d : lang::typed_declarations(s_, alias))
          if (d.type_path.size() == 1) decls.push_back(std::move(d));
    // Parameters first: a field they are stored in is theirs, not an injected one.
    std::stable_sort(decls.begin(), decls.end(), [](const auto& a, const auto& b) { return a.kind < b.kind; });
    std::set<std::string> fields_followed;
    for (const auto& d : decls) {
      start_construct();
      const std::string name(s_.text(d.name));
      const bool php = name.size() > 1 && name[0] == '$';
      const std::string bare = php ? name.substr(1) : name;
      const std::string field = (php ? "$this->" : "this.") + bare;
      if (d.kind == lang::TypedDeclaration::Kind::parameter) {
        follow_handle(name, d.body.begin, 0, 0, d.body.end);
        if (d.property && fields_followed.insert(bare).second)
          follow_through_file(field, s_.traits().implicit_this ? bare : std::string(), 0, 0);
        // `this.cap = cap;`: the class's other methods use the object through the field.
        for (const auto& a : s_.assignments()) {
          if (a.lhs < d.body.begin || a.lhs >= d.body.end || a.rhs.end != a.rhs.begin + 1 ||
              s_.text(a.rhs.begin) != name)
            continue;
          std::string_view own = a.handle;
          for (std::string_view self : {"this.", "$this->"})
            if (own.starts_with(self)) own.remove_prefix(self.size());
          fields_followed.insert(std::string(own));
          if (!follow_field(a.handle, a.lhs, a.rhs.end) && s_.traits().implicit_this && a.handle == own &&
              s_.assignments_to(a.handle).size() == 1)
            follow_handle(a.handle, 0, a.lhs, a.rhs.end);  // C# `_cap = cap;`
        }
      } else {
        if (fields_followed.count(bare) || !s_.assignments_to(field).empty() || !s_.assignments_to(name).empty())
          continue;  // assigned in this file: followed from there
        follow_through_file(field, s_.traits().implicit_this ? bare : std::string(), 0, 0);
      }
      if (methods_applied_ == 0) continue;  // only handed on: the code that uses it is elsewhere
      Call decl;
      decl.start = std::min(d.type.begin, d.name);
      decl.name = d.name;
      decl.path = d.type_path;
      decl.end = std::max(d.type.end, d.name + 1);
      sites_.ctor = decl;
      sites_.ctor_chain.begin = sites_.ctor_chain.end = decl.start;
      sites_.provided = true;
      emit(decl, decl.end);
    }
  }

  // Calls on `handle` from token `from` until it is bound again, skipping [skip_b, skip_e):
  // the construct's own chain.
  void follow_handle(const std::string& handle, std::size_t from, std::size_t skip_b = 0, std::size_t skip_e = 0,
                     std::size_t until = npos) {
    std::size_t stop = until == npos ? s_.size() : until;
    for (const auto* a : s_.assignments_to(handle))
      if (a->lhs >= std::max(from, skip_e)) {
        stop = std::min(stop, a->lhs);
        break;
      }
    if (skip_e) stop = s_.size();  // a field: its one assignment is the construct's
    sites_.lifetime_end = stop;
    for (std::size_t k = from; k < stop; ++k) {
      if (k >= skip_b && k < skip_e) {
        k = skip_e - 1;
        continue;
      }
      const std::size_t e = s_.handle_starting_at(k, handle);
      if (e == npos) continue;
      std::optional<Call> c;
      if (s_.is_member_op(e + 1) && s_.is_ident(e + 2)) {
        c = s_.call_at(e + 2);
      } else if (!pipe_module_.empty()) {  // `cap |> Capability.allow_client_incoming(name)`
        auto piped = s_.chain_after(e + 1, pipe_module_);
        if (!piped.empty()) c = std::move(piped.front());
      }
      if (!c) continue;
      const std::size_t names = incoming_names();
      apply_method(rule_.construct, *c);
      // An incoming scope added once per item of a loop: the token names several clients, and
      // the identity is only the first of them.
      if (incoming_names() > names && in_loop_since(s_, sites_.ctor.start, k))
        params_.diagnostics.emplace_back("identity-conflict");
      ObjectUse use{k, c->end, {*c}};
      std::size_t end = c->end;
      for (const auto& m : s_.chain_after(c->end, pipe_module_)) {
        apply_method(rule_.construct, m);
        use.calls.push_back(m);
        end = m.end;
      }
      use.end = end;
      sites_.uses.push_back(std::move(use));
      k = end - 1;
    }
  }

  void emit(const Call& ctor, std::size_t end) {
    const std::uint32_t b = s_.begin_offset(ctor.start), e = s_.end_offset(end - 1);
    Finding f = make_finding(rule_, ctx_, b, e);
    // Several generate() calls on one object: the construct is the first token, and each later
    // one is a finding of its own at its call, with the scopes added before it and its own ttl.
    std::vector<Generated> again;
    if (generated_.size() > 1) {
      params_ = generated_.front().params;
      again.assign(generated_.begin() + 1, generated_.end());
    }

    // A literal auth token is a secret: its own finding, and redacted everywhere it shows.
    std::optional<std::size_t> secret_tok;
    if (auth_range_) secret_tok = ev_.string_literal_token(*auth_range_);
    std::string secret;
    if (secret_tok) secret = s_.tok(*secret_tok).value;
    auto fill = [&](Finding& into, CapabilityParameters params) {
      CapabilityParameters mapping_input = mapping_input_for(rule_, params);
      if (secret_tok) {
        for (auto* fields : {&params.fields, &mapping_input.fields}) {
          auto it = fields->find("auth_token");
          if (it == fields->end()) continue;
          it->second.text = redact_in(it->second.text, secret);
          if (it->second.value && it->second.value->is_string()) it->second.value = json::value(redact(secret));
        }
        into.snippet = redact_in(into.snippet, secret);
      }
      into.capability = std::move(params);
      into.map_input = std::move(mapping_input);
    };
    fill(f, params_);
    f.exported_helper = exported_helper_;
    f.exported_memo = exported_memo_;
    if (sites_.provided && !sites_.ctor.path.empty()) f.provided_class = sites_.ctor.path.back();
    // A helper nobody calls in code counts too: a Spring @Bean method is called by the framework.
    f.built_for_others = !sites_.provided && !terminal_ && methods_applied_ == 0 && applied_scopes_.empty();
    const auto f_line = f.location.line;
    if (ctx_.sites) {
      sites_.finding = ctx_.out.size();
      ctx_.sites->push_back(std::move(sites_));
    }
    ctx_.out.push_back(std::move(f));
    for (Generated& g : again) {
      Finding gf = make_finding(rule_, ctx_, s_.begin_offset(g.begin), s_.end_offset(g.end - 1));
      gf.message += "; another token generated from the object built on line " + std::to_string(f_line);
      gf.generated_again_from = f_line;
      fill(gf, std::move(g.params));
      ctx_.out.push_back(std::move(gf));
    }

    // A name given different definitions (`$this->tok = '…'` in two methods) has no single
    // value, but every literal written into it signs the token: each is the secret.
    // The literal at token `lit` signs the token: its own finding, reported once per literal.
    auto report_secret_literal = [&](std::size_t lit, const std::string& how) {
      if (!ctx_.secret_rule || !ctx_.reported_secrets.insert(lit).second) return;
      const Token& t = s_.tok(lit);
      const std::string value = t.value;
      const auto sev = secret_severity(value);
      if (!sev) return;
      Finding sf = make_finding(*ctx_.secret_rule, ctx_, t.begin, t.end);
      sf.severity = std::min(sf.severity, *sev);
      sf.message = "Hard-coded Twilio auth token (" + redact(value) + ") " + how +
                   " the capability token minted on line " + std::to_string(f_line) +
                   "; read it from the environment and rotate it";
      sf.snippet = redact_in(sf.snippet, value);
      sf.capability.fields["auth_token"] =
          Param{redact_in(std::string(t.text(ctx_.file.text())), value), json::value(redact(value))};
      ctx_.out.push_back(std::move(sf));
    };
    if (secret_tok) {
      report_secret_literal(*secret_tok, "signs");
    } else if (auth_range_) {
      // A name given different definitions (`$this->tok = '…'` in two methods) has no single
      // value, but every literal written into it signs the token: each is the secret.
      const std::string handle = s_.handle_ending_at(auth_range_->end - 1);
      if (!handle.empty() && s_.range_text(*auth_range_) == handle)
        for (const auto* a : s_.assignments_to(handle))
          if (const auto lit = ev_.string_literal_token(a->rhs))
            report_secret_literal(*lit, "assigned to " + handle + ", which signs");
    }
  }

  const Rule& rule_;
  MatchContext& ctx_;
  const Syntax& s_;
  const Evaluator& ev_;
  std::set<std::string> aliases_;
  std::set<std::string> class_variables_;  // aliases bound to a class name in a string
  std::map<std::string, const ConstructSpec*> alias_spec_;
  std::optional<ForeignNames> foreign_;  // built on the first bare class name, once per file
  CapabilityParameters params_;
  std::optional<TokenRange> auth_range_;
  std::set<std::size_t> applied_scopes_;
  std::set<std::string> visited_;
  bool terminal_ = false;
  // The tokens generated from the object, in source order: each with the parameters it signs.
  struct Generated {
    CapabilityParameters params;
    std::size_t begin, end;  // the generate call's tokens
  };
  std::vector<Generated> generated_;
  std::vector<std::pair<std::string, std::optional<Param>>> undo_;  // fields before the last generate's arguments
  std::size_t methods_applied_ = 0;                        // calls of the rule's methods on the object being followed
  std::optional<std::set<std::string>> typed_parameters_;  // names of parameters typed with the class
  std::string exported_helper_;                            // returned by this helper, which no code of the file calls
  bool exported_memo_ = false;
  std::string pipe_module_;  // Elixir: the module whose functions a pipeline applies to the object
  ConstructSites sites_;
};

}  // namespace

void match_construct(const Rule& rule, MatchContext& ctx) { Follower(rule, ctx).run(); }

std::size_t follow_helper_callers(const Rule& rule, MatchContext& ctx, const std::string& helper, bool memo,
                                  CapabilityParameters& out) {
  return Follower(rule, ctx).follow_external(helper, memo, out);
}

}  // namespace capmig::scan
