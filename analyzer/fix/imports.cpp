#include "analyzer/fix/imports.h"

#include <algorithm>
#include <map>
#include <set>

#include "analyzer/fix/file_style.h"
#include "analyzer/scan/source.h"

namespace capmig::fix {
using scan::Language;
using scan::npos;
using scan::TokenRange;

namespace {

bool starts_statement(const scan::Syntax& s, std::size_t k) {
  return k == 0 || s.tok(k).newline_before || s.is(k - 1, ";") || s.is(k - 1, "{") || s.is(k - 1, "}");
}

// C# namespaces whose capability types a `using` brings in. `using Twilio.Jwt;` and
// `using Twilio;` hold much more than capability tokens and are never removed.
const std::map<std::string, std::vector<std::string>, std::less<>>& csharp_namespaces() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> m{
      {"Twilio.Jwt.Client", {"IncomingClientScope", "OutgoingClientScope", "EventStreamScope", "IScope"}},
  };
  return m;
}

std::string joined(const scan::Syntax& s, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t k = b; k < e; ++k) out += s.text(k);
  return out;
}

// --- one function per language family -----------------------------------------------------

// const X = require('m')…; const { a, b: { c } } = require('m'); const { A } = Other;
// import X from 'm'; import * as X from 'm'; import { a, b as c } from 'm';
void javascript(const scan::Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const auto kw = s.text(k);
  const TokenRange st = s.statement_at(k);
  ImportStatement im{st, {}, {}, false, false};
  if (kw == "import") {
    if (s.is(k + 1, "(")) return;  // dynamic import()
    im.esm = true;
    im.esm_default = !s.is(k + 1, "{");
    for (std::size_t q = k + 1; q < st.end; ++q) {
      if (s.is_ident(q) && s.text(q) == "from") {
        if (q + 1 < st.end && s.tok(q + 1).kind == scan::TokKind::string) im.module = s.tok(q + 1).value;
        break;
      }
      if (!s.is_ident(q) || s.text(q) == "as" || s.text(q) == "type") continue;
      if (s.is_ident(q + 1) && s.text(q + 1) == "as") continue;  // `a as b` binds b
      im.names.emplace_back(s.text(q));
    }
    out.push_back(std::move(im));
    return;
  }
  // const/let/var: a require(…) on the right, or destructuring of a bound name.
  std::size_t eq = npos;
  for (std::size_t q = k + 1; q < st.end; ++q)
    if (s.is(q, "=")) {
      eq = q;
      break;
    }
  if (eq == npos) return;
  // `var express = require('express')⏎  , twilio = require('twilio'), app = express();` declares
  // more than imports (statement_at stops at its first ','): never dropped, and new imports do
  // not go inside it.
  if (st.end < s.size() && s.is(st.end, ",")) return;
  bool require = false;
  for (std::size_t q = eq + 1; q + 2 < st.end; ++q)
    if (s.is_ident(q) && s.text(q) == "require" && s.is(q + 1, "(") && s.tok(q + 2).kind == scan::TokKind::string) {
      require = true;
      im.module = s.tok(q + 2).value;
    }
  const bool destructure_name = s.is(k + 1, "{") && eq + 2 <= st.end && s.is_ident(eq + 1) &&
                                (eq + 2 == st.end || s.is(eq + 2, ";"));
  if (!require && !destructure_name) return;
  if (destructure_name) im.module = std::string(s.text(eq + 1));
  for (std::size_t q = k + 1; q < eq; ++q)
    if (s.is_ident(q) && !s.is(q + 1, ":")) im.names.emplace_back(s.text(q));
  out.push_back(std::move(im));
}

// import a.b as c; from m import a, b as c; from m import (a, b)
void python(const scan::Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const TokenRange st = s.statement_at(k);
  ImportStatement im{st, {}, {}, false, false};
  std::size_t q = k + 1;
  if (s.text(k) == "from") {
    std::size_t imp = q;
    while (imp < st.end && !(s.is_ident(imp) && s.text(imp) == "import")) ++imp;
    if (imp >= st.end) return;
    im.module = joined(s, q, imp);
    q = imp + 1;
    for (; q < st.end; ++q) {
      if (!s.is_ident(q)) {
        if (s.is(q, "*")) im.names.clear();
        if (s.is(q, "*")) break;
        continue;
      }
      if (s.text(q) == "as") continue;
      if (s.is_ident(q + 1) && s.text(q + 1) == "as") continue;
      im.names.emplace_back(s.text(q));
    }
  } else {
    // `import a.b.c` binds a; `import a.b as c` binds c.
    std::size_t seg = q;
    for (; q <= st.end; ++q) {
      if (q == st.end || s.is(q, ",")) {
        std::size_t as = seg;
        while (as < q && !(s.is_ident(as) && s.text(as) == "as")) ++as;
        if (as + 1 < q) im.names.emplace_back(s.text(as + 1));
        else if (seg < q) im.names.emplace_back(s.text(seg));
        if (im.module.empty()) im.module = joined(s, seg, as);
        seg = q + 1;
      }
    }
  }
  out.push_back(std::move(im));
}

// use A\B\C; use A\B\C as D;  (require/include bind nothing: kept, but anchor new imports)
void php(const scan::Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const TokenRange st = s.statement_at(k);
  ImportStatement im{st, {}, {}, false, false};
  if (s.text(k) == "use") {
    std::size_t e = st.end;
    if (e > k && s.is(e - 1, ";")) --e;
    if (e <= k + 1 || s.is(e - 1, "}")) return;  // group use: left alone
    std::size_t name = e - 1;
    if (name >= k + 2 && s.is_ident(name - 1) && s.text(name - 1) == "as") im.module = joined(s, k + 1, name - 1);
    else im.module = joined(s, k + 1, e);
    if (s.is_ident(name)) im.names.emplace_back(s.text(name));
  }
  out.push_back(std::move(im));
}

// import a.b.C; (Java) — using A.B; using X = A.B; (C#)
void java_csharp(const scan::Syntax& s, std::size_t k, std::vector<ImportStatement>& out, bool csharp) {
  const TokenRange st = s.statement_at(k);
  ImportStatement im{st, {}, {}, false, false};
  std::size_t e = st.end;
  if (e > k && s.is(e - 1, ";")) --e;
  if (e <= k + 1) return;
  if (s.is_ident(k + 1) && s.text(k + 1) == "static") return;
  if (csharp) {
    if (s.is(k + 1, "(") || s.is(k + 1, "var")) return;  // a using statement, not a directive
    if (s.is(k + 2, "=")) {
      im.names.emplace_back(s.text(k + 1));
      im.module = joined(s, k + 3, e);
    } else {
      im.module = joined(s, k + 1, e);
      if (auto it = csharp_namespaces().find(im.module); it != csharp_namespaces().end()) im.names = it->second;
    }
  } else {
    im.module = joined(s, k + 1, e);
    if (!s.is(e - 1, "*") && s.is_ident(e - 1)) im.names.emplace_back(s.text(e - 1));
  }
  out.push_back(std::move(im));
}

// require 'twilio-ruby' (binds nothing; found so new requires are not duplicated)
void ruby(const scan::Syntax& s, std::size_t k, std::vector<ImportStatement>& out) {
  const TokenRange st = s.statement_at(k);
  ImportStatement im{st, {}, {}, false, false};
  for (std::size_t q = k + 1; q < st.end; ++q)
    if (s.tok(q).kind == scan::TokKind::string) im.module = s.tok(q).value;
  out.push_back(std::move(im));
}

// The names an import line binds: lex it alone in the file's language.
ImportStatement parse_line(Language lang, const std::string& line) {
  const scan::SourceFile f("line", lang, line);
  const scan::Syntax s(f);
  auto found = find_imports(s);
  if (found.empty()) return {};
  return found.front();
}

std::string normalized(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';') continue;
    out += c == '"' ? '\'' : c;
  }
  return out;
}

bool word_in(std::string_view code, std::string_view word) {
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  for (std::size_t p = code.find(word); p != std::string_view::npos; p = code.find(word, p + 1))
    if ((p == 0 || !is_word(code[p - 1]) || word[0] == '$') &&
        (p + word.size() >= code.size() || !is_word(code[p + word.size()])))
      return true;
  return false;
}

}  // namespace

std::vector<ImportStatement> find_imports(const scan::Syntax& s) {
  std::vector<ImportStatement> out;
  const Language lang = s.file().language();
  std::size_t depth_brace = 0;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (s.is(k, "{")) ++depth_brace;
    if (s.is(k, "}") && depth_brace) --depth_brace;
    if (!s.is_ident(k) || !starts_statement(s, k)) continue;
    const auto t = s.text(k);
    const std::size_t before = out.size();
    switch (lang) {
      case Language::javascript:
      case Language::typescript:
        if (t == "const" || t == "let" || t == "var" || t == "import") javascript(s, k, out);
        break;
      case Language::python:
        if (t == "import" || t == "from") python(s, k, out);
        break;
      case Language::php:
        if (t == "use" || t == "require" || t == "require_once" || t == "include" || t == "include_once") php(s, k, out);
        break;
      case Language::java:
        if (t == "import") java_csharp(s, k, out, false);
        break;
      case Language::csharp:
        if (t == "using") java_csharp(s, k, out, true);
        break;
      case Language::ruby:
        if (t == "require" || t == "require_relative") ruby(s, k, out);
        break;
      default: break;
    }
    if (out.size() > before) {
      // Python/Ruby: file level means column 0; brace languages: outside any block, except
      // C#/PHP namespace blocks, which is where their usings live.
      const bool indented = !line_indent(s.file().text(), s.tok(k).begin).empty();
      out.back().top_level = lang == Language::csharp || lang == Language::php ? !indented || depth_brace <= 1
                                                                                : depth_brace == 0 && !indented;
      k = std::max(k, out.back().range.end) - 1;
    }
  }
  return out;
}

std::vector<Edit> import_edits(const scan::Syntax& s, const std::vector<TokenRange>& removed,
                               const std::vector<std::string>& wanted, const std::string& new_code,
                               const std::string& newline) {
  const Language lang = s.file().language();
  const auto text = s.file().text();
  const auto imports = find_imports(s);
  std::vector<TokenRange> gone = removed;
  auto in_any = [](const std::vector<TokenRange>& rs, std::size_t k) {
    return std::any_of(rs.begin(), rs.end(), [&](const TokenRange& r) { return k >= r.begin && k < r.end; });
  };
  // Mentions of a name as a bare identifier (not `x.name`), outside one import statement.
  auto mentions = [&](const std::string& name, const TokenRange& self, bool inside_gone) {
    for (std::size_t k = 0; k < s.size(); ++k) {
      if (k >= self.begin && k < self.end) continue;
      if (!s.is_ident(k) || s.text(k) != name || (k > 0 && s.is_member_op(k - 1) && lang != Language::php)) continue;
      if (in_any(gone, k) == inside_gone) return true;
    }
    return false;
  };
  // Imports the rewrites made unused go; repeat, as one removal can free another
  // (`const { IncomingClientScope } = ClientCapability;` then ClientCapability's require).
  // Never dropped: an import the new code reads, one of the lines it asks for, and an ES
  // module's default import of 'twilio' (the new code destructures AccessToken from it).
  std::set<std::string> wanted_norm;
  for (const auto& w : wanted) wanted_norm.insert(normalized(w));
  auto needed = [&](const ImportStatement& im) {
    if (wanted_norm.count(normalized(s.range_text(im.range)))) return true;
    if (im.esm_default && im.module == "twilio") return true;
    return std::any_of(im.names.begin(), im.names.end(), [&](const std::string& n) { return word_in(new_code, n); });
  };
  std::vector<const ImportStatement*> dropped;
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& im : imports) {
      if (im.names.empty() || std::find(dropped.begin(), dropped.end(), &im) != dropped.end() || needed(im)) continue;
      bool used_by_old = false, used_elsewhere = false;
      for (const auto& n : im.names) {
        used_by_old = used_by_old || mentions(n, im.range, true);
        used_elsewhere = used_elsewhere || mentions(n, im.range, false);
      }
      if (!used_by_old || used_elsewhere) continue;
      const bool whole_lines = (im.range.begin == 0 || s.tok(im.range.begin).newline_before) &&
                               (im.range.end >= s.size() || s.tok(im.range.end).newline_before);
      if (!whole_lines) continue;
      dropped.push_back(&im);
      gone.push_back(im.range);
      changed = true;
    }
  }

  // The wanted lines not already present (same text, or every name they bind already bound
  // by an import that stays) and actually used by the new code.
  std::vector<std::string> add;
  const bool esm = lang == Language::javascript || lang == Language::typescript
                       ? std::any_of(imports.begin(), imports.end(), [](const ImportStatement& i) { return i.esm; }) &&
                             std::none_of(imports.begin(), imports.end(),
                                          [](const ImportStatement& i) { return !i.esm && i.top_level; })
                       : false;
  auto kept = [&](const ImportStatement& im) {
    return std::find(dropped.begin(), dropped.end(), &im) == dropped.end();
  };
  for (std::string line : wanted) {
    if (std::find(add.begin(), add.end(), line) != add.end()) continue;
    ImportStatement w = parse_line(lang, line);
    if (!w.names.empty() && std::none_of(w.names.begin(), w.names.end(), [&](const std::string& n) { return word_in(new_code, n); }))
      continue;
    const bool present = std::any_of(imports.begin(), imports.end(), [&](const ImportStatement& im) {
      if (!kept(im)) return false;
      if (normalized(s.range_text(im.range)) == normalized(line)) return true;
      return !w.names.empty() && std::all_of(w.names.begin(), w.names.end(), [&](const std::string& n) {
        return std::find(im.names.begin(), im.names.end(), n) != im.names.end();
      });
    });
    if (present) continue;
    // Ruby: a file that never required the gem had it loaded for it (Bundler, Rails); the
    // Access Token classes come with the same gem.
    if (lang == Language::ruby && w.names.empty() &&
        std::none_of(imports.begin(), imports.end(), [](const ImportStatement& i) { return i.top_level; }))
      continue;
    if (esm && line.find("require(") != std::string::npos) {
      // An ES module: the default import of 'twilio', then the same destructuring from it.
      std::string binding;
      for (const auto& im : imports)
        if (kept(im) && im.esm_default && im.module == "twilio" && !im.names.empty()) binding = im.names.front();
      const auto req = line.find("require(");
      const auto close = line.find(')', req);
      if (close == std::string::npos) continue;
      if (binding.empty()) {
        binding = "twilio";
        add.push_back("import twilio from " + line.substr(req + 8, close - req - 8) + ";");
      }
      line = line.substr(0, req) + binding + line.substr(close + 1);
    }
    add.push_back(line);
  }

  std::vector<Edit> edits;
  std::string block;
  for (const auto& l : add) block += l + newline;
  // Where new imports go: in place of the first import removed, else after the last import
  // at file level, else before the file's first statement.
  std::size_t anchor = npos;
  bool replaced = false;
  // The first capability import removed takes the new lines (a Twilio one rather than, say,
  // java.util.List that went with it).
  std::vector<const ImportStatement*> order = dropped;
  auto twilio = [](const ImportStatement* im) {
    std::string m = im->module;
    for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return m.find("twilio") != std::string::npos;
  };
  std::sort(order.begin(), order.end(), [&](auto* a, auto* b) {
    return std::make_pair(!twilio(a), a->range.begin) < std::make_pair(!twilio(b), b->range.begin);
  });
  for (const auto* im : order) {
    const std::size_t b = line_start(text, s.tok(im->range.begin).begin);
    const std::size_t e = next_line_start(text, s.tok(im->range.end - 1).end - 1);
    Edit ed{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), 0, 0, 0, 0, ""};
    if (!replaced && !block.empty() && im->top_level) {
      ed.text = block;
      replaced = true;
    }
    edits.push_back(ed);
  }
  if (!replaced && !block.empty()) {
    for (const auto& im : imports)
      if (im.top_level && kept(im)) anchor = next_line_start(text, s.tok(im.range.end - 1).end - 1);
    if (anchor == npos && s.size() > 0) {
      // Before the first statement; after a `'use strict'` / docstring / package / namespace line.
      std::size_t first = 0;
      const auto t0 = s.text(0);
      const bool directive = s.tok(0).kind == scan::TokKind::string &&
                             (lang == Language::javascript || lang == Language::typescript || lang == Language::python);
      if (directive || t0 == "package" || (t0 == "namespace" && lang == Language::php) || t0 == "declare") {
        first = s.statement_at(0).end;
        anchor = next_line_start(text, s.tok(first - 1).end - 1);
        block = newline + block;
      } else {
        anchor = line_start(text, s.tok(0).begin);
        block += newline;
      }
    }
    if (anchor != npos) edits.push_back(Edit{static_cast<std::uint32_t>(anchor), static_cast<std::uint32_t>(anchor), 0, 0, 0, 0, block});
  }
  return edits;
}

}  // namespace capmig::fix
