#include "analyzer/core/byte_source.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace capmig::stream {
namespace {
constexpr std::size_t kRawBytes = 256 * 1024;  // compressed bytes read at a time
}

struct ByteSource::State {
  int fd = -1;
  bool own_fd = false;
  bool gzip = false, raw_eof = false, member_done = false, finished = false;
  std::vector<unsigned char> raw;  // gzip: compressed bytes read ahead; plain: the sniffed prefix
  std::size_t raw_pos = 0, raw_len = 0;
  z_stream z{};
  bool z_live = false;

  ~State() {
    if (z_live) inflateEnd(&z);
    if (own_fd && fd >= 0) ::close(fd);
  }

  // Fills raw[raw_len..] from the fd; false on a read error (errno kept).
  bool read_raw() {
    if (raw_pos == raw_len) raw_pos = raw_len = 0;
    while (!raw_eof && raw_len < raw.size()) {
      const ssize_t n = ::read(fd, raw.data() + raw_len, raw.size() - raw_len);
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      if (n == 0) raw_eof = true;
      raw_len += static_cast<std::size_t>(n);
      if (n > 0) break;  // a pipe gives what it has: do not wait for a full buffer
    }
    return true;
  }
};

ByteSource::ByteSource(std::unique_ptr<State> s) : s_(std::move(s)) {}
ByteSource::ByteSource(ByteSource&&) noexcept = default;
ByteSource& ByteSource::operator=(ByteSource&&) noexcept = default;
ByteSource::~ByteSource() = default;
bool ByteSource::gzip() const { return s_->gzip; }

Result<ByteSource, std::string> ByteSource::open(const std::string& path) {
  auto s = std::make_unique<State>();
  if (path == "-") {
    s->fd = STDIN_FILENO;
  } else {
    s->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (s->fd < 0) return Unexpected(std::string("cannot read: ") + std::strerror(errno));
    s->own_fd = true;
    ::posix_fadvise(s->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  }
  s->raw.resize(kRawBytes);
  // Sniff the magic bytes: 1f 8b is gzip whatever the file is called.
  while (s->raw_len < 2 && !s->raw_eof)
    if (!s->read_raw()) return Unexpected(std::string("cannot read: ") + std::strerror(errno));
  if (s->raw_len >= 2 && s->raw[0] == 0x1f && s->raw[1] == 0x8b) {
    s->gzip = true;
    if (inflateInit2(&s->z, 15 + 16) != Z_OK) return Unexpected(std::string("cannot start gzip decoding"));
    s->z_live = true;
  }
  return ByteSource(std::move(s));
}

Result<std::size_t, std::string> ByteSource::read(char* buf, std::size_t cap) {
  State& s = *s_;
  if (s.finished || cap == 0) return std::size_t{0};
  if (!s.gzip) {
    if (s.raw_pos < s.raw_len) {  // the sniffed prefix first
      const std::size_t n = std::min(cap, s.raw_len - s.raw_pos);
      std::memcpy(buf, s.raw.data() + s.raw_pos, n);
      s.raw_pos += n;
      return n;
    }
    for (;;) {
      const ssize_t n = ::read(s.fd, buf, cap);
      if (n >= 0) {
        if (n == 0) s.finished = true;
        return static_cast<std::size_t>(n);
      }
      if (errno != EINTR) return Unexpected(std::string("read error: ") + std::strerror(errno));
    }
  }
  for (;;) {
    if (s.raw_pos == s.raw_len && !s.raw_eof && !s.read_raw())
      return Unexpected(std::string("read error: ") + std::strerror(errno));
    if (s.member_done) {
      // Concatenated members (`cat a.gz b.gz`) are one stream, as gunzip reads them.
      if (s.raw_pos == s.raw_len && s.raw_eof) {
        s.finished = true;
        return std::size_t{0};
      }
      if (s.raw_len - s.raw_pos < 2 && !s.raw_eof) {
        std::memmove(s.raw.data(), s.raw.data() + s.raw_pos, s.raw_len - s.raw_pos);
        s.raw_len -= s.raw_pos;
        s.raw_pos = 0;
        if (!s.read_raw()) return Unexpected(std::string("read error: ") + std::strerror(errno));
        continue;
      }
      if (s.raw_len - s.raw_pos < 2 || s.raw[s.raw_pos] != 0x1f || s.raw[s.raw_pos + 1] != 0x8b) {
        s.finished = true;
        return Unexpected(std::string("gzip: trailing bytes after the compressed data ignored"));
      }
      inflateReset(&s.z);
      s.member_done = false;
    }
    s.z.next_in = s.raw.data() + s.raw_pos;
    s.z.avail_in = static_cast<uInt>(s.raw_len - s.raw_pos);
    s.z.next_out = reinterpret_cast<Bytef*>(buf);
    s.z.avail_out = static_cast<uInt>(std::min<std::size_t>(cap, 1u << 30));
    const int rc = inflate(&s.z, Z_NO_FLUSH);
    s.raw_pos = s.raw_len - s.z.avail_in;
    const std::size_t produced = static_cast<std::size_t>(reinterpret_cast<char*>(s.z.next_out) - buf);
    if (rc == Z_STREAM_END) {
      s.member_done = true;
      if (produced > 0) return produced;
      continue;
    }
    if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_MEM_ERROR) {
      s.finished = true;
      return Unexpected(std::string("gzip: corrupt data (") + (s.z.msg ? s.z.msg : "inflate failed") + ")");
    }
    if (produced > 0) return produced;
    if (s.raw_pos == s.raw_len && s.raw_eof) {
      s.finished = true;
      return Unexpected(std::string("gzip: truncated (the input ends inside the compressed data)"));
    }
  }
}

}  // namespace capmig::stream
