#include "analyzer/core/file_io.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace capmig::io {
namespace {

Unexpected<ReadError> failed(ReadStep step, int err, std::string partial = {}) {
  return Unexpected(ReadError{step, err, std::move(partial)});
}

}  // namespace

std::string ReadError::message() const {
  switch (step) {
    case ReadStep::not_regular:
      return "is not a regular file";
    case ReadStep::too_large:
      return "is too large";
    default:
      return std::generic_category().message(err);
  }
}

Result<std::string, ReadError> read_file(const std::string& path, const ReadOptions& options) {
  // regular_only opens with O_NONBLOCK too, so that a FIFO is refused, not waited on; a regular
  // file's reads ignore the flag.
  const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (options.no_follow ? O_NOFOLLOW : 0) |
                    (options.non_blocking || options.regular_only ? O_NONBLOCK : 0);
  int raw = -1;
  do raw = ::openat(options.dir_fd, path.c_str(), flags);
  while (raw < 0 && errno == EINTR);
  if (raw < 0) return failed(ReadStep::open, errno);
  const Fd fd(raw);

  std::size_t expected = 0;
  struct stat st {};
  if (options.regular_only || options.max_bytes != std::numeric_limits<std::size_t>::max()) {
    if (::fstat(fd.get(), &st) != 0) return failed(ReadStep::stat, errno);
    if (options.regular_only && !S_ISREG(st.st_mode)) return failed(ReadStep::not_regular, 0);
    if (S_ISREG(st.st_mode)) {
      if (static_cast<std::uint64_t>(st.st_size) > options.max_bytes) return failed(ReadStep::too_large, 0);
      expected = static_cast<std::size_t>(st.st_size);
    }
  }

  std::string out;
  out.reserve(expected);
  char buf[1 << 16];
  for (;;) {
    // At most one byte beyond the limit: enough to tell that the file is larger.
    const std::size_t room = options.max_bytes - out.size();
    const std::size_t want = room < sizeof buf ? room + 1 : sizeof buf;
    const ssize_t n = ::read(fd.get(), buf, want);
    if (n < 0) {
      if (errno == EINTR) continue;
      return failed(ReadStep::read, errno, std::move(out));
    }
    if (n == 0) return out;
    if (static_cast<std::size_t>(n) > room) return failed(ReadStep::too_large, 0);
    out.append(buf, static_cast<std::size_t>(n));
  }
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace capmig::io
