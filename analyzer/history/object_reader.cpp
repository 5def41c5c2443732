#include "analyzer/history/object_reader.h"

#include <cstring>

#include "analyzer/history/delta.h"
#include "analyzer/history/git_handle.h"

namespace capmig::history {
namespace {

constexpr std::size_t kSlots = 4096;                  // recent objects, by pack offset
constexpr std::size_t kCacheBytes = 32U << 20;        // per thread
constexpr std::size_t kLargestCached = 4U << 20;      // larger objects are read again
constexpr std::uint64_t kLargestObject = 1ULL << 34;  // a header past this is damage
constexpr std::size_t kLongestChain = 10000;          // a longer one is a loop

enum PackType { kCommit = 1, kTree = 2, kBlob = 3, kTag = 4, kOfsDelta = 6, kRefDelta = 7 };

// An entry's header: its type and inflated size, then the position after it.
bool entry_header(std::string_view pack, std::uint64_t& pos, int& type, std::uint64_t& size) {
  if (pos >= pack.size()) return false;
  auto c = static_cast<unsigned char>(pack[pos++]);
  type = (c >> 4) & 7;
  size = c & 15U;
  for (unsigned shift = 4; c & 0x80U; shift += 7) {
    if (pos >= pack.size() || shift > 57) return false;
    c = static_cast<unsigned char>(pack[pos++]);
    size |= static_cast<std::uint64_t>(c & 0x7fU) << shift;
  }
  return size <= kLargestObject;
}

}  // namespace

ObjectReader::ObjectReader(git_repository* repo, const PackFiles& packs)
    : repo_(repo), packs_(packs), inflater_(libdeflate_alloc_decompressor()) {
  cache_.resize(kSlots);
}

ObjectReader::~ObjectReader() { libdeflate_free_decompressor(inflater_); }

bool ObjectReader::read(const git_oid& id, RawObject& out) {
  if (const auto at = packs_.find(id); at && read_packed(*at, out)) return true;
  // Not in a pack this reader knows, or a pack it could not read: libgit2 reads it or says why.
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo_) != 0) return false;
  git_odb_object* obj = nullptr;
  const int rc = git_odb_read(&obj, raw_odb, &id);
  git_odb_free(raw_odb);
  if (rc != 0) return false;
  out.type = git_odb_object_type(obj);
  out.data =
      std::make_shared<const std::string>(static_cast<const char*>(git_odb_object_data(obj)), git_odb_object_size(obj));
  git_odb_object_free(obj);
  return true;
}

bool ObjectReader::read(const git_oid& id, git_object_t type, RawObject& out) {
  if (!read(id, out)) return false;
  if (out.type == type) return true;
  git_error_set_str(GIT_ERROR_INVALID, "the requested type does not match the type in the ODB");
  return false;
}

bool ObjectReader::read(const git_oid& id, git_object_t type, std::uint64_t limit, RawObject& out,
                        std::uint64_t& size) {
  out = RawObject{};
  size = 0;
  if (const auto at = packs_.find(id); at && read_packed(*at, out, limit, &size)) {
    if (size > limit) out.data.reset();  // found in the cache: the caller still gets no bytes
    if (out.type == type) return true;
    git_error_set_str(GIT_ERROR_INVALID, "the requested type does not match the type in the ODB");
    return false;
  }
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo_) != 0) return false;
  std::size_t len = 0;
  git_object_t header_type = GIT_OBJECT_INVALID;
  const int rc = git_odb_read_header(&len, &header_type, raw_odb, &id);
  git_odb_free(raw_odb);
  if (rc != 0) return false;
  if (len > limit) {
    out.type = header_type;
    size = len;
    if (header_type == type) return true;
    git_error_set_str(GIT_ERROR_INVALID, "the requested type does not match the type in the ODB");
    return false;
  }
  if (!read(id, type, out)) return false;
  size = out.data->size();
  return true;
}

bool ObjectReader::inflate_at(std::string_view pack, std::uint64_t pos, std::uint64_t size, std::string& out) {
  if (!inflater_ || pos >= pack.size()) return false;
  // The stream's length is not stored: it ends where zlib's end marker is, and the inflater
  // stops there. Output larger than the header said is damage.
  // Deflate expands at most about 1032:1: a header claiming more than the rest of the pack
  // could hold is damage, and must not make us allocate it.
  if (size / 1032 > pack.size() - pos) return false;
  out.resize(static_cast<std::size_t>(size));
  std::size_t written = 0;
  const auto rc = libdeflate_zlib_decompress_ex(inflater_, pack.data() + pos, pack.size() - pos, out.data(), out.size(),
                                                nullptr, &written);
  return rc == LIBDEFLATE_SUCCESS && written == size;
}

ObjectReader::Cached& ObjectReader::slot(const PackEntry& at) {
  const std::uint64_t h = (at.offset * 0x9e3779b97f4a7c15ULL) ^ at.pack;
  return cache_[static_cast<std::size_t>(h >> 40) % kSlots];
}

void ObjectReader::remember(const PackEntry& at, const RawObject& object) {
  const std::size_t size = object.data->size();
  if (size > kLargestCached) return;
  if (cached_bytes_ + size > kCacheBytes) {
    // Full: start again rather than track ages; the next reads refill it with what they need.
    for (auto& c : cache_) c = Cached{};
    cached_bytes_ = 0;
  }
  Cached& c = slot(at);
  if (c.object.data) cached_bytes_ -= c.object.data->size();
  c = Cached{at.pack, at.offset, object};
  cached_bytes_ += size;
}

bool ObjectReader::read_packed(const PackEntry& at, RawObject& out, std::uint64_t limit, std::uint64_t* size_out) {
  struct Delta {
    PackEntry entry;
    std::uint64_t data = 0, size = 0;
  };
  std::vector<Delta> chain;  // the object first, then its base, its base's base…
  PackEntry cur = at;
  RawObject base;
  std::string top_delta;        // the object's own delta, when it is one: inflated first for its size
  std::uint64_t too_large = 0;  // the delta's target size when over the limit: only types are read on
  for (;;) {
    if (const Cached& c = slot(cur); c.object.data && c.pack == cur.pack && c.offset == cur.offset) {
      base = c.object;
      break;
    }
    const std::string_view pack = packs_.pack_bytes(cur.pack);
    std::uint64_t pos = cur.offset, size = 0;
    int type = 0;
    if (!entry_header(pack, pos, type, size)) return false;
    const bool whole = type == kCommit || type == kTree || type == kBlob || type == kTag;
    if (whole && (too_large || (chain.empty() && size > limit))) {  // say so without inflating it
      out.type = static_cast<git_object_t>(type);
      out.data.reset();
      if (size_out) *size_out = too_large ? too_large : size;
      return true;
    }
    if (whole) {
      auto data = std::make_shared<std::string>();
      if (!inflate_at(pack, pos, size, *data)) return false;
      base.type = static_cast<git_object_t>(type);
      base.data = std::move(data);
      if (!chain.empty() || type != kBlob) remember(cur, base);
      break;
    }
    PackEntry next{cur.pack, 0};
    if (type == kOfsDelta) {
      // The base's distance back from this entry, in the pack's big-endian varint.
      if (pos >= pack.size()) return false;
      auto c = static_cast<unsigned char>(pack[pos++]);
      std::uint64_t back = c & 0x7fU;
      while (c & 0x80U) {
        if (pos >= pack.size() || back > (UINT64_MAX >> 8)) return false;
        c = static_cast<unsigned char>(pack[pos++]);
        back = ((back + 1) << 7) | (c & 0x7fU);
      }
      if (back == 0 || back > cur.offset) return false;
      next.offset = cur.offset - back;
    } else if (type == kRefDelta) {
      if (pos + GIT_OID_RAWSZ > pack.size()) return false;
      git_oid base_id;
      git_oid_fromraw(&base_id, reinterpret_cast<const unsigned char*>(pack.data() + pos));
      pos += GIT_OID_RAWSZ;
      const auto found = packs_.find(base_id);
      if (!found) return false;
      next = *found;
    } else {
      return false;
    }
    if (chain.empty() && limit != UINT64_MAX) {
      // The object is a delta: its target size heads the delta, so a large one is known
      // before its base chain is read.
      std::uint64_t target = 0;
      if (!inflate_at(pack, pos, size, top_delta) || !delta_target_size(top_delta, target)) return false;
      if (target > limit) too_large = target;  // the chain is still walked, for the type at its end
    }
    chain.push_back({cur, pos, size});
    if (chain.size() > kLongestChain) return false;
    cur = next;
  }
  if (too_large) {  // the chain ended at a cached base: its type is the object's
    out.type = base.type;
    out.data.reset();
    if (size_out) *size_out = too_large;
    return true;
  }
  std::string delta;
  for (auto d = chain.rbegin(); d != chain.rend(); ++d) {
    if (d == chain.rend() - 1 && !top_delta.empty())
      delta.swap(top_delta);  // the last delta applied: inflated already for its size
    else if (!inflate_at(packs_.pack_bytes(d->entry.pack), d->data, d->size, delta))
      return false;
    auto target = std::make_shared<std::string>();
    if (!apply_delta(*base.data, delta, *target)) return false;
    base.data = std::move(target);
    remember(d->entry, base);
  }
  if (size_out) *size_out = base.data->size();
  out = std::move(base);
  return true;
}

}  // namespace capmig::history
