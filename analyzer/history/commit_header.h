#pragma once
// The few fields of a commit object the history walk needs, read straight from its bytes:
// libgit2's full parse (signatures, message, encoding, every header copied) was a fifth of the
// run on 10,000 commits, and the walk over them cannot be spread over threads.
#include <git2.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace capmig::history {

struct CommitHeader {
  git_oid tree{};
  std::vector<git_oid> parents;
  std::int64_t commit_time = 0;  // the committer's, UNIX seconds
  std::int64_t author_time = 0;
  int author_offset = 0;  // minutes east of UTC
};

// False unless the header is in the plain form git writes (tree, parents, author, committer,
// each line well-formed): the caller then asks libgit2, which knows every old variant.
bool parse_commit_header(std::string_view data, CommitHeader& out);

}  // namespace capmig::history
