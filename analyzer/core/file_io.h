#pragma once
// Files in one place: reading a whole file, and whole-buffer reads and writes on descriptors,
// each retrying short transfers and EINTR (what the atomic writers — baselines, `fix --apply`
// — build on).
#include <fcntl.h>
#include <unistd.h>

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "analyzer/core/result.h"

namespace capmig::io {

// Owns a raw descriptor: closed when it goes out of scope, unless released.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

struct ReadOptions {
  // More than this many bytes is an error (ReadStep::too_large), told by the size before
  // reading when the file has one and by the bytes read when it grows or is a pipe.
  std::size_t max_bytes = std::numeric_limits<std::size_t>::max();
  // Refuses a directory, FIFO, socket or device (ReadStep::not_regular) before reading; the
  // open does not block on a FIFO. Off, such a file is read like any other (a FIFO such as
  // `--auth-token-file <(…)` to its end; a directory fails to read with EISDIR).
  bool regular_only = false;
  bool no_follow = false;     // O_NOFOLLOW: a symbolic link fails to open (ELOOP)
  bool non_blocking = false;  // O_NONBLOCK: a FIFO without a writer neither blocks open nor read
  int dir_fd = AT_FDCWD;      // a relative path is taken from this directory
};

enum class ReadStep { open, stat, not_regular, too_large, read };

struct ReadError {
  ReadStep step;
  int err = 0;          // errno of the failed call (open, stat, read); 0 for not_regular/too_large
  std::string partial;  // ReadStep::read: the bytes read before the error
  // "No such file or directory", "is not a regular file", "larger than 1024 bytes", …
  std::string message() const;
};

// The whole file at `path`, opened O_CLOEXEC | O_NOCTTY.
Result<std::string, ReadError> read_file(const std::string& path, const ReadOptions& options = {});

// false with errno set when a write fails.
bool write_all(int fd, std::string_view data);

}  // namespace capmig::io
