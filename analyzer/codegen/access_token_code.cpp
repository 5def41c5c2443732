// Renders mapping/targets/<lang>.tmpl for one AccessTokenMapping.
//
// Placeholders the templates may use:
//   {{account_sid}}  source expression, else the env read of TWILIO_ACCOUNT_SID
//   {{api_key_sid}}, {{api_key_secret}}  source expressions ("api_key_sid"/"api_key_secret"
//                    fields), else the env reads of TWILIO_API_KEY_SID / TWILIO_API_KEY_SECRET
//   {{identity}}     literal or source expression, else the language's @identity_missing
//   {{ttl}}          integer literal or source expression (always present: the mapping defaults it)
//   {{incoming_allow}}, {{outgoing_application_sid}}, {{outgoing_application_params}}
//   {{notes}}        comment lines for the mapping's diagnostics (mapping/targets/notes.txt)
//   {{str:TEXT}}     TEXT as a string literal in the chosen quote style
//   {{env:NAME}}     the language's @env read of environment variable NAME
//   {{<var>}}        a variable name declared with @var (token, grant, jwt), overridable by CodeStyle
// Sections: incoming, outgoing, outgoing_params, outgoing_params_literal, voice (any of the
// three), identity_missing, ttl_clamped, rewrite, split (CodeStyle::split_grant).
#include "analyzer/codegen/access_token_code.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <exception>

#include "analyzer/codegen/target_language.h"
#include "analyzer/codegen/template.h"
#include "analyzer/core/embedded.h"

namespace capmig {
namespace json = boost::json;
using codegen::TargetLanguage;

namespace {

struct Failure {
  std::string message;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Source text set into a one-line comment.
std::string one_line(std::string_view s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

bool is_identifier(std::string_view s) {
  auto head = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$'; };
  if (s.empty() || !head(s.front())) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return head(c) || (c >= '0' && c <= '9'); });
}

std::string plain_text(const json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : json::serialize(v);
}

std::string_view trimmed(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '\n' || t.front() == '\r'))
    t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n' || t.back() == '\r'))
    t.remove_suffix(1);
  return t;
}

// A variable, constant or field: `ttl`, `TOKEN_TTL`, `settings.TTL`, `$this->ttl`, `@ttl`.
bool is_name(std::string_view text) {
  const std::string_view t = trimmed(text);
  auto head = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '$' || c == '@';
  };
  auto tail = [&](char c) { return head(c) || (c >= '0' && c <= '9'); };
  if (t.empty() || !head(t.front())) return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (tail(t[i])) continue;
    const std::string_view rest = t.substr(i);
    const std::size_t sep = rest.starts_with("->") || rest.starts_with("::") ? 2 : rest.starts_with(".") ? 1 : 0;
    if (!sep || i + sep >= t.size() || !head(t[i + sep])) return false;
    i += sep;
  }
  return true;
}

// Whether source text spells a literal (a plain quoted string, a number, a boolean or null)
// rather than naming or computing its value. Conservative: text that is not recognised here is
// written as it stands, which is the same value at the same place.
bool spells_literal(std::string_view text) {
  const std::string_view t = trimmed(text);
  if (t.empty()) return false;
  for (std::string_view w : {"true", "false", "True", "False", "null", "nil", "None", "NULL"})
    if (t == w) return true;
  std::size_t i = t.front() == '-' ? 1 : 0;
  if (i < t.size() && t[i] >= '0' && t[i] <= '9') {
    while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || t[i] == '_' || t[i] == '.')) ++i;
    while (i < t.size() && std::string_view("lLuUfFdDmM").find(t[i]) != std::string_view::npos) ++i;
    return i == t.size();
  }
  const char q = t.front();
  if ((q != '\'' && q != '"' && q != '`') || t.size() < 2 || t.back() != q) return false;
  for (std::size_t k = 1; k + 1 < t.size(); ++k) {
    if (t[k] == '\\') {
      ++k;
      continue;
    }
    if (t[k] == q) return false;  // 'a' + 'b'
  }
  // Interpolation: JS `${}`, Ruby "#{}", PHP "$x".
  if (q == '`' && t.find("${") != std::string_view::npos) return false;
  if (q == '"' && (t.find("#{") != std::string_view::npos || t.find('$') != std::string_view::npos)) return false;
  return true;
}

// A parameter the source names or computes (a variable, a constant, a field, a call) is written
// as that source expression even when the scanner also knows a value for it: the value may hold
// on one path only (`if (!name) name = "default"`), and a constant's name is what its owner
// maintains. A token's own parameters (text = the value) and literals render from the value.
bool keep_source_text(const Param& p) {
  return p.expression && p.value && !spells_literal(p.text) && p.text != plain_text(*p.value);
}

class Renderer {
 public:
  Renderer(const TargetLanguage& lang, const AccessTokenMapping& m, const CodeStyle& style)
      : lang_(lang), m_(m), style_(style) {
    indent_ = style.indent.empty() ? std::string(lang.indent, ' ') : style.indent;
    quote_ = (style.quote && lang.string_style(style.quote)) ? style.quote : lang.strings.front().quote;
    vars_ = lang.variables;
    for (const auto& [k, v] : style.variables) vars_[k] = v;
    for (const auto& [k, q] : lang.qualified)
      if (auto it = vars_.find(k); it != vars_.end() && style.taken_names.count(it->second)) it->second = q;
  }

  GeneratedCode run() {
    compute_fields();
    GeneratedCode out;
    out.language = lang_.name;
    out.library = lang_.library;
    out.requirement = lang_.requirement;
    out.earlier = lang_.earlier;
    out.comment = lang_.comment;
    out.newline = style_.newline;
    auto jwt = vars_.find("jwt");
    out.result_variable = jwt == vars_.end() ? std::string() : jwt->second;

    const auto imports = render(lang_.imports);
    for (std::size_t pos = 0; pos < imports.size();) {
      auto eol = imports.find('\n', pos);
      auto line = std::string_view(imports).substr(pos, eol == std::string::npos ? std::string::npos : eol - pos);
      pos = eol == std::string::npos ? imports.size() : eol + 1;
      if (!trim(line).empty()) out.imports.emplace_back(line);
    }

    out.jwt_expression = render(lang_.jwt_expression);
    if (style_.split_grant) {
      if (lang_.grant.declare.empty()) throw Failure{lang_.name + ": the template cannot build a grant field by field"};
      out.grant.declare = finish_statement(render(lang_.grant.declare));
      out.grant.incoming = sections_.at("incoming") ? finish_statement(render(lang_.grant.incoming)) : "";
      if (!style_.branch_identities.empty()) {
        if (lang_.grant.identity.empty())
          throw Failure{lang_.name + ": the template cannot keep the identity per branch"};
        if (!lang_.grant.identity_declare.empty())
          out.grant.identity_declare = finish_statement(render(lang_.grant.identity_declare));
        for (const auto& v : style_.branch_identities)
          out.grant.identities.push_back(
              finish_statement(small_template(lang_.grant.identity, {{"identity_value", as_identity(v)}})));
      }
      if (sections_.at("outgoing")) {
        out.grant.outgoing = finish_statement(render(lang_.grant.outgoing));
        if (sections_.at("outgoing_params") && !lang_.grant.outgoing_params.empty())
          out.grant.outgoing += style_.newline + finish_statement(render(lang_.grant.outgoing_params));
      }
    }
    std::string body = render(codegen::reindent(lang_.body, lang_.indent, indent_));
    if (!body.empty() && body.back() != '\n') body += '\n';
    out.body = finish(body);
    return out;
  }

 private:
  // base indent on non-empty lines, then the requested line ending.
  std::string finish(const std::string& body) const {
    std::string out;
    bool line_start = true;
    for (char c : body) {
      if (line_start && c != '\n') out += style_.base_indent;
      line_start = c == '\n';
      if (c == '\n')
        out += style_.newline;
      else
        out += c;
    }
    return out;
  }

  // One statement: a multi-line value's later lines get the base indent and line ending too.
  std::string finish_statement(const std::string& stmt) const {
    std::string out = finish(stmt);
    if (out.starts_with(style_.base_indent)) out.erase(0, style_.base_indent.size());
    return out;
  }

  std::string render(std::string_view tmpl) const {
    codegen::TemplateContext ctx;
    ctx.value = [this](std::string_view name) { return value(name); };
    ctx.section = [this](std::string_view name) -> std::optional<bool> {
      auto it = sections_.find(name);
      if (it == sections_.end()) return std::nullopt;
      return it->second;
    };
    auto r = codegen::render_template(tmpl, ctx);
    if (!r) throw Failure{lang_.name + " " + r.error()};
    return std::move(r).value();
  }

  std::optional<std::string> value(std::string_view name) const {
    if (name.starts_with("str:")) return literal(name.substr(4));
    if (name.starts_with("env:")) return env(name.substr(4));
    if (auto it = values_.find(name); it != values_.end()) return reflow(it->second);
    if (auto it = vars_.find(name); it != vars_.end()) return it->second;
    return std::nullopt;
  }

  // A value spanning lines (source text copied from elsewhere in the file) keeps the relative
  // indentation of its continuation lines; the template engine then indents them like the line
  // the value lands on.
  static std::string reflow(const std::string& v) {
    if (v.find('\n') == std::string::npos) return v;
    std::vector<std::string> lines;
    for (std::size_t b = 0;;) {
      const auto e = v.find('\n', b);
      lines.push_back(v.substr(b, e == std::string::npos ? std::string::npos : e - b));
      if (!lines.back().empty() && lines.back().back() == '\r') lines.back().pop_back();  // CRLF source
      if (e == std::string::npos) break;
      b = e + 1;
    }
    std::size_t min = std::string::npos;
    for (std::size_t i = 1; i < lines.size(); ++i)
      if (const auto ws = lines[i].find_first_not_of(" \t"); ws != std::string::npos) min = std::min(min, ws);
    std::string out = lines[0];
    for (std::size_t i = 1; i < lines.size(); ++i) {
      out += '\n';
      if (lines[i].find_first_not_of(" \t") != std::string::npos) out += lines[i].substr(min);
    }
    return out;
  }

  std::string literal(std::string_view text) const {
    auto s = codegen::string_literal(lang_, text, quote_);
    if (!s) throw Failure{lang_.name + ": no string style can hold the text"};
    return *s;
  }

  std::string env(std::string_view name) const {
    codegen::TemplateContext ctx;
    ctx.value = [&](std::string_view n) -> std::optional<std::string> {
      if (n == "name") return std::string(name);
      if (n == "name_literal") return literal(name);
      return std::nullopt;
    };
    ctx.section = [](std::string_view) { return std::optional<bool>(); };
    auto r = codegen::render_template(lang_.env, ctx);
    if (!r) throw Failure{lang_.name + " @env: " + r.error()};
    return std::move(r).value();
  }

  std::string small_template(std::string_view tmpl, const std::map<std::string, std::string, std::less<>>& vals) const {
    codegen::TemplateContext ctx;
    ctx.value = [&](std::string_view n) -> std::optional<std::string> {
      if (auto it = vals.find(n); it != vals.end()) return it->second;
      return value(n);
    };
    ctx.section = [](std::string_view) { return std::optional<bool>(); };
    auto r = codegen::render_template(tmpl, ctx);
    if (!r) throw Failure{lang_.name + ": " + r.error()};
    return std::move(r).value();
  }

  // The capability scope wrote the client name as text (clientName=42); the Access Token
  // keeps a number a number (identity 42) and drops a falsy one: convert what may not be text.
  std::string as_identity(const std::string& expr) const {
    if (lang_.identity_string.empty() || string_shaped(expr)) return expr;
    return small_template(lang_.identity_string, {{"expr", expr}});
  }

  // An expression that is text by its form: a string literal (with any prefix and
  // interpolation), one concatenated with others, or the conversion itself.
  bool string_shaped(std::string_view e) const {
    std::size_t i = 0;
    while (i < e.size() && i < 2 && std::string_view("fFrRuUbB$@").find(e[i]) != std::string_view::npos) ++i;
    if (i < e.size() && (e[i] == '"' || e[i] == '\'' || e[i] == '`')) return true;
    const std::string wrapped = small_template(lang_.identity_string, {{"expr", ""}});
    const std::string head = wrapped.substr(0, wrapped.find('('));
    return !head.empty() && head != wrapped && e.starts_with(head + "(");
  }

  // A string-typed field: source expression, or its value as a string literal.
  std::optional<std::string> string_field(std::string_view path) const {
    const Param* p = m_.get(path);
    if (!p) return std::nullopt;
    if (!p->value || keep_source_text(*p)) return p->text;
    if (p->value->is_null()) return std::nullopt;
    return literal(plain_text(*p->value));
  }

  std::string map_literal(const json::object& o) const {
    std::vector<std::pair<std::string, std::string>> kv;
    for (const auto& [k, v] : o) kv.emplace_back(std::string(k), literal(plain_text(v)));
    return map_of(kv);
  }

  // A map from source code whose keys are known and some values are run-time expressions:
  // literal values become literals, the others stay as written (same language).
  std::string map_from_entries(const Param& p) const {
    std::vector<std::pair<std::string, std::string>> kv;
    const json::object* values = p.value && p.value->is_object() ? &p.value->get_object() : nullptr;
    for (const auto& [k, text] : p.entries) {
      const json::value* v = values ? values->if_contains(k) : nullptr;
      kv.emplace_back(k, v && !v->is_null() && spells_literal(text) ? literal(plain_text(*v)) : text);
    }
    return map_of(kv);
  }

  // keys and rendered values -> the language's map literal.
  std::string map_of(const std::vector<std::pair<std::string, std::string>>& kv) const {
    const bool long_form = lang_.map_max_entries > 0 && kv.size() > lang_.map_max_entries;
    const auto& ms = long_form ? lang_.long_map : lang_.map;
    std::vector<std::string> entries;
    for (const auto& [k, value] : kv) {
      std::string key = lang_.bare_identifier_keys && is_identifier(k) ? std::string(k) : literal(k);
      entries.push_back(small_template(ms.entry, {{"key", key}, {"value", value}}));
    }
    std::string out;
    if (entries.size() <= style_.inline_map_max) {
      out = ms.open;
      for (std::size_t i = 0; i < entries.size(); ++i) out += (i ? ms.separator : "") + entries[i];
      return out + ms.close;
    }
    // One entry a line, one level deeper than the line the map starts on.
    out = std::string(trim(ms.open));
    const std::string sep(trim(ms.separator));
    for (std::size_t i = 0; i < entries.size(); ++i)
      out += "\n" + indent_ + entries[i] + (i + 1 < entries.size() ? sep : "");
    return out + "\n" + std::string(trim(ms.close));
  }

  void compute_fields() {
    // account_sid: a source expression is kept; a literal SID gives way to the environment.
    const Param* account = m_.get("account_sid");
    values_["account_sid"] =
        (account && (!account->value || keep_source_text(*account))) ? account->text : env("TWILIO_ACCOUNT_SID");
    // The API key: from the environment, unless the rewrite found the config object the auth
    // token came from (source expressions "api_key_sid" / "api_key_secret").
    const Param* key_sid = m_.get("api_key_sid");
    const Param* key_secret = m_.get("api_key_secret");
    values_["api_key_sid"] = (key_sid && !key_sid->value) ? key_sid->text : env("TWILIO_API_KEY_SID");
    values_["api_key_secret"] = (key_secret && !key_secret->value) ? key_secret->text : env("TWILIO_API_KEY_SECRET");

    auto identity = string_field("identity");
    sections_["identity_missing"] = !identity;
    values_["identity"] = identity ? *identity : small_template(lang_.identity_missing, {});
    // (Split per branch, the identity is the name each branch sets: converted there.)
    if (identity && style_.branch_identities.empty()) values_["identity"] = as_identity(*identity);

    const Param* ttl = m_.get("ttl");
    // A ttl named in the source (TOKEN_TTL) keeps its name; one derived from an expiry
    // (DateTime.UtcNow.AddMinutes(10)) or clamped to the maximum becomes the number of seconds.
    if (ttl && (!ttl->value || (is_name(ttl->text) && keep_source_text(*ttl) && !has_diagnostic("ttl-exceeds-max")))) {
      values_["ttl"] = ttl->text;
    } else {
      auto v = m_.ttl_value();
      if (ttl && !v) throw Failure{"ttl is not an integer: " + ttl->text};
      if (!v && !m_.ttl_bounds) throw Failure{"the mapping has no ttl and no table default"};
      values_["ttl"] = std::to_string(v ? *v : m_.ttl_bounds->default_ttl);
    }
    sections_["ttl_clamped"] = has_diagnostic("ttl-exceeds-max");

    const Param* incoming = m_.get("voice.incoming_allow");
    bool in_on = false;
    if (incoming && !incoming->value) {
      values_["incoming_allow"] = incoming->text;
      in_on = true;
    } else if (incoming && incoming->value->is_bool() && incoming->value->get_bool()) {
      values_["incoming_allow"] = lang_.true_literal;
      in_on = true;
    } else {
      values_["incoming_allow"] = "";
    }
    sections_["incoming"] = in_on;

    auto app = string_field("voice.outgoing_application_sid");
    sections_["outgoing"] = app.has_value();
    values_["outgoing_application_sid"] = app.value_or("");

    const Param* params = m_.get("voice.outgoing_application_params");
    bool params_on = false, params_literal = false;
    values_["outgoing_application_params"] = "";
    const bool partial = params && params->value && params->value->is_object() &&
                         std::any_of(params->value->get_object().begin(), params->value->get_object().end(),
                                     [](const auto& kv) { return kv.value().is_null(); });
    // A map named or computed in the source (`params`, a constant) stays that expression; a map
    // literal is rebuilt from its entries, each entry's source text kept unless it is a literal.
    const bool named = params && params->value && is_name(params->text) && keep_source_text(*params);
    const bool computed_entries = params && params->value &&
                                  std::any_of(params->entries.begin(), params->entries.end(),
                                              [](const auto& kv) { return !spells_literal(kv.second); });
    if (app && params && (!params->value || partial || named || computed_entries)) {
      if (params->expression)
        values_["outgoing_application_params"] = small_template(lang_.map_expression, {{"expr", params->text}});
      else if (!params->entries.empty())
        values_["outgoing_application_params"] = map_from_entries(*params);
      else
        throw Failure{"the outgoing params are not a map that can be rewritten: " + one_line(params->text)};
      params_on = true;
    } else if (app && params && params->value->is_object() && !params->value->get_object().empty()) {
      values_["outgoing_application_params"] = map_literal(params->value->get_object());
      params_on = params_literal = true;
    }
    sections_["outgoing_params"] = params_on;
    sections_["outgoing_params_literal"] = params_literal;
    sections_["voice"] = in_on || app.has_value();

    values_["notes"] = style_.notes ? notes() : "";
    sections_["rewrite"] = style_.rewrite;
    sections_["split"] = style_.rewrite && style_.split_grant;
  }

  bool has_diagnostic(std::string_view code) const {
    return std::find(m_.diagnostics.begin(), m_.diagnostics.end(), code) != m_.diagnostics.end();
  }

  std::string notes() const {
    auto file = embedded_file("mapping/targets/notes.txt");
    if (!file) throw Failure{"mapping/targets/notes.txt is not compiled in"};
    std::map<std::string, std::string, std::less<>> texts;
    for (std::size_t pos = 0; pos < file->size();) {
      auto eol = file->find('\n', pos);
      auto line = file->substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
      pos = eol == std::string_view::npos ? file->size() : eol + 1;
      auto colon = line.find(": ");
      if (line.starts_with("##") || colon == std::string_view::npos) continue;
      texts[std::string(line.substr(0, colon))] = std::string(trim(line.substr(colon + 2)));
    }
    const Param* ttl = m_.get("ttl");
    const std::map<std::string, std::string, std::less<>> vals{
        {"ttl", values_.at("ttl")},
        {"ttl_source", one_line(ttl ? ttl->text : "")},
        {"max_ttl", m_.ttl_bounds ? std::to_string(m_.ttl_bounds->max_ttl) : std::string("the maximum")}};
    std::string out;
    for (const auto& d : m_.diagnostics) {
      auto it = texts.find(d);
      if (it == texts.end()) continue;
      if (!out.empty()) out += '\n';
      out += lang_.comment + " " + small_template(it->second, vals);
    }
    return out;
  }

  const TargetLanguage& lang_;
  const AccessTokenMapping& m_;
  const CodeStyle& style_;
  std::string indent_;
  char quote_;
  std::map<std::string, std::string, std::less<>> vars_, values_;
  std::map<std::string, bool, std::less<>> sections_;
};

}  // namespace

const std::vector<std::string>& codegen_languages() {
  static const std::vector<std::string> names{"node", "python", "java", "csharp", "ruby", "php"};
  return names;
}

std::optional<std::string> canonical_language(std::string_view name) {
  static const std::array<std::pair<std::string_view, std::string_view>, 13> aliases{{
      {"node", "node"},
      {"js", "node"},
      {"javascript", "node"},
      {"python", "python"},
      {"py", "python"},
      {"java", "java"},
      {"csharp", "csharp"},
      {"cs", "csharp"},
      {"c#", "csharp"},
      {"dotnet", "csharp"},
      {"ruby", "ruby"},
      {"rb", "ruby"},
      {"php", "php"},
  }};
  std::string lower;
  for (char c : name) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  for (const auto& [alias, canonical] : aliases)
    if (alias == lower) return std::string(canonical);
  return std::nullopt;
}

Result<GeneratedCode, CodegenError> render_access_token_code(const AccessTokenMapping& mapping,
                                                             std::string_view language, const CodeStyle& style) {
  try {
    auto name = canonical_language(language);
    // A generation's own template by its file name (a target's @earlier: java-string-secret).
    if (!name && embedded_file("mapping/targets/" + std::string(language) + ".tmpl")) name = std::string(language);
    if (!name) {
      std::string known;
      for (const auto& l : codegen_languages()) known += (known.empty() ? "" : ", ") + l;
      return Unexpected(
          CodegenError{"unknown language '" + std::string(language) + "' (expected one of: " + known + ")"});
    }
    auto text = embedded_file("mapping/targets/" + *name + ".tmpl");
    if (!text) return Unexpected(CodegenError{"mapping/targets/" + *name + ".tmpl is not compiled in"});
    auto lang = codegen::parse_target_language(*text);
    if (!lang) return Unexpected(CodegenError{"mapping/targets/" + *name + ".tmpl: " + lang.error()});
    return Renderer(*lang, mapping, style).run();
  } catch (const Failure& f) {
    return Unexpected(CodegenError{f.message});
  } catch (const std::exception& e) {
    return Unexpected(CodegenError{std::string("code generation failed: ") + e.what()});
  }
}

bool split_grant_supported(std::string_view language, bool identity) {
  const auto name = canonical_language(language);
  const auto text = name ? embedded_file("mapping/targets/" + *name + ".tmpl") : std::nullopt;
  if (!text) return false;
  const auto lang = codegen::parse_target_language(*text);
  return lang && !lang->grant.declare.empty() && (!identity || !lang->grant.identity.empty());
}

std::string to_snippet(const GeneratedCode& code) {
  std::string out = code.comment + " capmig: Access Token for " + code.library + code.newline;
  for (const auto& i : code.imports) out += i + code.newline;
  if (!code.imports.empty()) out += code.newline;
  return out + code.body;
}

}  // namespace capmig
