#pragma once
// The repository's pack files, mapped read-only and searched through their .idx (version 2),
// so that many threads can find an object's bytes without libgit2's locks and caches. Only
// what these packs hold is found here; loose objects, alternates and packs this reader does
// not understand are left to libgit2.
#include <git2.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace capmig::history {

// A read-only mapping of a whole file, unmapped when destroyed.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

struct PackEntry {
  std::size_t pack = 0;      // index into PackFiles::packs
  std::uint64_t offset = 0;  // of the entry's header in the .pack
};

class PackFiles {
 public:
  // Every usable objects/pack/*.idx of the repository; none when the directory cannot be read.
  explicit PackFiles(git_repository* repo);

  std::optional<PackEntry> find(const git_oid& id) const;
  // The bytes of pack `i`, from its signature to its trailing checksum.
  std::string_view pack_bytes(std::size_t i) const { return packs_[i].pack->bytes(); }

 private:
  struct Pack {
    std::unique_ptr<MappedFile> index, pack;
    std::uint32_t count = 0;
  };
  std::vector<Pack> packs_;
};

}  // namespace capmig::history
