#include "analyzer/report/line_diff.h"

#include <algorithm>
#include <cstdint>

namespace capmig::report {
namespace {

// Past this many cells the middle is shown as all removed, then all added: still a correct
// diff, just not a minimal one.
constexpr std::size_t kMaxCells = 4'000'000;

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    auto eol = s.find('\n');
    std::string_view line = s.substr(0, eol);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    if (eol == std::string_view::npos) break;
    s.remove_prefix(eol + 1);
  }
  return out;
}

}  // namespace

std::vector<DiffLine> line_diff(std::string_view before, std::string_view after) {
  const auto a = split_lines(before), b = split_lines(after);
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
  const std::size_t n = a.size() - head - tail, m = b.size() - head - tail;

  std::vector<DiffLine> out;
  out.reserve(a.size() + b.size());
  for (std::size_t i = 0; i < head; ++i) out.push_back({' ', a[i]});

  std::vector<DiffLine> middle;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxCells) {
    // lcs[i][j]: longest common subsequence of a[head+i..] and b[head+j..].
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;)
      for (std::size_t j = m; j-- > 0;)
        at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        middle.push_back({' ', a[head + i]});
        ++i, ++j;
      } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
        middle.push_back({'-', a[head + i++]});
      } else {
        middle.push_back({'+', b[head + j++]});
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) middle.push_back({'-', a[head + i]});
    for (std::size_t j = 0; j < m; ++j) middle.push_back({'+', b[head + j]});
  }
  // Each run of changed lines reads as "these lines became those": removals first.
  for (auto run = middle.begin(); run != middle.end();) {
    auto end = std::find_if(run, middle.end(), [](const DiffLine& d) { return d.op == ' '; });
    std::stable_partition(run, end, [](const DiffLine& d) { return d.op == '-'; });
    run = end == middle.end() ? end : end + 1;
  }
  out.insert(out.end(), middle.begin(), middle.end());
  for (std::size_t i = a.size() - tail; i < a.size(); ++i) out.push_back({' ', a[i]});
  return out;
}

}  // namespace capmig::report
