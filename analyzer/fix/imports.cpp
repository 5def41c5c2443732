#include "analyzer/fix/imports.h"

#include <algorithm>
#include <map>
#include <set>

#include "analyzer/fix/file_style.h"
#include "analyzer/lang/dialect.h"
#include "analyzer/lang/php/code_at.h"
#include "analyzer/lang/source.h"

namespace capmig::fix {
using lang::Language;
using lang::npos;
using lang::TokenRange;

namespace {

// The names an import line binds: lex it alone in the file's language.
ImportStatement parse_line(Language lang, const std::string& line) {
  // A PHP line is code only after the open tag.
  const std::string text = lang == Language::php ? "<?php " + line : line;
  const lang::SourceFile f("line", lang, text);
  const lang::Syntax s(f);
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

// One file's import changes, in three steps: which imports the rewrites made unused, which
// wanted lines are missing, and where the new lines go.
class ImportPlan {
 public:
  ImportPlan(const lang::Syntax& s, const std::vector<TokenRange>& removed, const std::vector<std::string>& wanted,
             const std::string& new_code, const std::vector<NamespaceBinds>& namespace_binds)
      : s_(s),
        syntax_(lang::dialect(s.file().language()).imports),
        imports_(find_imports(s)),
        gone_(removed),
        wanted_(wanted),
        new_code_(new_code) {
    for (auto& im : imports_)
      for (const auto& nb : namespace_binds)
        if (im.names.empty() && im.module == nb.module) im.names = nb.names;
  }

  std::vector<Edit> edits(const std::string& newline) {
    drop_unused();
    const auto add = lines_to_add();
    std::string block;
    for (const auto& l : add) block += l + newline;
    return placement(block, newline);
  }

 private:
  static bool in_any(const std::vector<TokenRange>& rs, std::size_t k) {
    return std::any_of(rs.begin(), rs.end(), [&](const TokenRange& r) { return k >= r.begin && k < r.end; });
  }

  // Mentions of a name as a bare identifier (not `x.name`), outside one import statement.
  bool mentions(const std::string& name, const TokenRange& self, bool inside_gone) const {
    for (std::size_t k = 0; k < s_.size(); ++k) {
      if (k >= self.begin && k < self.end) continue;
      if (!s_.is_ident(k) || s_.text(k) != name || (k > 0 && s_.is_member_op(k - 1) && !syntax_.member_names_are_uses))
        continue;
      if (in_any(gone_, k) == inside_gone) return true;
    }
    return false;
  }

  bool kept(const ImportStatement& im) const {
    return std::find(dropped_.begin(), dropped_.end(), &im) == dropped_.end();
  }

  // Imports the rewrites made unused go; repeat, as one removal can free another
  // (`const { IncomingClientScope } = ClientCapability;` then ClientCapability's require).
  // Never dropped: an import the new code reads, one of the lines it asks for, and an ES
  // module's default import of 'twilio' (the new code destructures AccessToken from it).
  void drop_unused() {
    std::set<std::string> wanted_norm;
    for (const auto& w : wanted_) wanted_norm.insert(normalized(w));
    auto needed = [&](const ImportStatement& im) {
      if (wanted_norm.count(normalized(s_.range_text(im.range)))) return true;
      if (im.esm_default && im.module == "twilio") return true;
      return std::any_of(im.names.begin(), im.names.end(), [&](const std::string& n) { return word_in(new_code_, n); });
    };
    for (bool changed = true; changed;) {
      changed = false;
      for (const auto& im : imports_) {
        if (im.names.empty() || !kept(im) || needed(im)) continue;
        bool used_by_old = false, used_elsewhere = false;
        for (const auto& n : im.names) {
          used_by_old = used_by_old || mentions(n, im.range, true);
          used_elsewhere = used_elsewhere || mentions(n, im.range, false);
        }
        if (!used_by_old || used_elsewhere) continue;
        const bool whole_lines = (im.range.begin == 0 || s_.tok(im.range.begin).newline_before) &&
                                 (im.range.end >= s_.size() || s_.tok(im.range.end).newline_before);
        if (!whole_lines) continue;
        dropped_.push_back(&im);
        gone_.push_back(im.range);
        changed = true;
      }
    }
  }

  // The wanted lines not already present (same text, or every name they bind already bound
  // by an import that stays) and actually used by the new code.
  std::vector<std::string> lines_to_add() const {
    std::vector<std::string> add;
    const bool esm = syntax_.es_modules &&
                     std::any_of(imports_.begin(), imports_.end(), [](const ImportStatement& i) { return i.esm; }) &&
                     std::none_of(imports_.begin(), imports_.end(),
                                  [](const ImportStatement& i) { return !i.esm && i.top_level && !i.from_object; });
    for (std::string line : wanted_) {
      if (std::find(add.begin(), add.end(), line) != add.end()) continue;
      ImportStatement w = parse_line(s_.file().language(), line);
      if (!w.names.empty() &&
          std::none_of(w.names.begin(), w.names.end(), [&](const std::string& n) { return word_in(new_code_, n); }))
        continue;
      const bool present = std::any_of(imports_.begin(), imports_.end(), [&](const ImportStatement& im) {
        if (!kept(im)) return false;
        if (normalized(s_.range_text(im.range)) == normalized(line)) return true;
        return !w.names.empty() && std::all_of(w.names.begin(), w.names.end(), [&](const std::string& n) {
          return std::find(im.names.begin(), im.names.end(), n) != im.names.end();
        });
      });
      if (present) continue;
      // A file that never required the library had it loaded for it (Bundler, Rails); the
      // Access Token classes come with the same library.
      if (syntax_.library_autoloaded && w.names.empty() &&
          std::none_of(imports_.begin(), imports_.end(), [](const ImportStatement& i) { return i.top_level; }))
        continue;
      if (esm && line.find("require(") != std::string::npos) {
        // An ES module: the default import of 'twilio', then the same destructuring from it.
        std::string binding;
        for (const auto& im : imports_)
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
    return add;
  }

  // Where new imports go: in place of the first import removed, else after the last import
  // at file level, else before the file's first statement.
  std::vector<Edit> placement(std::string block, const std::string& newline) const {
    const auto text = s_.file().text();
    std::vector<Edit> edits;
    bool replaced = false;
    // The first capability import removed takes the new lines (a Twilio one rather than, say,
    // java.util.List that went with it).
    std::vector<const ImportStatement*> order = dropped_;
    auto twilio = [](const ImportStatement* im) {
      std::string m = im->module;
      for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return m.find("twilio") != std::string::npos;
    };
    std::sort(order.begin(), order.end(), [&](auto* a, auto* b) {
      return std::make_pair(!twilio(a), a->range.begin) < std::make_pair(!twilio(b), b->range.begin);
    });
    for (const auto* im : order) {
      const std::size_t b = line_start(text, s_.tok(im->range.begin).begin);
      const std::size_t e = next_line_start(text, s_.tok(im->range.end - 1).end - 1);
      Edit ed{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e), 0, 0, 0, 0, ""};
      if (!replaced && !block.empty() && im->top_level) {
        ed.text = block;
        replaced = true;
      }
      edits.push_back(ed);
    }
    if (replaced || block.empty()) return edits;
    std::size_t anchor = npos;
    for (const auto& im : imports_)
      if (im.top_level && kept(im)) anchor = next_line_start(text, s_.tok(im.range.end - 1).end - 1);
    if (anchor == npos && s_.size() > 0) {
      // Before the first statement; after a `'use strict'` / docstring / package / namespace line.
      const auto t0 = s_.text(0);
      const bool directive = s_.tok(0).kind == lang::TokKind::string && syntax_.directive_prologue;
      if (directive || t0 == "package" || (t0 == "namespace" && syntax_.namespace_prologue) || t0 == "declare") {
        const std::size_t first = s_.statement_at(0).end;
        anchor = next_line_start(text, s_.tok(first - 1).end - 1);
        block = newline + block;
      } else {
        anchor = line_start(text, s_.tok(0).begin);
        block += newline;
      }
    }
    if (anchor != npos && s_.file().language() == lang::Language::php) anchor = php_anchor(anchor);
    if (anchor != npos)
      edits.push_back(Edit{static_cast<std::uint32_t>(anchor), static_cast<std::uint32_t>(anchor), 0, 0, 0, 0, block});
    return edits;
  }

  // A page's `use` lines must be PHP, and before the code they name: after an include that sits
  // in a later `<?php include 'x.php'; ?>` island, they would be printed as HTML. Then they go
  // right before the first statement the rewrite removes, at the file's top level.
  std::size_t php_anchor(std::size_t anchor) const {
    const auto text = s_.file().text();
    std::size_t first = npos;
    for (const auto& r : gone_)
      if (r.begin < s_.size()) first = std::min(first, static_cast<std::size_t>(s_.tok(r.begin).begin));
    if (lang::php_code_at(s_.file(), anchor) && (first == npos || anchor <= first)) return anchor;
    if (first == npos) return anchor;
    const std::size_t at = line_start(text, first);
    int depth = 0;  // `use` is only valid at the top level
    for (std::size_t k = 0; k < s_.size() && s_.tok(k).begin < first; ++k)
      depth += s_.is(k, "{") ? 1 : s_.is(k, "}") ? -1 : 0;
    return depth == 0 && lang::php_code_at(s_.file(), at) ? at : anchor;
  }

  const lang::Syntax& s_;
  const lang::ImportSyntax& syntax_;
  std::vector<ImportStatement> imports_;
  std::vector<TokenRange> gone_;
  const std::vector<std::string>& wanted_;
  const std::string& new_code_;
  std::vector<const ImportStatement*> dropped_;
};

}  // namespace

namespace {

std::string at_line(const lang::Syntax& s, std::size_t k) {
  return " (line " + std::to_string(s.file().line_of(s.tok(k).begin)) + ")";
}

// The root package a module path belongs to, for telling two imports' origins apart: 'twilio',
// twilio.jwt.access_token and Twilio\Jwt\AccessToken are twilio; './models/token' is
// local; Java and C# names keep their second segment (com.twilio vs com.example).
std::string package_root(std::string_view module) {
  std::string m;
  for (char c : module)
    if (c != '\'' && c != '"' && c != '`') m += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (m.starts_with("npm:")) m.erase(0, 4);
  while (!m.empty() && m.front() == '\\') m.erase(0, 1);
  if (m.empty() || m.front() == '.' || m.front() == '/') return "(local)";
  std::size_t cut = m.find_first_of("./\\@:");
  std::string head = m.substr(0, cut);
  if ((head == "com" || head == "org" || head == "net" || head == "io") && cut != std::string::npos) {
    const std::size_t next = m.find_first_of("./\\", cut + 1);
    head = m.substr(0, next);
  }
  return head;
}

}  // namespace

std::optional<std::string> import_clash(const lang::Syntax& s, const std::vector<std::string>& wanted) {
  const auto imports = find_imports(s);
  const Language lang = s.file().language();
  for (const auto& line : wanted) {
    const ImportStatement w = parse_line(lang, line);
    if (w.names.empty()) continue;
    const std::string pkg = package_root(w.module);
    // A name bound by an import of the helper library: `twilio` of `const twilio = require('twilio')`.
    const auto library_alias = [&](std::string_view root) {
      return std::any_of(imports.begin(), imports.end(), [&](const lang::ImportStatement& im) {
        return !im.from_object && package_root(im.module) == pkg &&
               std::find(im.names.begin(), im.names.end(), root) != im.names.end();
      });
    };
    for (const auto& name : w.names) {
      bool ours = false;
      for (const auto& im : imports) {
        if (std::find(im.names.begin(), im.names.end(), name) == im.names.end()) continue;
        // `const { AccessToken } = tw.jwt`: the object is the library when `tw` is.
        const bool via_alias = im.from_object && library_alias(im.module.substr(0, im.module.find('.')));
        if (!via_alias && package_root(im.module) != pkg && !(im.from_object && package_root(im.module) == "(local)"))
          return name + " is already bound by `" + s.range_text(im.range) + "`" + at_line(s, im.range.begin) +
                 ", which is not the helper library's: the new code would use it; rename one of them, then run fix "
                 "again";
        ours = true;
      }
      if (ours) continue;
      // Not imported: declared here (class AccessToken, def VoiceGrant, AccessToken = …)?
      for (std::size_t k = 0; k < s.size(); ++k) {
        if (!s.is_ident(k) || s.text(k) != name || (k > 0 && s.is_member_op(k - 1))) continue;
        const bool declared =
            (k > 0 && s.is_ident(k - 1) &&
             (s.text(k - 1) == "class" || s.text(k - 1) == "function" || s.text(k - 1) == "def" ||
              s.text(k - 1) == "interface" || s.text(k - 1) == "module" || s.text(k - 1) == "struct")) ||
            std::any_of(s.assignments().begin(), s.assignments().end(),
                        [&](const lang::Assignment& a) { return a.lhs == k && a.handle == name; });
        if (declared)
          return name + " is already declared in this file" + at_line(s, k) +
                 ": the new code would use it instead of the helper library's; rename it, then run fix again";
      }
    }
  }
  return std::nullopt;
}

std::vector<Edit> import_edits(const lang::Syntax& s, const std::vector<TokenRange>& removed,
                               const std::vector<std::string>& wanted, const std::string& new_code,
                               const std::vector<NamespaceBinds>& namespace_binds, const std::string& newline) {
  return ImportPlan(s, removed, wanted, new_code, namespace_binds).edits(newline);
}

}  // namespace capmig::fix
