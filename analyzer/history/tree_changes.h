#pragma once
// What one commit changed: its tree compared with its parent's entry by entry, by object id,
// never diffing contents. A subtree whose id did not change is skipped whole, so a commit
// costs only the directories it touched.
#include <git2.h>

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/history/object_reader.h"

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

// Appends the changes from `old_tree` to `new_tree`, each a tree object's bytes (empty: the
// empty tree). Subtrees are read with `reader`; those that cannot be read go to `errors`, and
// are treated as empty, as is a tree whose entries do not parse.
void compare_trees(ObjectReader& reader, std::string_view old_tree, std::string_view new_tree,
                   const std::string& prefix, std::vector<TreeChange>& out, std::vector<std::string>& errors);

}  // namespace capmig::history
