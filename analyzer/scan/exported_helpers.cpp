#include "analyzer/scan/exported_helpers.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "analyzer/core/file_io.h"
#include "analyzer/scan/lang_names.h"
#include "analyzer/scan/match/context.h"

namespace capmig::scan {
namespace {

struct Helper {
  std::size_t finding = 0;
  const Rule* rule = nullptr;
  std::string name;
  bool memo = false;
  Language language = Language::text;
  std::string path;
  std::string module;  // what an import of the helper's file names: its stem (JS, Python)
  std::size_t call_sites = 0;
  std::vector<std::pair<std::size_t, CapabilityParameters>> read;  // by calling file, in file order
};

// JavaScript and Python callers import the helper's module by its file's stem
// (`require('./lib/twilio')`, `from app.twilio import capability`); an `index.js` by its
// folder's name. Ruby, PHP, Java and C# reach a helper through a class or a mixin instead.
std::string module_of(std::string_view path, Language lang) {
  if (lang != Language::javascript && lang != Language::typescript && lang != Language::python) return {};
  std::string_view p = path;
  const auto slash = p.rfind('/');
  std::string_view base = slash == std::string_view::npos ? p : p.substr(slash + 1);
  base = base.substr(0, base.find('.'));
  if ((base == "index" || base == "__init__") && slash != std::string_view::npos) {
    p = p.substr(0, slash);
    const auto up = p.rfind('/');
    base = up == std::string_view::npos ? p : p.substr(up + 1);
  }
  return std::string(base);
}

// A JavaScript helper is called from TypeScript and the other way round.
bool same_family(Language a, Language b) {
  const auto script = [](Language l) { return l == Language::javascript || l == Language::typescript; };
  return a == b || (script(a) && script(b));
}

bool names(std::string_view bytes, const std::string& name) {
  return memmem(bytes.data(), bytes.size(), name.data(), name.size()) != nullptr;
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$'; }

// The helper names a file spells as words. With a few names, one memmem each (fast); with
// many (a monorepo of services), one pass over the file's words, whatever their number.
constexpr std::size_t kMemmemNames = 8;

std::unordered_set<std::string_view> named_in(std::string_view bytes, const std::unordered_set<std::string_view>& all) {
  std::unordered_set<std::string_view> out;
  if (all.size() <= kMemmemNames) {
    for (auto n : all)
      if (memmem(bytes.data(), bytes.size(), n.data(), n.size())) out.insert(n);
    return out;
  }
  for (std::size_t i = 0; i < bytes.size();) {
    if (!word_char(bytes[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < bytes.size() && word_char(bytes[j])) ++j;
    if (const auto w = bytes.substr(i, j - i); all.count(w)) out.insert(w);
    i = j;
  }
  return out;
}

bool is_exported_helper(const Finding& f) {
  return !f.exported_helper.empty() && f.category == Category::capability_mint;
}

}  // namespace

void HelperNames::add(const std::vector<Finding>& found) {
  std::vector<Name> fresh;
  for (const auto& f : found)
    if (is_exported_helper(f)) fresh.push_back({f.exported_helper, f.language});
  if (fresh.empty()) return;
  std::lock_guard lock(mu_);
  auto next = std::make_shared<std::vector<Name>>(*names_);
  for (auto& n : fresh)
    if (std::none_of(next->begin(), next->end(),
                     [&](const Name& o) { return o.name == n.name && o.language == n.language; }))
      next->push_back(std::move(n));
  names_ = std::move(next);
}

std::shared_ptr<const std::vector<HelperNames::Name>> HelperNames::names() const {
  std::lock_guard lock(mu_);
  return names_;
}

void HelperNames::check(std::string_view bytes, Language lang, CodeFile& cf) const {
  const auto now = names();
  cf.checked = now->size();
  cf.named = std::any_of(now->begin(), now->end(),
                         [&](const Name& n) { return same_family(lang, n.language) && scan::names(bytes, n.name); });
}

void follow_exported_helpers(const ScanOptions& options, const RuleSet& rules, const std::vector<CodeFile>& files,
                             std::vector<Finding>& findings, const HelperNames* walked) {
  std::vector<Helper> helpers;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (!is_exported_helper(f)) continue;
    for (const auto& r : rules.rules)
      if (r.summary.id == f.rule_id)
        helpers.push_back(
            {i, &r, f.exported_helper, f.exported_memo, f.language, f.path, module_of(f.path, f.language), 0, {}});
  }
  if (helpers.empty()) return;

  io::ReadOptions read_options;
  read_options.max_bytes = options.walk.max_filesize;
  read_options.regular_only = true;
  read_options.non_blocking = true;
  std::unordered_set<std::string_view> helper_names;
  for (const auto& h : helpers) helper_names.insert(h.name);
  const auto looked_for = walked ? walked->names() : std::make_shared<const std::vector<HelperNames::Name>>();
  // Whether a file must be read again: it names a helper, or the name of a helper it could
  // call (`here`: its family's) was not looked for in it during the walk.
  const auto worth_reading = [&](const CodeFile& cf, const std::vector<Helper*>& here) {
    if (!walked || cf.named) return true;
    const auto seen = looked_for->begin() + static_cast<std::ptrdiff_t>(std::min(cf.checked, looked_for->size()));
    return std::any_of(here.begin(), here.end(), [&](const Helper* h) {
      return std::none_of(looked_for->begin(), seen,
                          [&](const HelperNames::Name& n) { return n.name == h->name && n.language == h->language; });
    });
  };
  // In path order, so that what callers add is merged the same way on every run.
  std::vector<const CodeFile*> order;
  order.reserve(files.size());
  for (const auto& cf : files) order.push_back(&cf);
  std::sort(order.begin(), order.end(), [](const CodeFile* a, const CodeFile* b) { return a->path < b->path; });
  std::mutex mu;
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < order.size();) try {
        const CodeFile& cf = *order[i];
        const Language lang = language_for_path(cf.path);
        std::vector<Helper*> here;
        for (auto& h : helpers)
          if (same_family(lang, h.language) && cf.path != h.path) here.push_back(&h);
        if (here.empty() || !worth_reading(cf, here)) continue;
        auto bytes = io::read_file(cf.abs, read_options);
        if (!bytes) continue;  // gone or changed since the scan read it: its callers stay unread
        const auto present = named_in(*bytes, helper_names);
        std::erase_if(here, [&](const Helper* h) {
          return !present.count(h->name) || (!h->module.empty() && !names(*bytes, h->module));
        });
        if (here.empty()) continue;
        const SourceFile file(cf.path, lang, *bytes);
        const Syntax syntax(file);
        const Evaluator eval(syntax);
        std::vector<Finding> unused;
        MatchContext ctx{file, syntax, eval, options.match, unused};
        for (Helper* h : here) {
          CapabilityParameters read;
          const std::size_t n = follow_helper_callers(*h->rule, ctx, h->name, h->memo, read);
          if (n == 0) continue;
          std::lock_guard lock(mu);
          h->call_sites += n;
          h->read.emplace_back(i, std::move(read));
        }
      } catch (const std::exception&) {
        // A matcher bug costs this caller, never the scan: the helper keeps what its file said.
      }
  };
  const unsigned n = options.walk.threads ? options.walk.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  pool.clear();  // joins
  for (auto& h : helpers) {
    // A fresh object per call: only a single call site in the repository is that object.
    if (h.call_sites == 0 || (!h.memo && h.call_sites != 1)) continue;
    Finding& f = findings[h.finding];
    std::sort(h.read.begin(), h.read.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [file, read] : h.read)
      for (auto& [field, p] : read.fields) {
        if (field == "incoming_client_name" && f.capability.fields.count(field))
          f.capability.extra_identity_candidates.push_back(std::move(p));
        else
          f.capability.fields[field] = std::move(p);
      }
    f.mapping = options.match.table->apply(mapping_input_for(*h.rule, f.capability));
  }
}

}  // namespace capmig::scan
