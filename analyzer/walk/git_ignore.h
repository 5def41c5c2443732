#pragma once
// .gitignore decisions delegated to libgit2, so nested .gitignore files, negation,
// directory-only patterns, .git/info/exclude and core.excludesFile behave exactly as in git.
//
// One libgit2 defect is worked around: git_ignore_path_is_ignored (1.5) consults nested
// .gitignore files shallowest first, so "*.log" at the top beats "!keep.log" in a
// subdirectory. When a path has two or more .gitignore files above it, their rules are
// rebased onto the work tree and installed as the handle's internal rules, which libgit2
// checks first and in order (last match wins), restoring git's deepest-file-wins precedence.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/core/result.h"

struct git_repository;

namespace capmig::walk {

// Keeps libgit2 initialised for its lifetime (reference counted inside libgit2).
class LibGit2Session {
 public:
  LibGit2Session();
  ~LibGit2Session();
  LibGit2Session(const LibGit2Session&) = delete;
  LibGit2Session& operator=(const LibGit2Session&) = delete;
};

// The work tree (with a trailing /) containing dir, an existing directory; empty when
// dir is not inside a non-bare git repository.
std::string find_git_workdir(const std::string& dir);

// What names a set of ignore rules could match, to spare libgit2 the rest: asking it costs
// a stat of every .gitignore above the path, nine system calls per file on a deep tree. A
// pattern can only match a name that holds every literal piece of its last component
// ("*.min.js": ".min.js"; "build/": a directory holding "build"); negations only re-include.
// Conservative: case is ignored, and a pattern such as "*" or "dir/**" may match any name.
struct IgnoreScreen {
  struct Pattern {
    std::vector<std::string> pieces;  // lower-cased
    bool dir_only = false;
  };
  std::vector<Pattern> patterns;
  bool any_file = false, any_dir = false;
  void add(std::string_view gitignore_text);
  void add(const IgnoreScreen& other);
  bool may_match(std::string_view name, bool is_dir) const;
};

// The .gitignore files from the work tree down to one directory.
struct GitIgnoreChain {
  int files = 0;
  std::string rules;  // each file's rules rebased onto the work tree, shallowest first
  IgnoreScreen screen;
};

// Appends one .gitignore's text, found in the work tree directory dir_prefix ("" or "a/b/").
std::shared_ptr<const GitIgnoreChain> extend_chain(const std::shared_ptr<const GitIgnoreChain>& chain,
                                                   std::string_view gitignore_text, std::string_view dir_prefix);

// A .gitignore's rules rewritten as if written in the work tree's top-level .gitignore.
std::string rebase_gitignore(std::string_view text, std::string_view dir_prefix);

// One per thread: a libgit2 repository handle must not be used by two threads at once, so
// each thread opens its own handles, keyed by an id the walker gives each work tree.
class GitIgnoreChecker {
 public:
  GitIgnoreChecker() = default;
  ~GitIgnoreChecker();
  GitIgnoreChecker(const GitIgnoreChecker&) = delete;
  GitIgnoreChecker& operator=(const GitIgnoreChecker&) = delete;

  // Opens (once) the repository whose work tree is workdir; false if it is not one.
  Result<bool, std::string> open(int repo_id, const std::string& workdir);

  // rel: path relative to the work tree, '/'-separated.
  Result<bool, std::string> is_ignored(int repo_id, const std::string& workdir,
                                       const std::shared_ptr<const GitIgnoreChain>& chain, const std::string& rel,
                                       bool is_dir);

 private:
  struct Handle {
    git_repository* repo = nullptr;
    std::shared_ptr<const GitIgnoreChain> installed;  // as internal rules; null: none
    // .git/info/exclude and core.excludesFile; unset when they could not be read (then
    // every path goes to libgit2).
    std::optional<IgnoreScreen> screen;
  };
  std::unordered_map<int, Handle> repos_;
};

}  // namespace capmig::walk
