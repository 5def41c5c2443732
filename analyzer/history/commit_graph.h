#pragma once
// The commits `scan --history` walks, oldest first: every commit reachable from every ref (or
// from a REV-RANGE), each after all of its parents, ties broken by commit time. Collected by
// hand rather than with git_revwalk, so that a shallow clone's boundary or a missing parent
// costs only that edge, with a note, instead of the whole walk.
#include <git2.h>

#include <cstdint>
#include <string>
#include <vector>

#include "analyzer/core/result.h"
#include "analyzer/history/object_reader.h"

namespace capmig::history {

struct CommitNode {
  git_oid oid{};
  git_oid tree{};
  std::int64_t commit_time = 0;
  std::int64_t author_time = 0;
  int author_offset = 0;
  // The first parent: its index in CommitGraph::nodes, or -1. Merges are compared with their
  // first parent only; what the other parents bring was seen when they were walked.
  int first_parent = -1;
  // Set when the first parent exists but is outside the walk (the far side of A..B): the
  // commit is compared with that parent's tree, whose findings are not this walk's.
  bool parent_outside = false;
  git_oid outside_parent{};
  bool shallow_boundary = false;  // a shallow clone's grafted commit: its parents are absent
};

struct CommitGraph {
  std::vector<CommitNode> nodes;    // topological, oldest first
  std::size_t tips = 0;             // refs (or range ends) the walk started from
  std::vector<std::string> errors;  // missing commits: the walk is incomplete
};

// `range`: empty for every ref and HEAD; "REV" for REV's ancestors; "A..B" for B's ancestors
// that are not A's. An error when the range does not parse or names no commit. Commits are
// read with `reader`, a reader of `repo`.
Result<CommitGraph, std::string> collect_commits(git_repository* repo, ObjectReader& reader, const std::string& range);

}  // namespace capmig::history
