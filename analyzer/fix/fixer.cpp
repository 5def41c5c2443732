#include "analyzer/fix/fixer.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "analyzer/fix/file_style.h"
#include "analyzer/fix/imports.h"
#include "analyzer/fix/library_code.h"
#include "analyzer/fix/text_edit.h"
#include "analyzer/lang/source.h"

namespace capmig::fix {
namespace fs = std::filesystem;

namespace {

const scan::Rule* rule_by_id(const scan::RuleSet& rules, std::string_view id) {
  for (const auto& r : rules.rules)
    if (r.summary.id == id) return &r;
  return nullptr;
}

// SARIF-style positions: an insertion is an empty region at its point, and a deletion that
// ends with a line break ends at column 1 of the next line.
void locate_edits(const lang::SourceFile& file, std::vector<Edit>& edits) {
  const auto text = file.text();
  for (auto& e : edits) {
    const auto loc = file.locate(e.begin, e.end);
    e.line = loc.line;
    e.column = loc.column;
    e.end_line = loc.end_line;
    e.end_column = loc.end_column;
    if (e.begin == e.end) {
      e.end_line = e.line;
      e.end_column = e.column;
    } else if (text[e.end - 1] == '\n') {
      e.end_line = file.line_of(e.end - 1) + 1;
      e.end_column = 1;
    }
  }
}

bool overlaps(const std::vector<Edit>& a, const std::vector<Edit>& b) {
  for (const auto& x : a)
    for (const auto& y : b) {
      // Two insertions at one point, or ranges that share bytes.
      if (x.begin == x.end && y.begin == y.end && x.begin == y.begin) return true;
      if (x.begin < y.end && y.begin < x.end) return true;
    }
  return false;
}

// A rewrite's edits sorted and checked against each other and against the edits already taken
// (`all`); a rewrite that fails becomes needs-input, saying why.
void settle_edits(ConstructRewrite& cr, const std::vector<Edit>& all) {
  if (cr.status != Status::rewritten) return;
  try {
    sort_edits(cr.edits);
  } catch (const std::logic_error&) {
    cr.status = Status::needs_input;
    if (cr.reasons.empty()) cr.reason_code = "unbalanced-brackets";
    cr.reasons.push_back("its edits overlap each other (unbalanced brackets?); migrate it by hand");
    return;
  }
  if (overlaps(cr.edits, all)) {
    cr.status = Status::needs_input;
    if (cr.reasons.empty()) cr.reason_code = "overlapping-constructs";
    cr.reasons.push_back("its code overlaps another construct's rewrite; migrate the two together by hand");
  }
}

// What the file's patch is built from: every taken rewrite's edits, the statements it removed,
// and the imports and code it added (for the import pass).
struct FilePlan {
  std::vector<Edit> all;
  std::vector<lang::TokenRange> removed;
  std::vector<std::string> imports;
  std::string new_code;

  void take(const ConstructRewrite& cr) {
    all.insert(all.end(), cr.edits.begin(), cr.edits.end());
    removed.insert(removed.end(), cr.removed.begin(), cr.removed.end());
    imports.insert(imports.end(), cr.imports.begin(), cr.imports.end());
    new_code += cr.body;
  }
};

// A finding's Rewrite: needs-input until a rewrite says otherwise.
Rewrite rewrite_for(const scan::Finding& f) {
  Rewrite rw;
  rw.finding_id = f.id;
  rw.path = f.path;
  rw.line = f.location.line;
  return rw;
}

Rewrite left_to_a_person(const scan::Finding& f, std::string_view code, std::string reason) {
  Rewrite rw = rewrite_for(f);
  rw.reason_code = code;
  rw.reasons.push_back(std::move(reason));
  return rw;
}

// What the libraries' namespace imports bind in this language, from every rule's "fix" data:
// a fact about the library, whichever of its rules found the construct.
std::vector<NamespaceBinds> namespace_binds(const scan::RuleSet& rules, lang::Language language) {
  std::vector<NamespaceBinds> out;
  for (const auto& r : rules.rules) {
    if (std::find(r.summary.languages.begin(), r.summary.languages.end(), language) == r.summary.languages.end())
      continue;
    for (const auto& [module, names] : r.fix.namespace_imports) out.push_back({module, names});
  }
  return out;
}

}  // namespace

FileFix fix_source(const scan::ParsedFile& parsed, std::string_view display_path,
                   const std::vector<const scan::Finding*>& findings, const scan::RuleSet& rules,
                   const RewriteOptions& options, decltype(FileContext::pins) pins) {
  FileFix out;
  const std::string_view rel_path = parsed.path;
  const std::string_view bytes = *parsed.bytes;
  if (const auto lib = library_code(rel_path, bytes)) {
    for (const auto* f : findings)
      if (f->category == scan::Category::capability_mint)
        out.rewrites.push_back(left_to_a_person(*f, lib->code, lib->reason));
    return out;
  }
  const lang::SourceFile& file = *parsed.file;
  const lang::Syntax& syntax = *parsed.syntax;
  const scan::Evaluator& eval = *parsed.eval;
  const Blocks blocks(syntax);
  const FileStyle style = detect_style(file);
  FileContext fc{file, syntax, eval, blocks, style, {}, pins};
  for (std::size_t k = 0; k < syntax.size(); ++k)
    if (syntax.is_ident(k)) fc.identifiers.emplace(syntax.text(k));

  FilePlan plan;
  std::map<std::size_t, std::set<std::string>> taken;
  bool upgrading = false;                    // a rewrite moves the file to the newer library
  const scan::Rule* staying_rule = nullptr;  // a construct left on the retired one
  std::uint32_t staying_line = 0;
  for (const auto* f : findings) {
    if (f->category != scan::Category::capability_mint) continue;
    Rewrite rw = rewrite_for(*f);
    const scan::ConstructAt* construct = parsed.construct_of(f->rule_id, f->location.begin_offset);
    if (!construct) {
      // A construct rule's finding has its sites unless it sits inside a string's interpolation.
      const scan::Rule* rule = rule_by_id(rules, f->rule_id);
      const bool is_construct = rule && rule->kind == scan::RuleKind::construct;
      if (f->generated_again_from) {
        rw.reason_code = "generated-twice";
        rw.reasons.push_back("another token generated from the capability object built on line " +
                             std::to_string(f->generated_again_from) + ": migrate it with that construct");
      } else if (!is_construct) {
        rw.reason_code = "hand-rolled";
        rw.reasons.push_back(
            "a hand-rolled capability token (the scope string is built by this code, not by a helper library): "
            "mint an Access Token with the helper library instead");
      } else if (syntax.in_string(f->location.begin_offset, f->location.begin_offset + 1)) {
        rw.reason_code = "in-interpolation";
        rw.reasons.push_back(
            "minted inside a string's interpolation (`${…}`): move it into a statement of its own, then run fix "
            "again");
      } else {
        rw.reason_code = "not-located";
        rw.reasons.push_back("the scan kept no sites for this construct");
      }
      out.rewrites.push_back(std::move(rw));
      continue;
    }
    ConstructRewrite cr = rewrite_construct(fc, *construct->rule, *f, construct->sites, options, taken);
    settle_edits(cr, plan.all);
    // A draft where only a person's piece is missing; it joins the patch only when asked.
    if (cr.status == Status::needs_input && draftable(cr.reason_code)) {
      RewriteOptions d = options;
      d.draft = true;
      auto taken_draft = taken;
      ConstructRewrite dr = rewrite_construct(fc, *construct->rule, *f, construct->sites, d, taken_draft);
      settle_edits(dr, plan.all);
      if (dr.status == Status::rewritten) {
        locate_edits(file, dr.edits);
        const auto view = touched_lines(bytes, dr.edits);
        rw.draft = Rewrite::Draft{dr.edits, view.before, view.after, dr.notes, options.include_drafts};
        if (options.include_drafts) {
          taken = std::move(taken_draft);
          plan.take(dr);
        }
      }
    }
    if (!construct->rule->fix.legacy_library.empty()) {
      const bool draft_in = options.include_drafts && rw.draft && rw.draft->in_patch;
      if (cr.status == Status::rewritten || draft_in) {
        upgrading = true;
      } else if (!staying_rule) {
        staying_line = rw.line;
        staying_rule = construct->rule;
      }
    }
    rw.status = cr.status;
    rw.reasons = std::move(cr.reasons);
    rw.reason_code = std::move(cr.reason_code);
    rw.notes = std::move(cr.notes);
    if (cr.status == Status::rewritten) {
      locate_edits(file, cr.edits);
      rw.edits = cr.edits;
      const auto view = touched_lines(bytes, cr.edits);
      rw.before = view.before;
      rw.after = view.after;
      plan.take(cr);
    }
    out.rewrites.push_back(std::move(rw));
  }
  // Code written for the newer library replaces the retired API's in a file all at once: one
  // construct left on the old API (its import kept) fails under the newer library, the whole
  // file in Python, C# and Java, so the rest waits for it.
  if (upgrading && staying_rule && options.library_mixed.empty()) {
    RewriteOptions again = options;
    again.library_mixed = "the construct on line " + std::to_string(staying_line) + " stays on " +
                          staying_rule->fix.legacy_library +
                          ", which the Access Token's library no longer has: migrate the file's constructs "
                          "together (--identity, --include-drafts)";
    return fix_source(parsed, display_path, findings, rules, again, std::move(pins));
  }
  std::vector<Edit>& all = plan.all;
  if (all.empty()) return out;

  sort_edits(all);
  tidy_line_removals(bytes, all);
  auto im = import_edits(syntax, plan.removed, plan.imports, plan.new_code, namespace_binds(rules, file.language()),
                         style.newline);
  if (!overlaps(im, all)) all.insert(all.end(), im.begin(), im.end());
  sort_edits(all);
  tidy_line_removals(bytes, all);  // again, for the imports removed
  locate_edits(file, all);
  FilePatch p;
  p.path = std::string(rel_path);
  p.display_path = std::string(display_path);
  p.edits = all;
  p.diff = unified_diff(display_path, bytes, all);
  out.patched = apply_edits(bytes, all);
  out.patch = std::move(p);
  return out;
}

FixRun run_fix(const FixOptions& options, const scan::RuleSet& rules) {
  FixRun run;
  // The scan keeps each file with mints as it parsed it: fix reads and lexes nothing again.
  scan::ScanOptions keep = options.scan;
  keep.keep_parsed = true;
  scan::ParsedScan scanned = scan::scan_parsed(keep, rules);
  run.report.scan = std::move(scanned.report);
  const auto& roots = options.scan.walk.roots;
  ProjectManifests manifests;
  std::map<std::string, std::vector<const scan::Finding*>> by_path;
  std::map<std::string, const scan::Finding*> client_in;  // a client that takes only capability tokens
  for (const auto& f : run.report.scan.findings) {
    if (f.category == scan::Category::capability_mint) by_path[f.path].push_back(&f);
    if (f.category == scan::Category::capability_client && !f.documentation) client_in.emplace(f.path, &f);
  }
  for (const auto& entry : by_path) {
    // Named, not structured bindings: clang 14 cannot capture those in the lambda below.
    const std::string& path = entry.first;
    const std::vector<const scan::Finding*>& findings = entry.second;
    // Where the file is: a file root is itself; a directory root prefixes the relative path
    // (with several roots the scanner already did).
    std::string fs_path = path;
    if (roots.size() == 1) {
      std::error_code ec;
      fs_path = fs::is_directory(roots.front(), ec) ? (roots.front() / path).generic_string()
                                                    : roots.front().generic_string();
    }
    // The diff names files as the user does, relative to here, so `git apply` takes it.
    std::string display = fs_path;
    if (fs::path(fs_path).is_absolute()) {
      std::error_code ec;
      auto rel = fs::proximate(fs_path, ec);
      if (!ec) display = rel.generic_string();
    }
    while (display.starts_with("./")) display.erase(0, 2);
    std::error_code size_ec;
    const auto size = fs::file_size(fs_path, size_ec);
    const bool large = !size_ec && size > options.scan.walk.max_filesize;
    const scan::ParsedFile* parsed = scanned.file(path);
    FileFix ff;
    auto unfixed = [&](std::string_view code, const std::string& reason) {
      ff = {};
      for (const auto* f : findings) ff.rewrites.push_back(left_to_a_person(*f, code, reason));
    };
    const bool documentation =
        std::all_of(findings.begin(), findings.end(), [](const auto* f) { return f->documentation; });
    const auto client = client_in.find(path);
    if (documentation) {
      // An example for readers, not code that runs: its prose may need to change with it.
      unfixed("documentation", "an example in a documentation code block: update it by hand along with its prose");
    } else if (client != client_in.end()) {
      // The page this file serves (twilio.js 1.x `Device.setup`) would get an Access Token it
      // cannot use: the token must change with its client, not before it.
      unfixed("client-in-file", "this file hands the token to a client that takes only capability tokens (line " +
                                    std::to_string(client->second->location.line) +
                                    "): move that client to the Voice SDK, then run fix again");
    } else if (large) {
      // Found by the keyword search over a large file, never lexed whole: no safe rewrite.
      unfixed("large-file", "the file is larger than --max-filesize; raise it to have this construct rewritten");
    } else if (!parsed) {
      unfixed("unreadable", "the scan could not parse the file");
    } else {
      try {
        const fs::path dir = fs::path(fs_path).parent_path();
        ff = fix_source(
            *parsed, display, findings, rules, options.rewrite,
            [&manifests, dir](Ecosystem eco, const std::string& package) { return manifests.pin(dir, eco, package); });
      } catch (const std::exception& e) {
        // A rewriter bug costs this file its patch, never the run or the file.
        unfixed("internal-error", std::string("internal error while rewriting: ") + e.what());
      }
    }
    for (auto& r : ff.rewrites) run.report.rewrites.push_back(std::move(r));
    if (ff.patch) {
      run.report.files.push_back(std::move(*ff.patch));
      run.targets.push_back({fs_path, *parsed->bytes, std::move(ff.patched)});
    }
  }
  return run;
}

}  // namespace capmig::fix
