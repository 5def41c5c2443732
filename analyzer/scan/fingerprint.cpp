#include "analyzer/scan/fingerprint.h"

#include "analyzer/core/sha256.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace capmig::scan {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Each field is length-prefixed so that no two different inputs hash the same bytes
// ("a" + "bc" vs "ab" + "c").
void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}

}  // namespace

std::string normalize_snippet(std::string_view snippet) {
  std::string out;
  out.reserve(snippet.size());
  for (char c : snippet)
    if (!is_space(c)) out += c;
  return out;
}

std::string fingerprint(std::string_view rule_id, std::string_view path, std::string_view normalized_snippet,
                        std::size_t occurrence) {
  std::string data;
  append_field(data, kFingerprintPrefix);
  append_field(data, rule_id);
  append_field(data, path);
  append_field(data, normalized_snippet);
  append_field(data, std::to_string(occurrence));
  return std::string(kFingerprintPrefix) + sha256_hex(data).substr(0, 20);
}

void assign_ids(std::vector<Finding>& findings) {
  std::vector<std::string> normalized;
  normalized.reserve(findings.size());
  for (const auto& f : findings) normalized.push_back(normalize_snippet(f.snippet));

  // Group identical (rule, path, snippet) and order each group by position in the file;
  // the full key makes the order, and so the ids, independent of the input order.
  std::vector<std::size_t> order(findings.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) {
    const Finding& f = findings[i];
    const Location& l = f.location;
    return std::tie(f.path, f.rule_id, normalized[i], l.begin_offset, l.line, l.column, l.end_offset);
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });

  std::size_t occurrence = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    if (k > 0) {
      const Finding& prev = findings[order[k - 1]];
      const bool same = prev.path == findings[i].path && prev.rule_id == findings[i].rule_id &&
                        normalized[order[k - 1]] == normalized[i];
      occurrence = same ? occurrence + 1 : 0;
    }
    findings[i].id = fingerprint(findings[i].rule_id, findings[i].path, normalized[i], occurrence);
  }
}

}  // namespace capmig::scan
