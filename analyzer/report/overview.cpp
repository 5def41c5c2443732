#include "analyzer/report/overview.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

namespace capmig::report {

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
    std::map<std::string, std::uint64_t> reasons;
    for (const auto& f : report.findings) {
      if (!f.is_new || f.category != Category::capability_mint) continue;
      const fix::Rewrite* r = index.find(f);
      if (r && r->status == fix::Status::rewritten) {
        ++rewritten;
      } else {
        ++needs_input;  // no rewrite at all: nothing automatic, a person has to look
        ++reasons[r && !r->reason_code.empty() ? r->reason_code : "not-planned"];
      }
    }
    o.rewritten = rewritten;
    o.needs_input = needs_input;
    o.needs_input_reasons.assign(reasons.begin(), reasons.end());
    std::stable_sort(o.needs_input_reasons.begin(), o.needs_input_reasons.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    o.delivery = fixes->delivery;
  }
  return o;
}

std::vector<WorkItem> remaining_work(const Overview& o) {
  std::vector<WorkItem> out;
  auto pick = [](std::uint64_t n, const char* one, const char* many) { return std::string(n == 1 ? one : many); };
  if (!o.rewritten && o.constructs) {  // no rewrites planned: the split is unknown
    out.push_back({o.constructs,
                   pick(o.constructs, "capability construct mints tokens", "capability constructs mint tokens"),
                   "run `capmig fix` to migrate them", ""});
  }
  const std::uint64_t automatic = o.rewritten.value_or(0), by_hand = o.needs_input.value_or(0);
  const std::string constructs = pick(automatic, "capability construct", "capability constructs");
  if (automatic) {
    switch (o.delivery) {
      case fix::Delivery::applied:
        out.push_back({automatic, constructs + " migrated by `capmig fix --apply`",
                       "review the rewritten files and deploy the API key", ""});
        break;
      case fix::Delivery::patch:
        out.push_back({automatic, constructs + " the patch migrates (not applied yet)",
                       "review the patch, then `git apply` it or rerun with `--apply`", ""});
        break;
      case fix::Delivery::plan:
        out.push_back({automatic, constructs + " `capmig fix` migrates automatically",
                       "run `capmig fix` and review its patch", ""});
        break;
    }
  }
  if (by_hand) {
    std::string detail;
    for (const auto& [code, n] : o.needs_input_reasons)
      detail += (detail.empty() ? "" : ", ") + std::to_string(n) + " " + code;
    out.push_back({by_hand, pick(by_hand, "capability construct needs a person", "capability constructs need a person"),
                   "migrate by hand; `capmig fix` says why for each", detail});
  }
  if (const auto n = o.client_sdk())
    out.push_back({n,
                   pick(n, "client-SDK use that only takes capability tokens",
                        "client-SDK uses that only take capability tokens"),
                   "move each client to the Voice SDK with an Access Token", ""});
  if (const auto n = o.secrets())
    out.push_back({n, pick(n, "hard-coded secret", "hard-coded secrets"),
                   "rotate each auth token or API key in the Twilio Console, then read it from the environment", ""});
  if (const auto n = o.embedded_tokens())
    out.push_back({n, pick(n, "token written into a file", "tokens written into files"),
                   "remove each; a capability token is signed with a live auth token", ""});
  return out;
}

std::string with_commas(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string count_of(std::uint64_t n, std::string_view one, std::string_view many) {
  return with_commas(n) + " " + std::string(n == 1 ? one : many);
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

}  // namespace capmig::report
