#include "analyzer/scan/scanner.h"

#include <fnmatch.h>
#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "analyzer/core/utf8.h"
#include "analyzer/lang/text/doc_code.h"
#include "analyzer/scan/exported_helpers.h"
#include "analyzer/scan/fingerprint.h"
#include "analyzer/scan/lang_names.h"
#include "analyzer/scan/large_file.h"
#include "analyzer/scan/prefilter.h"
#include "analyzer/scan/provided_objects.h"
#include "analyzer/scan/syntax/value.h"

namespace capmig::scan {

bool rule_applies(const Rule& rule, Language lang, std::string_view rel_path) {
  if (std::find(rule.summary.languages.begin(), rule.summary.languages.end(), lang) == rule.summary.languages.end())
    return false;
  if (rule.paths.empty()) return true;
  const auto slash = rel_path.find_last_of('/');
  const std::string base(slash == std::string_view::npos ? rel_path : rel_path.substr(slash + 1));
  return std::any_of(rule.paths.begin(), rule.paths.end(),
                     [&](const std::string& glob) { return fnmatch(glob.c_str(), base.c_str(), 0) == 0; });
}

bool rule_runs_on_files(const Rule& rule) {
  return !(rule.kind == RuleKind::detector && rule.detector == "auth-token");  // reported by constructs
}

namespace {

const Rule* secret_rule_of(const RuleSet& rules) {
  for (const auto& r : rules.rules)
    if (r.kind == RuleKind::detector && r.detector == "auth-token") return &r;
  return nullptr;
}

void sanitize(Finding& f) {
  f.message = valid_utf8(f.message);
  f.snippet = valid_utf8(f.snippet);
  auto clean = [](Param& p) {
    p.text = valid_utf8(p.text);
    if (p.value && p.value->is_string()) p.value = boost::json::value(valid_utf8(p.value->get_string()));
    if (p.value && p.value->is_object())
      for (auto& [k, v] : p.value->get_object())
        if (v.is_string()) v = valid_utf8(v.get_string());
  };
  for (auto& [k, p] : f.capability.fields) clean(p);
  for (auto& p : f.capability.extra_identity_candidates) clean(p);
  for (auto& [k, p] : f.capability.ignored) clean(p);
  if (f.mapping)
    for (auto& [k, p] : f.mapping->fields) clean(p);
}

// The rules that apply to `bytes` read as `lang`, matched.
std::vector<Finding> scan_as(std::string_view rel_path, Language lang, std::string_view bytes, const RuleSet& rules,
                             const MatchOptions& options, ParsedFile* keep) {
  std::vector<const Rule*> active;
  if (!rules.prefilter) throw std::logic_error("scan: the rule set has no prefilter (index_rules)");
  const Prefilter& prefilter = *rules.prefilter;
  const auto& candidates = prefilter.candidates(lang);
  if (candidates.empty()) return {};
  thread_local Prefilter::Present present;
  prefilter.find(bytes, present);
  for (const std::size_t i : candidates) {
    const Rule& r = rules.rules[i];
    if (!prefilter.passes(i, present) || !rule_applies(r, lang, rel_path)) continue;
    // Its raw-text pass first: a file with no candidate is not lexed for it.
    if (r.kind == RuleKind::detector && r.detector == "auth-token-anywhere" && auth_token_candidates(bytes).empty())
      continue;
    if (r.kind == RuleKind::detector && r.detector == "api-key-secret" && api_key_secret_candidates(bytes).empty())
      continue;
    active.push_back(&r);
  }
  return scan_with_rules(rel_path, lang, bytes, active, rules, options, keep);
}

// A documentation file's code blocks, each read as the language its fence names. Only what
// code mints or consumes is taken from them: the file's own text pass already reports the
// tokens and secrets written anywhere in it.
void scan_documentation_code(std::string_view rel_path, std::string_view bytes, const RuleSet& rules,
                             const MatchOptions& options, std::vector<Finding>& out) {
  for (const lang::DocCode& code : lang::documentation_code(rel_path, bytes)) {
    for (Finding& f : scan_as(rel_path, code.language, code.text, rules, options, nullptr)) {
      if (f.category != Category::capability_mint && f.category != Category::capability_client) continue;
      f.documentation = true;
      f.severity = Severity::info;
      f.message += " (an example in a documentation code block)";
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

std::vector<Finding> scan_source(std::string_view rel_path, std::string_view bytes, const RuleSet& rules,
                                 const MatchOptions& options, ParsedFile* keep) {
  const Language lang = language_for_path(rel_path);
  std::vector<Finding> out = scan_as(rel_path, lang, bytes, rules, options, keep);
  if (lang == Language::text) scan_documentation_code(rel_path, bytes, rules, options, out);
  return out;
}

// The map step: each finding's capability parameters become Access Token settings, by the
// table the caller passed in, once, after every matcher has run.
void map_findings(std::vector<Finding>& findings, const map::MappingTable& table) {
  for (auto& f : findings) {
    if (!f.map_input) continue;
    f.mapping = table.apply(std::move(*f.map_input));
    f.map_input.reset();
  }
}

std::vector<Finding> scan_with_rules(std::string_view rel_path, Language lang, std::string_view bytes,
                                     const std::vector<const Rule*>& active, const RuleSet& rules,
                                     const MatchOptions& options, ParsedFile* keep) {
  std::vector<Finding> out;
  if (active.empty()) return out;
  if (!options.table) throw std::logic_error("scan: no mapping table given");
  // Kept for fix, the parse must read bytes that outlive the walker's buffer.
  std::shared_ptr<const std::string> owned;
  if (keep) {
    owned = std::make_shared<const std::string>(bytes);
    bytes = *owned;
  }
  auto file = std::make_unique<SourceFile>(std::string(rel_path), lang, bytes);
  auto syntax = std::make_unique<Syntax>(*file);
  auto eval = std::make_unique<Evaluator>(*syntax);
  MatchContext ctx{*file, *syntax, *eval, options, out, secret_rule_of(rules)};
  std::vector<ConstructSites> sites;
  std::vector<const Rule*> site_rules;  // the rule of each entry of `sites`
  if (keep) ctx.sites = &sites;
  std::vector<const Rule*> last;  // detectors that skip what the other rules reported
  for (const Rule* r : active) {
    if (r->kind == RuleKind::detector && (r->detector == "auth-token-anywhere" || r->detector == "api-key-secret")) {
      last.push_back(r);
      continue;
    }
    switch (r->kind) {
      case RuleKind::construct:
        match_construct(*r, ctx);
        site_rules.resize(sites.size(), r);
        break;
      case RuleKind::sequence:
        match_sequence(*r, ctx);
        break;
      case RuleKind::regex:
        match_regex(*r, ctx);
        break;
      case RuleKind::detector:
        if (r->detector == "jwt")
          detect_jwts(*r, ctx);
        else if (r->detector == "scope-string" && lang != Language::text)
          detect_scope_strings(*r, ctx);
        break;
    }
  }
  match_in_interpolations(active, ctx);
  for (const Rule* r : last) {
    if (r->detector == "api-key-secret")
      detect_api_key_secrets(*r, ctx);
    else
      detect_auth_tokens(*r, ctx);
  }
  map_findings(out, *options.table);
  for (auto& f : out) sanitize(f);
  if (keep &&
      std::any_of(out.begin(), out.end(), [](const Finding& f) { return f.category == Category::capability_mint; })) {
    keep->path = std::string(rel_path);
    keep->bytes = std::move(owned);
    for (std::size_t i = 0; i < sites.size(); ++i)
      keep->constructs.push_back({site_rules[i], out[sites[i].finding].location.begin_offset, std::move(sites[i])});
    keep->file = std::move(file);
    keep->syntax = std::move(syntax);
    keep->eval = std::move(eval);
  }
  return out;
}

ScanReport scan(const ScanOptions& options, const RuleSet& rules) {
  ScanOptions plain = options;
  plain.keep_parsed = false;
  return scan_parsed(plain, rules).report;
}

const ParsedFile* ParsedScan::file(std::string_view path) const {
  const auto it = std::lower_bound(parsed.begin(), parsed.end(), path,
                                   [](const auto& p, std::string_view x) { return p->path < x; });
  return it != parsed.end() && (*it)->path == path ? it->get() : nullptr;
}

ParsedScan scan_parsed(const ScanOptions& options, const RuleSet& rules) {
  ParsedScan result;
  ScanReport& report = result.report;
  report.root = options.walk.roots.empty() ? "." : options.walk.roots.front().string();
  report.rules = rules.summaries();
  report.table = options.match.table;
  std::mutex mu;
  const bool several_roots = options.walk.roots.size() > 1;
  std::vector<ScanError> file_errors;
  std::vector<CodeFile> code_files;  // what the repository pass may read again
  HelperNames helper_names;          // …and what it need not: names looked for while files were read
  const walk::WalkStats stats = walk::walk(options.walk, [&](const walk::WalkedFile& wf) {
    std::string path(wf.rel_path);
    // With several roots a path names its root too; a root that is a file is named as given.
    if (several_roots) path = options.walk.roots[wf.root_index].generic_string() + (wf.root_itself ? "" : "/" + path);
    std::vector<Finding> found;
    ParsedFile kept;
    try {
      found = wf.fd >= 0 ? scan_large_file(path, wf.fd, wf.size, rules, options.match)
                         : scan_source(path, wf.bytes, rules, options.match, options.keep_parsed ? &kept : nullptr);
    } catch (const std::exception& e) {
      // A matcher bug must cost one file, never the scan: report it and go on.
      std::lock_guard lock(mu);
      file_errors.push_back({path, std::string("internal error while scanning: ") + e.what()});
    }
    if (options.files_done) options.files_done->fetch_add(1, std::memory_order_relaxed);
    const Language lang = language_for_path(path);
    const bool code = wf.fd < 0 && lang != Language::text;
    if (found.empty() && !code) return;
    helper_names.add(found);
    CodeFile cf;
    if (code) {
      cf = {path, std::string(wf.abs_path)};
      helper_names.check(wf.bytes, lang, cf);
    }
    std::lock_guard lock(mu);
    if (code) code_files.push_back(std::move(cf));
    if (found.empty()) return;
    for (auto& f : found) report.findings.push_back(std::move(f));
    if (kept.file) result.parsed.push_back(std::make_shared<const ParsedFile>(std::move(kept)));
  });
  report.files_scanned = stats.files_scanned;
  report.large_files = stats.large_files;
  report.skipped =
      SkipCounts{stats.skipped_binary,   stats.skipped_ignored,    stats.skipped_symlinks, stats.skipped_special,
                 stats.skipped_other_fs, stats.skipped_unreadable, stats.skipped_too_deep};
  report.incomplete = stats.skipped_unreadable > 0 || stats.skipped_too_deep > 0 || !file_errors.empty();
  for (const auto& e : stats.errors) {
    std::string path = e.path;
    if (several_roots && e.path != options.walk.roots[e.root_index].string())
      path = options.walk.roots[e.root_index].generic_string() + "/" + path;
    report.errors.push_back({valid_utf8(path), valid_utf8(e.message)});
    report.incomplete = report.incomplete || e.incomplete;
  }
  for (auto& e : file_errors) report.errors.push_back(std::move(e));
  follow_exported_helpers(options, rules, code_files, report.findings, &helper_names);
  tie_provided_objects(options, rules, report.findings);
  std::sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.path, a.location.line, a.location.column, a.rule_id) <
           std::tie(b.path, b.location.line, b.location.column, b.rule_id);
  });
  assign_ids(report.findings);
  std::sort(result.parsed.begin(), result.parsed.end(), [](const auto& a, const auto& b) { return a->path < b->path; });
  return result;
}

}  // namespace capmig::scan
