#include "analyzer/scan/prefilter.h"

#include <hs/hs.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <stdexcept>

#include "analyzer/scan/rules/rule.h"
#include "analyzer/scan/scanner.h"

namespace capmig::scan {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool contains(std::string_view hay, std::string_view needle, bool caseless) {
  if (needle.empty() || hay.size() < needle.size()) return false;
  if (!caseless) return memmem(hay.data(), hay.size(), needle.data(), needle.size()) != nullptr;
  return std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return lower(a) == lower(b); }) != hay.end();
}

// One scratch space per thread, grown by hs_alloc_scratch to fit every database it meets.
struct Scratch {
  hs_scratch_t* space = nullptr;
  std::uint64_t grown_for = 0;  // the serial of the database it last grew for
  ~Scratch() { hs_free_scratch(space); }
};

std::atomic<std::uint64_t> next_serial{1};

int on_match(unsigned id, unsigned long long /*from*/, unsigned long long /*to*/, unsigned /*flags*/, void* ctx) {
  (*static_cast<Prefilter::Present*>(ctx))[id] = 1;
  return 0;
}

}  // namespace

unsigned Prefilter::literal_id(const std::string& text, bool caseless) {
  for (unsigned i = 0; i < literals_.size(); ++i)
    if (literals_[i].caseless == caseless && literals_[i].text == text) return i;
  literals_.push_back({text, caseless});
  return static_cast<unsigned>(literals_.size() - 1);
}

Prefilter::Prefilter(const std::vector<Rule>& rules)
    : rules_(rules.size()), by_language_(static_cast<std::size_t>(lang::Language::text) + 1) {
  for (std::size_t r = 0; r < rules.size(); ++r) {
    const Rule& rule = rules[r];
    // An empty literal never matches (as memmem of "" was taken before): it cannot satisfy a
    // keyword or file_requires list, nor exclude a file.
    auto add = [&](const std::vector<std::string>& words, bool caseless, std::vector<unsigned>& into, bool& any_empty) {
      for (const auto& w : words) {
        if (w.empty()) {
          any_empty = true;
          continue;
        }
        into.push_back(literal_id(w, caseless));
      }
    };
    bool empty_keyword = false, empty_require = false, empty_exclude = false;
    add(rule.keywords, false, rules_[r].keywords, empty_keyword);
    add(rule.file_requires, true, rules_[r].required, empty_require);
    add(rule.file_excludes, true, rules_[r].excludes, empty_exclude);
    // A list of only empty literals can never be satisfied: keep it non-empty and unmatchable.
    const auto never = static_cast<unsigned>(-1);
    if (rules_[r].keywords.empty() && empty_keyword) rules_[r].keywords.push_back(never);
    if (rules_[r].required.empty() && empty_require) rules_[r].required.push_back(never);
    if (!rule_runs_on_files(rule)) continue;
    for (const auto l : rule.summary.languages) by_language_[static_cast<std::size_t>(l)].push_back(r);
  }
  for (const auto& l : literals_) longest_ = std::max(longest_, l.text.size());
  if (literals_.empty() || hs_valid_platform() != HS_SUCCESS) return;  // find() falls back to find_slowly()
  std::vector<const char*> exprs;
  std::vector<std::size_t> lens;
  std::vector<unsigned> flags, ids;
  for (unsigned i = 0; i < literals_.size(); ++i) {
    exprs.push_back(literals_[i].text.data());
    lens.push_back(literals_[i].text.size());
    flags.push_back(HS_FLAG_SINGLEMATCH | (literals_[i].caseless ? HS_FLAG_CASELESS : 0));
    ids.push_back(i);
  }
  hs_compile_error_t* error = nullptr;
  if (hs_compile_lit_multi(exprs.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(exprs.size()),
                           HS_MODE_BLOCK, nullptr, &db_, &error) != HS_SUCCESS) {
    const std::string message = error && error->message ? error->message : "unknown error";
    hs_free_compile_error(error);
    throw std::runtime_error("prefilter: cannot compile the rules' keywords: " + message);
  }
  serial_ = next_serial.fetch_add(1);
}

Prefilter::~Prefilter() { hs_free_database(db_); }

void Prefilter::find(std::string_view bytes, Present& present) const {
  present.assign(literals_.size(), 0);
  if (!db_) return find_slowly(bytes, present);
  thread_local Scratch scratch;
  if (scratch.grown_for != serial_) {
    if (hs_alloc_scratch(db_, &scratch.space) != HS_SUCCESS) throw std::runtime_error("prefilter: out of memory");
    scratch.grown_for = serial_;
  }
  // Hyperscan takes an unsigned length: a larger buffer is read in overlapping pieces.
  constexpr std::size_t kPiece = std::size_t{1} << 30;
  for (std::size_t at = 0; at < bytes.size() || at == 0; at += kPiece) {
    const std::string_view piece = bytes.substr(at, kPiece + longest_);
    if (hs_scan(db_, piece.data(), static_cast<unsigned>(piece.size()), 0, scratch.space, on_match, &present) !=
        HS_SUCCESS)
      throw std::runtime_error("prefilter: scan failed");
    if (piece.size() < kPiece + longest_) break;
  }
}

void Prefilter::find_slowly(std::string_view bytes, Present& present) const {
  present.assign(literals_.size(), 0);
  for (std::size_t i = 0; i < literals_.size(); ++i)
    present[i] = contains(bytes, literals_[i].text, literals_[i].caseless) ? 1 : 0;
}

bool Prefilter::passes(std::size_t rule, const Present& present) const {
  const RuleLiterals& r = rules_[rule];
  auto seen = [&](unsigned id) { return id < present.size() && present[id]; };
  if (!r.keywords.empty() && std::none_of(r.keywords.begin(), r.keywords.end(), seen)) return false;
  if (!r.required.empty() && std::none_of(r.required.begin(), r.required.end(), seen)) return false;
  return std::none_of(r.excludes.begin(), r.excludes.end(), seen);
}

const std::vector<std::size_t>& Prefilter::candidates(lang::Language lang) const {
  return by_language_[static_cast<std::size_t>(lang)];
}

}  // namespace capmig::scan
