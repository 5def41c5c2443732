#include "analyzer/scan/report/overview.h"

#include <algorithm>
#include <set>
#include <string_view>

namespace capmig::scan {

Overview make_overview(const ScanReport& report, const fix::FixReport* fixes) {
  Overview o;
  o.files_scanned = report.files_scanned;
  o.errors = report.errors.size();
  constexpr auto kLanguages = static_cast<std::size_t>(Language::text) + 1;
  std::array<std::array<std::uint64_t, 4>, kLanguages> by_language{};
  std::set<std::string_view> files;
  for (const auto& f : report.findings) {
    if (!f.is_new) {
      ++o.baseline;
      continue;
    }
    const auto s = static_cast<std::size_t>(f.severity), c = static_cast<std::size_t>(f.category);
    ++o.findings;
    ++o.by_severity[s];
    ++o.by_category[c];
    ++o.by_category_severity[c][s];
    ++by_language[static_cast<std::size_t>(f.language)][s];
    files.insert(f.path);
    if (f.category == Category::capability_mint) ++o.constructs;
  }
  o.files_with_findings = files.size();
  for (std::size_t i = 0; i < kLanguages; ++i) {
    std::uint64_t total = 0;
    for (auto n : by_language[i]) total += n;
    if (total) o.by_language.emplace_back(static_cast<Language>(i), by_language[i]);
  }
  if (fixes) {
    // Counted over the listed constructs, so the two numbers add up to `constructs`.
    const RewriteIndex index(fixes);
    std::uint64_t rewritten = 0, needs_input = 0;
    for (const auto& f : report.findings) {
      if (!f.is_new || f.category != Category::capability_mint) continue;
      const fix::Rewrite* r = index.find(f);
      if (r && r->status == fix::Status::rewritten) ++rewritten;
      else ++needs_input;  // no rewrite at all: nothing automatic, a person has to look
    }
    o.rewritten = rewritten;
    o.needs_input = needs_input;
  }
  return o;
}

std::string count_of(std::uint64_t n, std::string_view one, std::string_view many) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out + " " + std::string(n == 1 ? one : many);
}

std::vector<const Finding*> listed_findings(const ScanReport& report) {
  std::vector<const Finding*> out;
  out.reserve(report.findings.size());
  for (const auto& f : report.findings)
    if (f.is_new) out.push_back(&f);
  return out;
}

RewriteIndex::RewriteIndex(const fix::FixReport* fixes) {
  if (!fixes) return;
  sorted_.reserve(fixes->rewrites.size());
  for (const auto& r : fixes->rewrites) sorted_.emplace_back(r.finding_id, &r);
  // Stable: when an id repeats, the first rewrite wins.
  std::stable_sort(sorted_.begin(), sorted_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

const fix::Rewrite* RewriteIndex::find(const Finding& f) const {
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(), std::string_view(f.id),
                             [](const auto& entry, std::string_view id) { return entry.first < id; });
  return it != sorted_.end() && it->first == f.id ? it->second : nullptr;
}

}  // namespace capmig::scan
