#pragma once
// One thread's reader of git objects by id. Objects in the repository's packs are inflated
// here, in one call each with libdeflate (inflating was the largest part of the run, and
// zlib's stream took a quarter more), with a cache of recent delta bases, so that a tree
// stored as the twentieth delta of a chain costs one delta when its predecessor was just read.
// Everything else (loose objects, alternates, damaged packs, missing objects) goes to the
// thread's libgit2 handle, whose errors are reported unchanged.
#include <git2.h>
#include <libdeflate.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/history/pack_files.h"

namespace capmig::history {

struct RawObject {
  git_object_t type = GIT_OBJECT_INVALID;
  std::shared_ptr<const std::string> data;  // shared with the cache: never written
};

class ObjectReader {
 public:
  ObjectReader(git_repository* repo, const PackFiles& packs);
  ~ObjectReader();
  ObjectReader(const ObjectReader&) = delete;
  ObjectReader& operator=(const ObjectReader&) = delete;

  // False when the object cannot be read (or, with `type`, is not of that type);
  // git_error_last() then says why, in libgit2's words.
  bool read(const git_oid& id, RawObject& out);
  bool read(const git_oid& id, git_object_t type, RawObject& out);
  // The same, but an object larger than `limit` bytes is not inflated: `size` says how large
  // it is and `out.data` stays null. A packed object's size is in its header, a delta's in its
  // own (inflated before any base is read); libgit2 reads the header of any other.
  bool read(const git_oid& id, git_object_t type, std::uint64_t limit, RawObject& out, std::uint64_t& size);
  git_repository* repository() const { return repo_; }

 private:
  struct Cached {
    std::size_t pack = SIZE_MAX;
    std::uint64_t offset = 0;
    RawObject object;
  };
  bool read_packed(const PackEntry& at, RawObject& out, std::uint64_t limit = UINT64_MAX,
                   std::uint64_t* size = nullptr);
  bool inflate_at(std::string_view pack, std::uint64_t pos, std::uint64_t size, std::string& out);
  Cached& slot(const PackEntry& at);
  void remember(const PackEntry& at, const RawObject& object);

  git_repository* repo_;
  const PackFiles& packs_;
  libdeflate_decompressor* inflater_;  // null when it could not be allocated: libgit2 reads all
  std::vector<Cached> cache_;
  std::size_t cached_bytes_ = 0;
};

}  // namespace capmig::history
