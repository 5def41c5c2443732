#pragma once
// What one commit changed: its tree compared with its parent's entry by entry, by object id,
// never diffing contents. A subtree whose id did not change is skipped whole, so a commit
// costs only the directories it touched.
#include <git2.h>

#include <string>
#include <vector>

namespace capmig::history {

enum class EntryKind { file, symlink, submodule };

struct TreeEntryRef {
  git_oid oid{};
  EntryKind kind = EntryKind::file;
};

// One path whose entry differs. A path present on one side only has `old_side` or `new_side`
// unset (has_old / has_new false).
struct TreeChange {
  std::string path;  // '/'-separated, from the top of the tree
  bool has_old = false, has_new = false;
  TreeEntryRef old_side, new_side;
};

// Appends the changes from `old_tree` to `new_tree` (either may be null: an empty tree).
// Subtrees that cannot be read go to `errors`, and are treated as empty.
void compare_trees(git_repository* repo, const git_tree* old_tree, const git_tree* new_tree, const std::string& prefix,
                   std::vector<TreeChange>& out, std::vector<std::string>& errors);

}  // namespace capmig::history
