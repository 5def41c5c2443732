#pragma once
// --exclude GLOB: .gitignore pattern syntax (gitignore(5)), each path segment matched by
// fnmatch(3) so '*', '?' and '[...]' never cross a '/', and a whole "**" segment spans any
// number of directories. Negation ('!') is not supported: excludes only ever remove paths.
#include <string>
#include <string_view>
#include <vector>

namespace capmig::walk {

class ExcludeSet {
 public:
  ExcludeSet() = default;
  explicit ExcludeSet(const std::vector<std::string>& globs);

  bool empty() const { return globs_.empty(); }

  // rel: '/'-separated path relative to the walk root. Matches this one entry; the walker
  // prunes a matched directory, which is what excludes everything below it.
  bool matches(std::string_view rel, bool is_dir) const;

 private:
  struct Glob {
    std::vector<std::string> segments;  // an unanchored glob starts with "**"
    bool dir_only = false;              // written with a trailing '/'
  };
  std::vector<Glob> globs_;
};

}  // namespace capmig::walk
