#include "analyzer/history/pack_files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>

namespace capmig::history {
namespace {

std::uint32_t be32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return (std::uint32_t{u[0]} << 24) | (std::uint32_t{u[1]} << 16) | (std::uint32_t{u[2]} << 8) | u[3];
}

// An id's first eight bytes as a number: ordered as the ids are, and compared in one step.
std::uint64_t prefix(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

constexpr std::size_t kOid = GIT_OID_RAWSZ;
constexpr std::size_t kFanout = 8 + 256 * 4;  // magic, version, fan-out table

}  // namespace

MappedFile::MappedFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      data_ = static_cast<const char*>(p);
      size_ = static_cast<std::size_t>(st.st_size);
    }
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

PackFiles::PackFiles(git_repository* repo) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir = fs::path(git_repository_commondir(repo)) / "objects" / "pack";
  std::vector<fs::path> indexes;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".idx") indexes.push_back(it->path());
  std::sort(indexes.begin(), indexes.end());  // the same order on every run
  for (const auto& idx : indexes) {
    Pack p;
    p.index = std::make_unique<MappedFile>(idx.string());
    p.pack = std::make_unique<MappedFile>(fs::path(idx).replace_extension(".pack").string());
    const std::string_view i = p.index->bytes(), k = p.pack->bytes();
    // Version 2 indexes only, with a pack that says it holds as many objects: anything else
    // is libgit2's to read (or to report).
    if (i.size() < kFanout + 2 * kOid || std::memcmp(i.data(), "\377tOc", 4) != 0 || be32(i.data() + 4) != 2) continue;
    p.count = be32(i.data() + kFanout - 4);
    if (i.size() < kFanout + std::size_t{p.count} * (kOid + 8) + 2 * kOid) continue;
    if (k.size() < 12 + kOid || std::memcmp(k.data(), "PACK", 4) != 0 || be32(k.data() + 8) != p.count) continue;
    packs_.push_back(std::move(p));
  }
}

std::optional<PackEntry> PackFiles::find(const git_oid& id) const {
  for (std::size_t n = 0; n < packs_.size(); ++n) {
    const Pack& p = packs_[n];
    const char* idx = p.index->bytes().data();
    const unsigned first = id.id[0];
    std::uint32_t lo = first ? be32(idx + 8 + (first - 1) * 4) : 0;
    std::uint32_t hi = be32(idx + 8 + first * 4);
    if (hi > p.count || lo > hi) continue;
    const char* oids = idx + kFanout;
    const std::uint64_t want = prefix(id.id);
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      const auto* entry = reinterpret_cast<const unsigned char*>(oids + std::size_t{mid} * kOid);
      const std::uint64_t have = prefix(entry);
      const int c = have != want ? (have < want ? -1 : 1) : std::memcmp(entry, id.id, kOid);
      if (c == 0) {
        const char* offsets = oids + std::size_t{p.count} * (kOid + 4);
        std::uint64_t off = be32(offsets + std::size_t{mid} * 4);
        if (off & 0x80000000U) {
          // A pack over 2 GiB: the entry indexes the table of 64-bit offsets.
          const std::size_t at = std::size_t{p.count} * 4 + (off & 0x7fffffffU) * 8;
          const std::string_view all = p.index->bytes();
          if (offsets + at + 8 > all.data() + all.size() - 2 * kOid) return std::nullopt;
          off = (std::uint64_t{be32(offsets + at)} << 32) | be32(offsets + at + 4);
        }
        return PackEntry{n, off};
      }
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  }
  return std::nullopt;
}

}  // namespace capmig::history
