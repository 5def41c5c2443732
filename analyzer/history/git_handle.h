#pragma once
// libgit2 handles that free themselves, and a git_oid usable as a hash-map key: the history
// stage holds many objects at once and must not leak one on an early return.
#include <git2.h>

#include <cstring>
#include <memory>
#include <string>

namespace capmig::history {

struct GitFree {
  void operator()(git_repository* p) const { git_repository_free(p); }
  void operator()(git_commit* p) const { git_commit_free(p); }
  void operator()(git_tree* p) const { git_tree_free(p); }
  void operator()(git_blob* p) const { git_blob_free(p); }
  void operator()(git_object* p) const { git_object_free(p); }
  void operator()(git_reference* p) const { git_reference_free(p); }
  void operator()(git_reference_iterator* p) const { git_reference_iterator_free(p); }
};
template <class T>
using GitPtr = std::unique_ptr<T, GitFree>;

struct OidHash {
  std::size_t operator()(const git_oid& o) const {
    std::size_t h = 0;
    std::memcpy(&h, o.id, sizeof h);  // already uniformly distributed: a hash's prefix
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b) != 0; }
};

inline std::string oid_hex(const git_oid& o) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, &o);
  return buf;
}

// libgit2's last error, after `what`.
inline std::string git_error_text(const std::string& what) {
  const git_error* e = git_error_last();
  return what + ": " + (e && e->message ? e->message : "unknown libgit2 error");
}

}  // namespace capmig::history
