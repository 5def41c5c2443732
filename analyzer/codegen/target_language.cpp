#include "analyzer/codegen/target_language.h"

#include <charconv>
#include <cstdio>
#include <sstream>

#include "analyzer/core/utf8.h"

namespace capmig::codegen {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// A setting's value: trimmed, or the inside of `backquotes` kept as written.
std::string setting_value(std::string_view raw) {
  auto v = trim(raw);
  if (v.size() >= 2 && v.front() == '`' && v.back() == '`') v = v.substr(1, v.size() - 2);
  return std::string(v);
}

std::optional<char32_t> parse_rule_key(std::string_view key, EscapeRule::Match& match) {
  match = EscapeRule::Match::CodePoint;
  if (key == "control" || key == "nonascii" || key == "bidi") {
    match = key == "control" ? EscapeRule::Match::Control
            : key == "bidi"  ? EscapeRule::Match::Bidi
                             : EscapeRule::Match::NonAscii;
    return U'\0';
  }
  if (key == "LF") return U'\n';
  if (key == "CR") return U'\r';
  if (key == "TAB") return U'\t';
  if (key == "NUL") return U'\0';
  if (key.size() > 2 && key.starts_with("U+")) {
    unsigned cp = 0;
    auto [p, ec] = std::from_chars(key.data() + 2, key.data() + key.size(), cp, 16);
    if (ec != std::errc() || p != key.data() + key.size() || cp > 0x10FFFF) return std::nullopt;
    return static_cast<char32_t>(cp);
  }
  if (key.size() == 1 && static_cast<unsigned char>(key[0]) < 0x80) return static_cast<char32_t>(key[0]);
  return std::nullopt;
}

// Decodes one code point at s[i], advancing i; invalid UTF-8 yields U+FFFD for one byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  if (const auto cp = decode_utf8(s, i)) return *cp;
  ++i;
  return U'\uFFFD';
}

// The replacement with {hex2}/{hex4}/{oct3} filled in for one code unit.
std::string fill(std::string_view repl, unsigned unit) {
  std::string out;
  for (std::size_t i = 0; i < repl.size();) {
    char buf[16];
    auto put = [&](std::string_view token, const char* fmt) {
      if (repl.substr(i, token.size()) != token) return false;
      std::snprintf(buf, sizeof buf, fmt, unit);
      out += buf;
      i += token.size();
      return true;
    };
    if (put("{hex2}", "%02x") || put("{hex4}", "%04x") || put("{oct3}", "%03o")) continue;
    out += repl[i++];
  }
  return out;
}

void append_escape(std::string& out, std::string_view repl, char32_t cp) {
  if (cp > 0xFFFF && repl.find("{hex4}") != std::string_view::npos) {
    const char32_t v = cp - 0x10000;
    out += fill(repl, static_cast<unsigned>(0xD800 + (v >> 10)));
    out += fill(repl, static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
    return;
  }
  out += fill(repl, static_cast<unsigned>(cp));
}

std::optional<std::string> quote_in(const StringStyle& style, std::string_view text) {
  std::string out(1, style.quote);
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = next_code_point(text, i);
    const EscapeRule* hit = nullptr;
    const bool control = cp < 0x20 || cp == 0x7F, bidi = is_bidi_control(cp);
    for (const auto& r : style.rules) {
      if ((r.match == EscapeRule::Match::CodePoint && r.code_point == cp) ||
          (r.match == EscapeRule::Match::Control && control) || (r.match == EscapeRule::Match::Bidi && bidi) ||
          (r.match == EscapeRule::Match::NonAscii && cp >= 0x80)) {
        hit = &r;
        break;
      }
    }
    if (hit) {
      append_escape(out, hit->replacement, cp);
    } else if (control || bidi) {
      return std::nullopt;  // this style has no way to write it
    } else {
      append_utf8(out, cp);
    }
  }
  out += style.quote;
  return out;
}

}  // namespace

bool StringStyle::holds_controls() const {
  for (const auto& r : rules)
    if (r.match == EscapeRule::Match::Control) return true;
  return false;
}

const StringStyle* TargetLanguage::string_style(char q) const {
  for (const auto& s : strings)
    if (s.quote == q) return &s;
  return nullptr;
}

std::optional<std::string> string_literal(const TargetLanguage& lang, std::string_view text, char quote) {
  if (const auto* preferred = lang.string_style(quote))
    if (auto s = quote_in(*preferred, text)) return s;
  for (const auto& style : lang.strings)
    if (auto s = quote_in(style, text)) return s;
  return std::nullopt;
}

Result<TargetLanguage, std::string> parse_target_language(std::string_view text) {
  TargetLanguage lang;
  enum class Block { Settings, String, Imports } block = Block::Settings;
  std::size_t pos = 0, line_no = 0;
  auto fail = [&](const std::string& why) {
    return Unexpected("template line " + std::to_string(line_no) + ": " + why);
  };
  while (pos < text.size()) {
    auto eol = text.find('\n', pos);
    auto line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with("##")) continue;

    if (line.starts_with("@body")) {
      lang.body = std::string(text.substr(pos));
      break;
    }
    if (block == Block::Imports) {
      if (!trim(line).empty()) (lang.imports += line) += '\n';
      continue;
    }
    if (trim(line).empty()) continue;
    if (line.front() == ' ' || line.front() == '\t') {
      if (block != Block::String) return fail("indented line outside an @string block");
      auto rule_line = trim(line);
      auto sp = rule_line.find_first_of(" \t");
      if (sp == std::string_view::npos) return fail("escape rule without replacement");
      EscapeRule rule;
      auto cp = parse_rule_key(rule_line.substr(0, sp), rule.match);
      if (!cp) return fail("bad escape rule key '" + std::string(rule_line.substr(0, sp)) + "'");
      rule.code_point = *cp;
      rule.replacement = setting_value(rule_line.substr(sp));
      lang.strings.back().rules.push_back(std::move(rule));
      continue;
    }
    if (line.front() != '@') return fail("expected @setting, ## comment or @body");

    auto sp = line.find_first_of(" \t");
    auto key = line.substr(1, sp == std::string_view::npos ? std::string_view::npos : sp - 1);
    std::string value = sp == std::string_view::npos ? std::string() : setting_value(line.substr(sp));
    block = Block::Settings;
    auto as_size = [&](std::size_t& out) {
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
      return ec == std::errc() && p == value.data() + value.size();
    };
    if (key == "language")
      lang.name = value;
    else if (key == "library")
      lang.library = value;
    else if (key == "requires") {
      std::istringstream words(value);
      auto& r = lang.requirement;
      if (!(words >> r.ecosystem >> r.package >> r.version)) return fail("@requires needs ECOSYSTEM PACKAGE VERSION");
    } else if (key == "before")
      lang.requirement.before = value;
    else if (key == "earlier")
      lang.earlier = value;
    else if (key == "comment")
      lang.comment = value;
    else if (key == "true")
      lang.true_literal = value;
    else if (key == "env")
      lang.env = value;
    else if (key == "identity_missing")
      lang.identity_missing = value;
    else if (key == "identity_string")
      lang.identity_string = value;
    else if (key == "indent") {
      if (!as_size(lang.indent) || lang.indent == 0) return fail("@indent needs a positive number");
    } else if (key == "string") {
      if (value.size() != 1) return fail("@string needs one quote character");
      lang.strings.push_back({value[0], {}});
      block = Block::String;
    } else if (key == "map.open")
      lang.map.open = value;
    else if (key == "map.entry")
      lang.map.entry = value;
    else if (key == "map.separator")
      lang.map.separator = value;
    else if (key == "map.close")
      lang.map.close = value;
    else if (key == "map.long.open")
      lang.long_map.open = value;
    else if (key == "map.long.entry")
      lang.long_map.entry = value;
    else if (key == "map.long.separator")
      lang.long_map.separator = value;
    else if (key == "map.long.close")
      lang.long_map.close = value;
    else if (key == "map.expression")
      lang.map_expression = value;
    else if (key == "jwt_expression")
      lang.jwt_expression = value;
    else if (key == "grant.declare")
      lang.grant.declare = value;
    else if (key == "grant.incoming")
      lang.grant.incoming = value;
    else if (key == "grant.outgoing")
      lang.grant.outgoing = value;
    else if (key == "grant.outgoing_params")
      lang.grant.outgoing_params = value;
    else if (key == "grant.identity_declare")
      lang.grant.identity_declare = value;
    else if (key == "grant.identity")
      lang.grant.identity = value;
    else if (key == "map.bare_keys") {
      if (value != "identifier") return fail("@map.bare_keys supports only 'identifier'");
      lang.bare_identifier_keys = true;
    } else if (key == "map.max_entries") {
      if (!as_size(lang.map_max_entries)) return fail("@map.max_entries needs a number");
    } else if (key == "var") {
      auto vsp = value.find(' ');
      if (vsp == std::string::npos) return fail("@var needs a name and a value");
      lang.variables[value.substr(0, vsp)] = std::string(trim(std::string_view(value).substr(vsp)));
    } else if (key == "qualified") {
      auto vsp = value.find(' ');
      if (vsp == std::string::npos) return fail("@qualified needs a variable and a qualified name");
      lang.qualified[value.substr(0, vsp)] = std::string(trim(std::string_view(value).substr(vsp)));
    } else if (key == "imports") {
      block = Block::Imports;
    } else {
      return fail("unknown setting '@" + std::string(key) + "'");
    }
  }
  if (lang.name.empty()) return Unexpected(std::string("template: no @language"));
  if (lang.strings.empty()) return Unexpected("template " + lang.name + ": no @string style");
  if (lang.body.empty()) return Unexpected("template " + lang.name + ": no @body");
  if (lang.map.entry.empty()) return Unexpected("template " + lang.name + ": no @map.entry");
  if (!lang.grant.declare.empty() && (lang.grant.incoming.empty() || lang.grant.outgoing.empty()))
    return Unexpected("template " + lang.name + ": @grant.declare without every other @grant.* statement");
  if (lang.map_max_entries > 0 && lang.long_map.entry.empty())
    return Unexpected("template " + lang.name + ": @map.max_entries without @map.long.entry");
  return lang;
}

}  // namespace capmig::codegen
