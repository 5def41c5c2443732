#include "analyzer/history/commit_graph.h"

#include <fstream>
#include <queue>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "analyzer/history/commit_header.h"
#include "analyzer/history/git_handle.h"

namespace capmig::history {
namespace {

using OidSet = std::unordered_set<git_oid, OidHash, OidEq>;

// The commits a shallow clone has without their parents ($GIT_DIR/shallow).
OidSet shallow_commits(git_repository* repo) {
  OidSet out;
  if (git_repository_is_shallow(repo) != 1) return out;
  std::ifstream in(std::string(git_repository_path(repo)) + "shallow");
  std::string line;
  git_oid oid;
  while (std::getline(in, line))
    if (line.size() >= GIT_OID_HEXSZ && git_oid_fromstrn(&oid, line.data(), GIT_OID_HEXSZ) == 0) out.insert(oid);
  return out;
}

// Every ref's commit and HEAD's; refs to other objects (a tag of a tree) are not history.
std::vector<git_oid> all_tips(git_repository* repo) {
  std::vector<git_oid> tips;
  git_reference_iterator* raw_it = nullptr;
  if (git_reference_iterator_new(&raw_it, repo) == 0) {
    GitPtr<git_reference_iterator> it(raw_it);
    git_reference* raw_ref = nullptr;
    while (git_reference_next(&raw_ref, it.get()) == 0) {
      GitPtr<git_reference> ref(raw_ref);
      git_object* obj = nullptr;
      if (git_reference_peel(&obj, ref.get(), GIT_OBJECT_COMMIT) != 0) continue;
      tips.push_back(*git_object_id(obj));
      git_object_free(obj);
    }
  }
  git_oid head;
  if (git_reference_name_to_id(&head, repo, "HEAD") == 0) tips.push_back(head);
  return tips;
}

Result<git_oid, std::string> commit_of(const git_object* obj, const std::string& spec) {
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) != 0) return Unexpected(spec + ": names no commit");
  git_oid id = *git_object_id(peeled);
  git_object_free(peeled);
  return id;
}

// One commit's header: from its bytes when they are in the plain form, else libgit2's parse.
// False when the commit cannot be read; git_error_last() says why.
bool read_commit(ObjectReader& reader, const git_oid& id, CommitHeader& out) {
  RawObject raw;
  if (reader.read(id, GIT_OBJECT_COMMIT, raw) && parse_commit_header(*raw.data, out)) return true;
  git_commit* c = nullptr;
  if (git_commit_lookup(&c, reader.repository(), &id) != 0) return false;
  GitPtr<git_commit> commit(c);
  out.tree = *git_commit_tree_id(c);
  out.parents.clear();
  for (unsigned i = 0; i < git_commit_parentcount(c); ++i) out.parents.push_back(*git_commit_parent_id(c, i));
  out.commit_time = git_commit_time(c);
  const git_signature* author = git_commit_author(c);
  out.author_time = author ? author->when.time : out.commit_time;
  out.author_offset = author ? author->when.offset : 0;
  return true;
}

}  // namespace

Result<CommitGraph, std::string> collect_commits(git_repository* repo, ObjectReader& reader, const std::string& range) {
  CommitGraph g;
  std::vector<git_oid> tips;
  std::vector<git_oid> hidden_tips;
  if (range.empty()) {
    tips = all_tips(repo);
  } else {
    git_revspec spec;
    if (git_revparse(&spec, repo, range.c_str()) != 0) return Unexpected(git_error_text("bad revision range " + range));
    GitPtr<git_object> from(spec.from), to(spec.to);
    if (spec.flags & GIT_REVSPEC_MERGE_BASE) return Unexpected(range + ": A...B is not supported; use A..B");
    if (spec.flags & GIT_REVSPEC_RANGE) {
      auto a = commit_of(from.get(), range);
      if (!a) return Unexpected(a.error());
      hidden_tips.push_back(*a);
      if (!to) return Unexpected(range + ": names no commit");
      auto b = commit_of(to.get(), range);
      if (!b) return Unexpected(b.error());
      tips.push_back(*b);
    } else {
      auto a = commit_of(from.get(), range);
      if (!a) return Unexpected(a.error());
      tips.push_back(*a);
    }
  }
  const OidSet shallow = shallow_commits(repo);

  // The far side of A..B: A and its ancestors (as far as they exist).
  OidSet hidden;
  for (std::vector<git_oid> stack = hidden_tips; !stack.empty();) {
    const git_oid id = stack.back();
    stack.pop_back();
    if (!hidden.insert(id).second) continue;
    CommitHeader c;
    if (!read_commit(reader, id, c)) continue;
    if (shallow.count(id)) continue;
    for (const auto& parent : c.parents) stack.push_back(parent);
  }

  struct Pending {
    CommitNode node;
    std::vector<git_oid> parents;
  };
  std::vector<Pending> found;
  std::unordered_map<git_oid, int, OidHash, OidEq> index;
  OidSet seen_tips;
  for (const auto& t : tips)
    if (!hidden.count(t) && seen_tips.insert(t).second) ++g.tips;
  for (std::vector<git_oid> stack = tips; !stack.empty();) {
    const git_oid id = stack.back();
    stack.pop_back();
    if (hidden.count(id) || index.count(id)) continue;
    CommitHeader c;
    if (!read_commit(reader, id, c)) {
      // A parent that is missing without a shallow graft: the repository is damaged.
      index.emplace(id, -1);
      g.errors.push_back(git_error_text("commit " + oid_hex(id) + " is missing"));
      continue;
    }
    Pending p;
    p.node.oid = id;
    p.node.tree = c.tree;
    p.node.commit_time = c.commit_time;
    p.node.author_time = c.author_time;
    p.node.author_offset = c.author_offset;
    p.node.shallow_boundary = shallow.count(id) > 0;
    if (!p.node.shallow_boundary) p.parents = std::move(c.parents);
    if (!p.parents.empty() && hidden.count(p.parents[0])) {
      p.node.parent_outside = true;
      p.node.outside_parent = p.parents[0];
    }
    for (const auto& parent : p.parents) stack.push_back(parent);
    index.emplace(id, static_cast<int>(found.size()));
    found.push_back(std::move(p));
  }

  // Kahn's algorithm: a commit is ready once all its walked parents are placed; of the ready
  // ones the oldest (by commit time) goes first.
  const std::size_t n = found.size();
  std::vector<int> waiting(n, 0);
  std::vector<std::vector<int>> children(n);
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& parent : found[i].parents) {
      const auto it = index.find(parent);
      if (it == index.end() || it->second < 0) continue;
      ++waiting[i];
      children[static_cast<std::size_t>(it->second)].push_back(static_cast<int>(i));
    }
  using Ready = std::tuple<std::int64_t, int>;
  std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i)
    if (waiting[i] == 0) ready.emplace(found[i].node.commit_time, static_cast<int>(i));
  std::vector<int> placed_at(n, -1);
  g.nodes.reserve(n);
  while (!ready.empty()) {
    const int i = std::get<1>(ready.top());
    ready.pop();
    placed_at[static_cast<std::size_t>(i)] = static_cast<int>(g.nodes.size());
    CommitNode node = found[static_cast<std::size_t>(i)].node;
    const auto& parents = found[static_cast<std::size_t>(i)].parents;
    if (!parents.empty()) {
      const auto it = index.find(parents[0]);
      if (it != index.end() && it->second >= 0) node.first_parent = placed_at[static_cast<std::size_t>(it->second)];
    }
    g.nodes.push_back(node);
    for (int child : children[static_cast<std::size_t>(i)])
      if (--waiting[static_cast<std::size_t>(child)] == 0)
        ready.emplace(found[static_cast<std::size_t>(child)].node.commit_time, child);
  }
  return g;
}

}  // namespace capmig::history
