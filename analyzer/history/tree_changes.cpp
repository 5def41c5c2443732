#include "analyzer/history/tree_changes.h"

#include "analyzer/history/git_handle.h"

namespace capmig::history {
namespace {

bool is_tree(const git_tree_entry* e) { return e && git_tree_entry_type(e) == GIT_OBJECT_TREE; }

bool leaf(const git_tree_entry* e, TreeEntryRef& out) {
  if (!e || is_tree(e)) return false;
  out.oid = *git_tree_entry_id(e);
  const git_filemode_t mode = git_tree_entry_filemode(e);
  out.kind = mode == GIT_FILEMODE_COMMIT ? EntryKind::submodule
             : mode == GIT_FILEMODE_LINK ? EntryKind::symlink
                                         : EntryKind::file;
  return true;
}

GitPtr<git_tree> subtree(git_repository* repo, const git_tree_entry* e, const std::string& path,
                         std::vector<std::string>& errors) {
  if (!is_tree(e)) return nullptr;
  git_tree* t = nullptr;
  if (git_tree_lookup(&t, repo, git_tree_entry_id(e)) != 0) {
    errors.push_back(git_error_text("tree " + oid_hex(*git_tree_entry_id(e)) + " at " + path + " is missing"));
    return nullptr;
  }
  return GitPtr<git_tree>(t);
}

bool same(const git_tree_entry* o, const git_tree_entry* n) {
  return o && n && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(n)) &&
         git_tree_entry_filemode(o) == git_tree_entry_filemode(n);
}

// One name on both sides (either entry may be null), known to differ.
void compare_entry(git_repository* repo, const git_tree_entry* o, const git_tree_entry* n, const std::string& path,
                   std::vector<TreeChange>& out, std::vector<std::string>& errors) {
  TreeChange c;
  c.path = path;
  c.has_old = leaf(o, c.old_side);
  c.has_new = leaf(n, c.new_side);
  if (c.has_old || c.has_new) out.push_back(c);
  if (is_tree(o) || is_tree(n)) {
    const auto ot = subtree(repo, o, path, errors);
    const auto nt = subtree(repo, n, path, errors);
    compare_trees(repo, ot.get(), nt.get(), path + "/", out, errors);
  }
}

}  // namespace

void compare_trees(git_repository* repo, const git_tree* old_tree, const git_tree* new_tree, const std::string& prefix,
                   std::vector<TreeChange>& out, std::vector<std::string>& errors) {
  if (new_tree) {
    for (std::size_t i = 0, n = git_tree_entrycount(new_tree); i < n; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(new_tree, i);
      const char* name = git_tree_entry_name(e);
      const git_tree_entry* o = old_tree ? git_tree_entry_byname(old_tree, name) : nullptr;
      if (same(o, e)) continue;  // the same object: nothing below it changed (and no path built)
      compare_entry(repo, o, e, prefix + name, out, errors);
    }
  }
  if (old_tree) {
    for (std::size_t i = 0, n = git_tree_entrycount(old_tree); i < n; ++i) {
      const git_tree_entry* e = git_tree_entry_byindex(old_tree, i);
      const char* name = git_tree_entry_name(e);
      if (new_tree && git_tree_entry_byname(new_tree, name)) continue;  // compared above
      compare_entry(repo, e, nullptr, prefix + name, out, errors);
    }
  }
}

}  // namespace capmig::history
