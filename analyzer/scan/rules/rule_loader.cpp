#include <re2/re2.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <filesystem>

#include "analyzer/core/embedded.h"
#include "analyzer/core/file_io.h"
#include "analyzer/scan/prefilter.h"
#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/syntax/transform.h"

namespace capmig::scan {
namespace json = boost::json;
namespace fs = std::filesystem;
namespace {

using Error = std::string;

struct Reader {
  const json::object& o;
  const std::string& where;
  std::string error;

  const json::value* get(std::string_view key) const { return o.if_contains(key); }
  std::string str(std::string_view key, bool required = true) {
    const auto* v = get(key);
    if (!v) {
      if (required && error.empty()) error = where + ": missing \"" + std::string(key) + "\"";
      return {};
    }
    if (!v->is_string()) {
      if (error.empty()) error = where + ": \"" + std::string(key) + "\" must be a string";
      return {};
    }
    return std::string(v->get_string());
  }
  std::vector<std::string> strings(std::string_view key) {
    std::vector<std::string> out;
    const auto* v = get(key);
    if (!v) return out;
    if (v->is_string()) return {std::string(v->get_string())};
    if (!v->is_array()) {
      if (error.empty()) error = where + ": \"" + std::string(key) + "\" must be a list of strings";
      return out;
    }
    for (const auto& e : v->get_array()) {
      if (!e.is_string()) {
        if (error.empty()) error = where + ": \"" + std::string(key) + "\" must be a list of strings";
        return {};
      }
      out.emplace_back(e.get_string());
    }
    return out;
  }
};

std::vector<std::string> split_class(std::string_view name) {
  std::vector<std::string> parts;
  std::string cur;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '.' || c == '\\' || (c == ':' && i + 1 < name.size() && name[i + 1] == ':')) {
      if (c == ':') ++i;
      if (!cur.empty()) parts.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) parts.push_back(std::move(cur));
  return parts;
}

const std::set<std::string, std::less<>> kParams = {
    "account_sid",          "auth_token",           "ttl",
    "incoming_client_name", "outgoing_client_name", "outgoing_application_sid",
    "outgoing_params",      "event_stream",         "@scopes"};

Result<std::vector<Binding>, Error> parse_bindings(const json::value& v, const std::string& where) {
  std::vector<Binding> out;
  if (!v.is_array()) return Unexpected(where + ": bindings must be a list");
  for (const auto& b : v.get_array()) {
    if (!b.is_object()) return Unexpected(where + ": a binding must be an object {\"at\", \"param\"}");
    Reader r{b.get_object(), where, {}};
    Binding binding{r.str("at"), r.str("param"), r.str("transform", false), false};
    if (const auto* p = r.get("presence"); p && p->is_bool()) binding.presence = p->get_bool();
    if (const auto* p = r.get("ignored"); p && p->is_bool()) binding.ignored = p->get_bool();
    if (!r.error.empty()) return Unexpected(r.error);
    if (!kParams.count(binding.param))
      return Unexpected(where + ": unknown capability parameter \"" + binding.param + "\"");
    if (!binding.transform.empty() && !known_transform(binding.transform))
      return Unexpected(where + ": unknown transform \"" + binding.transform + "\"");
    // "name#N": element N of an array literal (negative from the end), a small integer.
    for (std::size_t at = binding.at.find('#'); at != std::string::npos; at = binding.at.find('#', at + 1)) {
      std::size_t k = at + 1;
      if (k < binding.at.size() && binding.at[k] == '-') ++k;
      const std::size_t digits = k;
      while (k < binding.at.size() && k - digits < 3 && binding.at[k] >= '0' && binding.at[k] <= '9') ++k;
      if (k == digits || (k < binding.at.size() && binding.at[k] != '|'))
        return Unexpected(where + ": \"" + binding.at + "\": `#` takes an element number (#0, #1, #-1) at the end");
    }
    out.push_back(std::move(binding));
  }
  return out;
}

Result<ConstructSpec, Error> parse_construct(const json::object& o, const std::string& where) {
  ConstructSpec spec;
  Reader r{o, where, {}};
  for (const auto& c : r.strings("classes")) spec.classes.push_back(split_class(c));
  for (const auto& t : r.strings("terminal")) spec.terminal.insert(t);
  for (const auto& t : r.strings("neutral")) spec.neutral.insert(t);
  if (const auto* f = r.get("factory")) {
    if (!f->is_string()) return Unexpected(where + ": \"factory\" must be a method name");
    spec.factory = std::string(f->get_string());
  }
  if (!r.error.empty()) return Unexpected(r.error);
  if (spec.classes.empty()) return Unexpected(where + ": \"classes\" must name at least one class");
  if (const auto* a = r.get("args")) {
    auto b = parse_bindings(*a, where + " args");
    if (!b) return Unexpected(b.error());
    spec.args = std::move(*b);
  }
  if (const auto* m = r.get("methods")) {
    if (!m->is_object()) return Unexpected(where + ": \"methods\" must map method names to bindings");
    for (const auto& [name, binds] : m->get_object()) {
      auto b = parse_bindings(binds, where + " method " + std::string(name));
      if (!b) return Unexpected(b.error());
      spec.methods.emplace(std::string(name), std::move(*b));
    }
  }
  for (const auto& t : spec.terminal) spec.methods.try_emplace(t);
  return spec;
}

// "fix": {"templates": {"csharp": "csharp"}, "namespace_imports": {"Twilio.Jwt.Client": ["IScope", …]},
//         "library_change": "why the app must change library first",
//         "legacy_library": "the library generation the API belongs to"}
Result<FixSpec, Error> parse_fix(const json::value& v, const std::string& where) {
  if (!v.is_object()) return Unexpected(where + ": \"fix\" must be an object");
  FixSpec fix;
  for (const auto& [key, value] : v.get_object()) {
    if (key == "templates") {
      if (!value.is_object()) return Unexpected(where + ": \"fix.templates\" must map a language to a template");
      for (const auto& [language, name] : value.get_object()) {
        const auto l = language_from_string(language);
        if (!l) return Unexpected(where + ": unknown language \"" + std::string(language) + "\" in \"fix.templates\"");
        if (!name.is_string() || name.get_string().empty())
          return Unexpected(where + ": \"fix.templates\" must name a template (mapping/targets/<name>.tmpl)");
        fix.templates[*l] = std::string(name.get_string());
      }
    } else if (key == "namespace_imports") {
      if (!value.is_object()) return Unexpected(where + ": \"fix.namespace_imports\" must map a module to its names");
      for (const auto& [module, names] : value.get_object()) {
        if (!names.is_array()) return Unexpected(where + ": \"fix.namespace_imports\" values must be lists of names");
        auto& out = fix.namespace_imports[std::string(module)];
        for (const auto& n : names.get_array()) {
          if (!n.is_string()) return Unexpected(where + ": \"fix.namespace_imports\" values must be lists of names");
          out.emplace_back(n.get_string());
        }
      }
    } else if (key == "library_change") {
      if (!value.is_string()) return Unexpected(where + ": \"fix.library_change\" must be a sentence");
      fix.library_change = std::string(value.get_string());
    } else if (key == "legacy_library") {
      if (!value.is_string() || value.get_string().empty())
        return Unexpected(where + ": \"fix.legacy_library\" must name the library generation");
      fix.legacy_library = std::string(value.get_string());
    } else {
      return Unexpected(where + ": unknown key \"fix." + std::string(key) + "\"");
    }
  }
  return fix;
}

}  // namespace

std::vector<RuleSummary> RuleSet::summaries() const {
  std::vector<RuleSummary> out;
  for (const auto& r : rules) out.push_back(r.summary);
  return out;
}

Result<Rule, std::string> parse_rule(std::string_view json_text, const std::string& source) {
  json::value doc;
  try {
    doc = json::parse(json_text);
  } catch (const std::exception& e) {
    return Unexpected(source + ": not valid JSON (" + e.what() + ")");
  }
  if (!doc.is_object()) return Unexpected(source + ": a rule file holds one JSON object");
  const auto& o = doc.get_object();
  Rule rule;
  rule.source = source;
  Reader r{o, source, {}};
  rule.summary.id = r.str("id");
  const std::string where = source + " (" + rule.summary.id + ")";
  Reader rr{o, where, {}};
  rule.summary.name = rr.str("name");
  rule.summary.message = rr.str("message");
  rule.summary.help = rr.str("help", false);
  for (const auto& l : rr.strings("languages")) {
    auto lang = language_from_string(l);
    if (!lang) return Unexpected(where + ": unknown language \"" + l + "\"");
    rule.summary.languages.push_back(*lang);
  }
  const std::string category = rr.str("category");
  const std::string severity = rr.str("severity");
  const std::string kind = rr.str("kind");
  rule.keywords = rr.strings("keywords");
  rule.file_requires = rr.strings("file_requires");
  rule.file_excludes = rr.strings("file_excludes");
  rule.paths = rr.strings("paths");
  if (!r.error.empty()) return Unexpected(r.error);
  if (!rr.error.empty()) return Unexpected(rr.error);
  if (rule.summary.languages.empty()) return Unexpected(where + ": \"languages\" is empty");
  bool category_ok = false;
  for (auto c :
       {Category::capability_mint, Category::capability_client, Category::embedded_token, Category::hardcoded_secret})
    if (to_string(c) == category) {
      rule.summary.category = c;
      category_ok = true;
    }
  if (!category_ok) return Unexpected(where + ": unknown category \"" + category + "\"");
  auto sev = severity_from_string(severity);
  if (!sev) return Unexpected(where + ": unknown severity \"" + severity + "\"");
  rule.summary.severity = *sev;

  if (kind == "construct") {
    rule.kind = RuleKind::construct;
    const auto* c = o.if_contains("construct");
    if (!c || !c->is_object()) return Unexpected(where + ": a construct rule needs \"construct\"");
    auto spec = parse_construct(c->get_object(), where + " construct");
    if (!spec) return Unexpected(spec.error());
    rule.construct = std::move(*spec);
    if (const auto* s = o.if_contains("scopes")) {
      if (!s->is_array()) return Unexpected(where + ": \"scopes\" must be a list");
      for (const auto& sc : s->get_array()) {
        if (!sc.is_object()) return Unexpected(where + ": a scope must be an object");
        auto sspec = parse_construct(sc.get_object(), where + " scope");
        if (!sspec) return Unexpected(sspec.error());
        rule.scopes.push_back(std::move(*sspec));
      }
    }
    if (const auto* d = o.if_contains("defaults"); d && d->is_object())
      for (const auto& [k, v] : d->get_object()) rule.defaults[std::string(k)] = v;
    if (const auto* d = o.if_contains("source_defaults"); d && d->is_object())
      for (const auto& [k, v] : d->get_object())
        if (v.is_string()) rule.source_defaults[std::string(k)] = std::string(v.get_string());
    if (const auto* f = o.if_contains("outgoing_client_name_from_incoming"); f && f->is_bool())
      rule.outgoing_client_name_from_incoming = f->get_bool();
    if (const auto* f = o.if_contains("fix")) {
      auto fix = parse_fix(*f, where);
      if (!fix) return Unexpected(fix.error());
      rule.fix = std::move(*fix);
      rule.fix.given = true;
    }
  } else if (kind == "sequence") {
    rule.kind = RuleKind::sequence;
    const auto* s = o.if_contains("sequences");
    if (!s || !s->is_array() || s->get_array().empty())
      return Unexpected(where + ": a sequence rule needs \"sequences\": [[token, …], …]");
    for (const auto& seq : s->get_array()) {
      if (!seq.is_array() || seq.get_array().empty()) return Unexpected(where + ": each sequence is a non-empty list");
      std::vector<std::string> toks;
      for (const auto& t : seq.get_array()) {
        if (!t.is_string()) return Unexpected(where + ": sequence tokens are strings");
        toks.emplace_back(t.get_string());
      }
      rule.sequences.push_back(std::move(toks));
    }
    rule.not_after = rr.strings("not_after");
  } else if (kind == "regex") {
    rule.kind = RuleKind::regex;
    const std::string pattern = rr.str("pattern");
    if (!rr.error.empty()) return Unexpected(rr.error);
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(64 << 20);
    auto re = std::make_shared<re2::RE2>(pattern, opts);
    if (!re->ok()) return Unexpected(where + ": invalid pattern: " + re->error());
    rule.regex = std::move(re);
    if (const auto* w = o.if_contains("within")) {
      if (!w->is_string() || w->get_string() != "string")
        return Unexpected(where + ": \"within\" takes only \"string\" (matches inside string literals)");
      rule.within_strings = true;
    }
    if (const auto* c = o.if_contains("captures"); c && c->is_object())
      for (const auto& [group, param] : c->get_object()) {
        if (!param.is_string() || !kParams.count(param.get_string()) || param.get_string() == "@scopes")
          return Unexpected(where + ": capture \"" + std::string(group) + "\" must name a capability parameter");
        rule.captures[std::string(group)] = std::string(param.get_string());
      }
    if (rule.keywords.empty()) return Unexpected(where + ": a regex rule needs \"keywords\" for the prefilter");
  } else if (kind == "detector") {
    rule.kind = RuleKind::detector;
    rule.detector = rr.str("detector");
    if (rule.detector != "jwt" && rule.detector != "scope-string" && rule.detector != "auth-token" &&
        rule.detector != "auth-token-anywhere" && rule.detector != "api-key-secret")
      return Unexpected(where + ": unknown detector \"" + rule.detector + "\"");
    if (const auto* d = o.if_contains("options"); d && d->is_object()) rule.detector_options = d->get_object();
  } else {
    return Unexpected(where + ": \"kind\" must be construct, sequence, regex or detector");
  }
  return rule;
}

Result<RuleSet, std::string> load_rules(const std::vector<std::string>& extra_dirs) {
  RuleSet set;
  std::vector<std::pair<std::string, std::string>> files;  // (source, text)
  for (const auto& f : embedded_files())
    if (f.path.rfind("rules/", 0) == 0 && f.path.size() > 5 && f.path.substr(f.path.size() - 5) == ".json")
      files.emplace_back(std::string(f.path), std::string(f.contents));
  std::sort(files.begin(), files.end());
  for (const auto& dir : extra_dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Unexpected("--rules " + dir + ": not a directory");
    std::vector<std::string> paths;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().extension() == ".json") paths.push_back(it->path().string());
    if (ec) return Unexpected("--rules " + dir + ": " + ec.message());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      // Only a failed open is an error, as with the std::ifstream read before: a read error
      // (a directory named x.json) keeps what was read, and the rule parser reports it.
      auto text = io::read_file(p);
      if (!text && text.error().step == io::ReadStep::open) return Unexpected(p + ": cannot read");
      if (text)
        files.emplace_back(p, std::move(*text));
      else
        files.emplace_back(p, text.error().partial);
    }
  }
  std::set<std::string> ids;
  for (const auto& [source, text] : files) {
    auto rule = parse_rule(text, source);
    if (!rule) return Unexpected(rule.error());
    if (!ids.insert(rule->summary.id).second)
      return Unexpected(source + ": rule id \"" + rule->summary.id + "\" is already defined");
    set.rules.push_back(std::move(*rule));
  }
  index_rules(set);
  return set;
}

void index_rules(RuleSet& set) { set.prefilter = std::make_shared<const Prefilter>(set.rules); }

}  // namespace capmig::scan
