#pragma once
// The summary the Markdown and HTML reports open with: what was scanned, the new findings by
// category, severity and language, and how many capability-mint constructs `fix` migrates
// automatically or leaves for a person. Baseline findings are counted, not listed (as in text).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/fix/model.h"
#include "analyzer/report/scan_model.h"

namespace capmig::report {

inline constexpr std::array<Severity, 4> kSeverityOrder{Severity::high, Severity::medium, Severity::low,
                                                        Severity::info};
inline constexpr std::array<Category, 4> kCategoryOrder{Category::capability_mint, Category::capability_client,
                                                        Category::embedded_token, Category::hardcoded_secret};

struct Overview {
  std::uint64_t files_scanned = 0;
  std::uint64_t files_with_findings = 0;  // new findings only
  std::uint64_t findings = 0;             // new findings
  std::uint64_t baseline = 0;             // findings recorded in --baseline (not listed)
  std::uint64_t errors = 0;
  std::array<std::uint64_t, 4> by_severity{};  // indexed by Severity
  std::array<std::uint64_t, 4> by_category{};  // indexed by Category
  // category x severity, for the summary matrix
  std::array<std::array<std::uint64_t, 4>, 4> by_category_severity{};
  // Languages present, in the enum's order; each with its counts by severity.
  std::vector<std::pair<Language, std::array<std::uint64_t, 4>>> by_language;
  std::uint64_t constructs = 0;  // new capability-mint findings: what `fix` rewrites
  // From a FixReport; nullopt when no rewrites were planned.
  std::optional<std::uint64_t> rewritten, needs_input;
  // Needs-input constructs by Rewrite::reason_code, most frequent first.
  std::vector<std::pair<std::string, std::uint64_t>> needs_input_reasons;
  fix::Delivery delivery = fix::Delivery::plan;
  std::uint64_t client_sdk() const { return by_category[static_cast<std::size_t>(Category::capability_client)]; }
  std::uint64_t secrets() const { return by_category[static_cast<std::size_t>(Category::hardcoded_secret)]; }
  std::uint64_t embedded_tokens() const { return by_category[static_cast<std::size_t>(Category::embedded_token)]; }
};

Overview make_overview(const ScanReport& report, const fix::FixReport* fixes);

// The remaining work, one line each, in the user's words: what `fix` migrates, what needs a
// person (with the reason codes tallied), client-SDK uses, secrets to rotate. Empty when there
// is nothing left. Text, Markdown and HTML render these same lines.
struct WorkItem {
  std::uint64_t count = 0;
  std::string what;    // "capability constructs migrate automatically"
  std::string action;  // "review and apply `capmig fix`'s patch"
  std::string detail;  // "6 identity-missing, 3 hand-rolled…" (may be empty)
};
std::vector<WorkItem> remaining_work(const Overview& o);

// "10,000": a count with thousands separators.
std::string with_commas(std::uint64_t n);
// "10,000 findings": a count with thousands separators and the noun in the right number.
std::string count_of(std::uint64_t n, std::string_view one, std::string_view many);

// Findings a report lists: the new ones, in report order.
std::vector<const Finding*> listed_findings(const ScanReport& report);

// The rewrite `fix` made (or refused) for a finding, looked up by finding id (binary search over the ids).
class RewriteIndex {
 public:
  explicit RewriteIndex(const fix::FixReport* fixes);
  const fix::Rewrite* find(const Finding& f) const;

 private:
  std::vector<std::pair<std::string_view, const fix::Rewrite*>> sorted_;
};

}  // namespace capmig::report
