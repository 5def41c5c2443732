#include "analyzer/history/tree_changes.h"

#include <algorithm>
#include <cstring>

#include "analyzer/history/git_handle.h"

namespace capmig::history {
namespace {

constexpr std::uint32_t kTypeBits = 0170000, kDir = 0040000, kLink = 0120000, kGitlink = 0160000;

// One entry of a tree object, pointing into the object's bytes.
struct Entry {
  std::string_view name;
  std::uint32_t mode = 0;  // as git reads it: directory, executable or not, link, submodule
  const unsigned char* id = nullptr;
  bool is_tree() const { return (mode & kTypeBits) == kDir; }
};

// Git writes a few historical spellings of a file's mode (100664, …); they mean the same.
std::uint32_t canonical_mode(std::uint32_t mode) {
  if ((mode & kTypeBits) == kDir) return kDir;
  if (mode & 0111) return 0100755;
  if ((mode & kTypeBits) == kGitlink) return kGitlink;
  if ((mode & kTypeBits) == kLink) return kLink;
  return 0100644;
}

// "<octal mode> <name>\0<20-byte id>", repeated. False on anything else.
bool parse_tree(std::string_view data, std::vector<Entry>& out) {
  std::size_t pos = 0;
  while (pos < data.size()) {
    Entry e;
    std::uint32_t mode = 0;
    std::size_t digits = 0;
    for (; pos < data.size() && data[pos] >= '0' && data[pos] <= '7' && digits < 7; ++pos, ++digits)
      mode = mode * 8 + static_cast<std::uint32_t>(data[pos] - '0');
    if (digits == 0 || pos >= data.size() || data[pos] != ' ') return false;
    const std::size_t name = ++pos;
    const void* nul = std::memchr(data.data() + name, '\0', data.size() - name);
    if (!nul) return false;
    const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(nul) - data.data());
    if (end == name || data.size() - end - 1 < GIT_OID_RAWSZ) return false;
    e.name = data.substr(name, end - name);
    e.mode = canonical_mode(mode);
    e.id = reinterpret_cast<const unsigned char*>(data.data() + end + 1);
    pos = end + 1 + GIT_OID_RAWSZ;
    out.push_back(e);
  }
  return true;
}

// Git's order of a tree's entries: by name, a directory's name as if it ended in '/'.
int git_order(std::string_view a, bool a_tree, std::string_view b, bool b_tree) {
  const std::size_t n = std::min(a.size(), b.size());
  if (const int c = std::memcmp(a.data(), b.data(), n)) return c;
  const auto next = [n](std::string_view s, bool tree) {
    return s.size() > n ? static_cast<unsigned char>(s[n]) : tree ? '/' : 0;
  };
  return static_cast<int>(next(a, a_tree)) - static_cast<int>(next(b, b_tree));
}

// The entry of `entries` called `name`, of either kind, or -1.
long find_name(const std::vector<Entry>& entries, std::string_view name, bool as_tree) {
  const auto it = std::lower_bound(entries.begin(), entries.end(), name, [as_tree](const Entry& e, std::string_view n) {
    return git_order(e.name, e.is_tree(), n, as_tree) < 0;
  });
  if (it == entries.end() || it->name != name) return -1;
  return it - entries.begin();
}

bool leaf(const Entry* e, TreeEntryRef& out) {
  if (!e || e->is_tree()) return false;
  git_oid_fromraw(&out.oid, e->id);
  out.kind = e->mode == kGitlink ? EntryKind::submodule : e->mode == kLink ? EntryKind::symlink : EntryKind::file;
  return true;
}

bool same(const Entry* o, const Entry* n) {
  return o && n && o->mode == n->mode && std::memcmp(o->id, n->id, GIT_OID_RAWSZ) == 0;
}

void compare_entries(ObjectReader& reader, const std::vector<Entry>& olds, const std::vector<Entry>& news,
                     const std::string& prefix, std::vector<TreeChange>& out, std::vector<std::string>& errors);

// A subtree's bytes, kept alive in `hold`; empty when `e` is not a tree or cannot be read.
std::string_view subtree(ObjectReader& reader, const Entry* e, const std::string& path, RawObject& hold,
                         std::vector<std::string>& errors) {
  if (!e || !e->is_tree()) return {};
  git_oid id;
  git_oid_fromraw(&id, e->id);
  if (!reader.read(id, GIT_OBJECT_TREE, hold)) {
    errors.push_back(git_error_text("tree " + oid_hex(id) + " at " + path + " is missing"));
    return {};
  }
  return *hold.data;
}

// One name on both sides (either entry may be null), known to differ.
void compare_entry(ObjectReader& reader, const Entry* o, const Entry* n, const std::string& path,
                   std::vector<TreeChange>& out, std::vector<std::string>& errors) {
  TreeChange c;
  c.path = path;
  c.has_old = leaf(o, c.old_side);
  c.has_new = leaf(n, c.new_side);
  if (c.has_old || c.has_new) out.push_back(c);
  if ((o && o->is_tree()) || (n && n->is_tree())) {
    RawObject old_hold, new_hold;
    const std::string_view ot = subtree(reader, o, path, old_hold, errors);
    const std::string_view nt = subtree(reader, n, path, new_hold, errors);
    compare_trees(reader, ot, nt, path + "/", out, errors);
  }
}

void compare_entries(ObjectReader& reader, const std::vector<Entry>& olds, const std::vector<Entry>& news,
                     const std::string& prefix, std::vector<TreeChange>& out, std::vector<std::string>& errors) {
  std::vector<char> matched(olds.size(), 0);  // has a new entry of the same name
  std::size_t cursor = 0;
  for (const Entry& e : news) {
    // Both sides are in git's order, so the same name of the same kind is found by walking on;
    // the same name of the other kind (a file become a directory) is looked up.
    while (cursor < olds.size() && git_order(olds[cursor].name, olds[cursor].is_tree(), e.name, e.is_tree()) < 0)
      ++cursor;
    long at = -1;
    if (cursor < olds.size() && olds[cursor].name == e.name && olds[cursor].is_tree() == e.is_tree())
      at = static_cast<long>(cursor);
    else
      at = find_name(olds, e.name, !e.is_tree());
    const Entry* o = at >= 0 ? &olds[static_cast<std::size_t>(at)] : nullptr;
    if (o) matched[static_cast<std::size_t>(at)] = 1;
    if (same(o, &e)) continue;  // the same object: nothing below it changed (and no path built)
    compare_entry(reader, o, &e, prefix + std::string(e.name), out, errors);
  }
  for (std::size_t i = 0; i < olds.size(); ++i)
    if (!matched[i]) compare_entry(reader, &olds[i], nullptr, prefix + std::string(olds[i].name), out, errors);
}

}  // namespace

void compare_trees(ObjectReader& reader, std::string_view old_tree, std::string_view new_tree,
                   const std::string& prefix, std::vector<TreeChange>& out, std::vector<std::string>& errors) {
  std::vector<Entry> olds, news;
  // A tree that does not parse is damage: reported, and read as empty.
  if (!parse_tree(old_tree, olds)) {
    errors.push_back("tree at " + (prefix.empty() ? std::string("/") : prefix) + " does not parse");
    olds.clear();
  }
  if (!parse_tree(new_tree, news)) {
    errors.push_back("tree at " + (prefix.empty() ? std::string("/") : prefix) + " does not parse");
    news.clear();
  }
  compare_entries(reader, olds, news, prefix, out, errors);
}

}  // namespace capmig::history
