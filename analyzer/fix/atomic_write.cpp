#include "analyzer/fix/atomic_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>
#include <set>

#include "analyzer/core/file_io.h"

namespace capmig::fix {
namespace {

using io::Fd;

std::string errno_text(const std::string& what, int err = errno) { return what + ": " + std::strerror(err); }

// Keep the owner where we can (running as root over someone else's checkout), on the
// descriptor before the file has a name. Not fatal: an ordinary user cannot give files away,
// and owns the original anyway.
void keep_owner(int fd, const struct stat& st) {
  if (::fchown(fd, st.st_uid, st.st_gid) != 0) {
  }
}

// A kill -9 between naming the finished temporary file and renaming it over the target
// leaves `.NAME.capmig-PID-N` behind (whole new bytes; the target still whole old bytes). The
// first write into a directory removes those of processes that are gone.
void remove_stale_temporaries(const std::filesystem::path& dir) {
  static std::mutex m;
  static std::set<std::string> cleaned;
  {
    const std::lock_guard<std::mutex> lock(m);
    if (!cleaned.insert(dir.string()).second) return;
  }
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto at = name.rfind(".capmig-");
    if (name.empty() || name[0] != '.' || at == std::string::npos || at == 0) continue;
    char* stop = nullptr;
    const long pid = std::strtol(name.c_str() + at + 8, &stop, 10);
    if (pid <= 0 || stop == nullptr || *stop != '-') continue;
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      std::error_code rm;
      std::filesystem::remove(it->path(), rm);
    }
  }
}

}  // namespace

std::optional<std::string> replace_file_atomically(const std::filesystem::path& path, std::string_view expected,
                                                   std::string_view contents) {
  const std::string p = path.string();
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0) return errno_text("cannot stat");
  if (S_ISLNK(st.st_mode)) return std::string("is a symbolic link; patch its target instead");
  if (!S_ISREG(st.st_mode)) return std::string("is not a regular file");

  // Refuse a file that changed since the patch was computed (an editor, a git checkout).
  {
    io::ReadOptions how;
    how.no_follow = true;
    const auto now = io::read_file(p, how);
    if (!now)
      return errno_text(now.error().step == io::ReadStep::open ? "cannot open" : "cannot read", now.error().err);
    if (*now != expected) return std::string("changed since it was read; run capmig fix again");
  }

  const std::filesystem::path dir = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const std::string d = dir.string();
  remove_stale_temporaries(dir);
  // Unnamed until complete: if capmig dies before the link, nothing is left behind.
  std::string named_tmp;
  Fd out(::open(d.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, st.st_mode & 07777));
  if (out.get() < 0) {
    named_tmp = (dir / ("." + path.filename().string() + ".capmig-" + std::to_string(::getpid()) + "-XXXXXX")).string();
    int fd = ::mkstemp(named_tmp.data());
    if (fd < 0) return errno_text("cannot create a temporary file in " + d);
    Fd tmp(fd);
    keep_owner(tmp.get(), st);
    if (!io::write_all(tmp.get(), contents) || ::fchmod(tmp.get(), st.st_mode & 07777) != 0 ||
        ::fsync(tmp.get()) != 0) {
      const auto err = errno_text("cannot write the temporary file");
      ::unlink(named_tmp.c_str());
      return err;
    }
  } else {
    keep_owner(out.get(), st);
    if (!io::write_all(out.get(), contents)) return errno_text("cannot write the temporary file");
    if (::fchmod(out.get(), st.st_mode & 07777) != 0) return errno_text("cannot set the mode");
    if (::fsync(out.get()) != 0) return errno_text("cannot flush the temporary file");
    // Give the finished file a hidden name, then rename it over the target.
    const std::string proc = "/proc/self/fd/" + std::to_string(out.get());
    for (int attempt = 0; attempt < 100; ++attempt) {
      named_tmp = (dir / ("." + path.filename().string() + ".capmig-" + std::to_string(::getpid()) + "-" +
                          std::to_string(attempt)))
                      .string();
      if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, named_tmp.c_str(), AT_SYMLINK_FOLLOW) == 0) break;
      if (errno != EEXIST) return errno_text("cannot link the temporary file");
      named_tmp.clear();
    }
    if (named_tmp.empty()) return std::string("cannot name the temporary file");
  }
  // Nothing between the link and the rename: a kill -9 there is the only way a named
  // temporary file can be left behind.
  if (::rename(named_tmp.c_str(), p.c_str()) != 0) {
    const auto err = errno_text("cannot replace the file");
    ::unlink(named_tmp.c_str());
    return err;
  }
  Fd dfd(::open(d.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dfd.get() >= 0) ::fsync(dfd.get());  // the rename itself survives a crash
  return std::nullopt;
}

}  // namespace capmig::fix
