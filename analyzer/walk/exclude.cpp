#include "analyzer/walk/exclude.h"

#include <fnmatch.h>

namespace capmig::walk {

namespace {

std::vector<std::string> split(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t slash = s.find('/', start);
    if (slash == std::string_view::npos) slash = s.size();
    if (slash > start) out.emplace_back(s.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// A trailing "**" needs at least one segment ("dir/**" is what is inside dir), except for a
// directory, where matching dir itself prunes exactly the same set of files.
bool match_from(const std::vector<std::string>& pat, std::size_t pi, const std::vector<std::string>& path,
                std::size_t si, bool is_dir) {
  if (pi == pat.size()) return si == path.size();
  if (pat[pi] == "**") {
    if (pi + 1 == pat.size()) return si < path.size() || is_dir;
    for (std::size_t k = si; k <= path.size(); ++k)
      if (match_from(pat, pi + 1, path, k, is_dir)) return true;
    return false;
  }
  if (si == path.size()) return false;
  if (fnmatch(pat[pi].c_str(), path[si].c_str(), 0) != 0) return false;
  return match_from(pat, pi + 1, path, si + 1, is_dir);
}

}  // namespace

ExcludeSet::ExcludeSet(const std::vector<std::string>& globs) {
  for (std::string_view g : globs) {
    Glob glob;
    while (!g.empty() && g.back() == '/') {
      glob.dir_only = true;
      g.remove_suffix(1);
    }
    if (g.empty()) continue;
    // gitignore: a '/' anywhere but the end anchors the glob to the root.
    const bool anchored = g.find('/') != std::string_view::npos;
    while (!g.empty() && g.front() == '/') g.remove_prefix(1);
    if (!anchored) glob.segments.emplace_back("**");
    for (auto& s : split(g)) glob.segments.push_back(std::move(s));
    if (glob.segments.empty()) continue;
    globs_.push_back(std::move(glob));
  }
}

bool ExcludeSet::matches(std::string_view rel, bool is_dir) const {
  if (globs_.empty()) return false;
  const auto path = split(rel);
  for (const auto& g : globs_) {
    if (g.dir_only && !is_dir) continue;
    if (match_from(g.segments, 0, path, 0, is_dir)) return true;
  }
  return false;
}

}  // namespace capmig::walk
