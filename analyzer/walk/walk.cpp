#include "analyzer/walk/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <climits>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>

#include "analyzer/core/file_io.h"
#include "analyzer/walk/exclude.h"
#include "analyzer/walk/git_ignore.h"

namespace capmig {

namespace {

std::string errno_message(int err) { return std::generic_category().message(err); }

// open(2) for a path of any length. Beyond PATH_MAX the kernel refuses the path whole
// (ENAMETOOLONG), so it is opened in pieces, each relative to the directory before it.
int open_any_length(const std::string& path, int flags) {
  if (path.size() < PATH_MAX) return ::open(path.c_str(), flags);
  int dir = AT_FDCWD;
  std::size_t pos = 0;
  auto give_up = [&](int err) {
    if (dir != AT_FDCWD) ::close(dir);
    errno = err;
    return -1;
  };
  while (path.size() - pos >= PATH_MAX) {
    const std::size_t cut = path.rfind('/', pos + PATH_MAX - 2);
    if (cut == std::string::npos || cut < pos || (cut == pos && pos != 0)) return give_up(ENAMETOOLONG);
    const std::string piece = cut == 0 ? std::string("/") : path.substr(pos, cut - pos);
    const int next = ::openat(dir, piece.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (next < 0) return give_up(errno);
    if (dir != AT_FDCWD) ::close(dir);
    dir = next;
    pos = cut + 1;
  }
  const int fd = ::openat(dir, path.c_str() + pos, flags);
  const int err = errno;
  if (dir != AT_FDCWD) ::close(dir);
  errno = err;
  return fd;
}

// Kernel views, not files: proc, sysfs, cgroups, debugfs... (statfs f_type). /proc/self/root
// alone leads back to "/", and their files are endless or have side effects when read.
const char* pseudo_filesystem(int fd) {
  struct statfs sf;
  if (::fstatfs(fd, &sf) != 0) return nullptr;
  switch (static_cast<unsigned long>(sf.f_type)) {
    case PROC_SUPER_MAGIC: return "proc";
    case SYSFS_MAGIC: return "sysfs";
    case DEVPTS_SUPER_MAGIC: return "devpts";
    case CGROUP_SUPER_MAGIC: return "cgroup";
    case CGROUP2_SUPER_MAGIC: return "cgroup2";
    case DEBUGFS_MAGIC: return "debugfs";
    case TRACEFS_MAGIC: return "tracefs";
    case SECURITYFS_MAGIC: return "securityfs";
    case BPF_FS_MAGIC: return "bpf";
    case PSTOREFS_MAGIC: return "pstore";
    case SELINUX_MAGIC: return "selinuxfs";
    case BINFMTFS_MAGIC: return "binfmt_misc";
    case EFIVARFS_MAGIC: return "efivarfs";
    case NSFS_MAGIC: return "nsfs";
    case 0x62656570UL: return "configfs";
    case 0x65735543UL: return "fusectl";
    case 0x19800202UL: return "mqueue";
    default: return nullptr;
  }
}

struct RepoContext {
  int id = 0;
  std::string workdir;
};

// The chain of directories above a job, to refuse a symlink back into one of them.
struct Ancestor {
  dev_t dev;
  ino_t ino;
  mutable std::shared_ptr<const Ancestor> parent;
  // Frees a 10,000-deep chain in a loop, not in 10,000 nested destructor calls.
  ~Ancestor() {
    std::shared_ptr<const Ancestor> p = std::move(parent);
    while (p && p.use_count() == 1) p = std::move(p->parent);
  }
};

struct Job {
  std::size_t root = 0;
  std::string abs;  // no trailing '/'
  std::string rel;  // "" for a root directory
  bool file_root = false;
  std::shared_ptr<const RepoContext> repo;  // null: no .gitignore rules here
  std::string git_prefix;                   // this directory relative to repo->workdir, "" or "a/b/"
  std::shared_ptr<const GitIgnoreChain> ignore_chain;  // .gitignore files above this directory
  std::shared_ptr<const Ancestor> ancestors;
  dev_t parent_dev = 0;  // the file system of the directory above (of the root itself for a root)
};

// RAII for a raw descriptor.
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

const char* special_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

// The text of a .gitignore, or nothing if it cannot be read (git then ignores it too); what
// came before a read error is kept. Never follows a symlink nor waits on a FIFO.
std::string read_small_file(int dir_fd, const char* name) {
  io::ReadOptions how;
  how.dir_fd = dir_fd;
  how.no_follow = true;
  how.non_blocking = true;
  auto text = io::read_file(name, how);
  return text ? std::move(*text) : text.error().partial;
}

class Walker {
 public:
  Walker(const WalkOptions& options, const WalkSink& sink)
      : opt_(options), sink_(sink), excludes_(options.excludes) {}

  WalkStats run();

 private:
  struct Worker {
    GitIgnoreChecker git;
    std::unique_ptr<char[]> buf;
    std::size_t cap = 0;
    // The last directory this worker opened beyond PATH_MAX, kept open: its children open
    // relative to it, so a deep descent costs one openat per level, not one per PATH_MAX
    // piece of the whole path.
    std::string anchor_path;
    std::unique_ptr<Fd> anchor;
  };
  int open_dir(Worker& w, const std::string& abs, int flags);

  void add_root(std::size_t index, GitIgnoreChecker& git);
  void work(Worker& w);
  void visit_dir(Worker& w, const Job& job);
  void read_file(Worker& w, int fd, std::size_t root, const std::string& rel,
                 const std::string& abs, const std::string& shown);
  void deliver_large(int fd, std::uint64_t size, std::size_t root, const std::string& rel,
                     const std::string& abs);
  void push(Job job);
  void error(std::size_t root, std::string path, std::string message, bool incomplete = true);
  // A file (or directory) that should have been read and was not: counted and explained.
  void unreadable(std::size_t root, std::string path, int err, std::string message);
  bool on_root_filesystem(dev_t dev) const {
    return std::find(root_devs_.begin(), root_devs_.end(), dev) != root_devs_.end();
  }
  bool stopped() const { return stop_.load(std::memory_order_relaxed); }

  const WalkOptions& opt_;
  const WalkSink& sink_;
  ExcludeSet excludes_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Job> stack_;  // LIFO: depth first keeps the pending set small
  unsigned busy_ = 0;
  std::atomic<bool> stop_{false};
  std::exception_ptr sink_failure_;

  std::atomic<int> next_repo_id_{0};
  std::vector<dev_t> root_devs_;  // written before the workers start
  std::atomic<std::uint64_t> scanned_{0}, binary_{0}, large_{0}, ignored_{0}, symlinks_{0};
  std::atomic<std::uint64_t> special_{0}, other_fs_{0}, unreadable_{0}, too_deep_{0};
  std::mutex errors_mu_;
  std::vector<WalkError> errors_;
};

void Walker::error(std::size_t root, std::string path, std::string message, bool incomplete) {
  std::lock_guard lock(errors_mu_);
  errors_.push_back({root, std::move(path), std::move(message), incomplete});
}

void Walker::unreadable(std::size_t root, std::string path, int err, std::string message) {
  if (err == ENAMETOOLONG) {
    ++too_deep_;
    message += " (path too deep to open)";
  } else {
    ++unreadable_;
  }
  error(root, std::move(path), std::move(message));
}

void Walker::push(Job job) {
  {
    std::lock_guard lock(mu_);
    stack_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void Walker::add_root(std::size_t index, GitIgnoreChecker& git) {
  const std::filesystem::path& root = opt_.roots[index];
  const std::string given = root.string();
  struct stat st;
  if (::stat(given.c_str(), &st) != 0) {
    const int err = errno;
    unreadable(index, given, err, errno_message(err));
    return;
  }
  {
    const Fd probe(::open(given.c_str(), O_PATH | O_CLOEXEC));
    if (const char* kind = probe.get() >= 0 ? pseudo_filesystem(probe.get()) : nullptr) {
      ++other_fs_;
      error(index, given, std::string("is on a pseudo file system (") + kind + "); not scanned");
      return;
    }
  }
  root_devs_.push_back(st.st_dev);
  std::error_code ec;
  std::string abs = std::filesystem::absolute(root, ec).lexically_normal().string();
  if (ec) abs = given;
  while (abs.size() > 1 && abs.back() == '/') abs.pop_back();

  Job job;
  job.root = index;
  job.abs = abs;
  job.parent_dev = st.st_dev;
  if (S_ISREG(st.st_mode)) {
    job.file_root = true;
    job.rel = root.filename().string();
    if (job.rel.empty() || job.rel == "." || job.rel == "..") job.rel = abs.substr(abs.rfind('/') + 1);
    push(std::move(job));
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    ++special_;
    error(index, given, std::string("is ") + special_kind(st.st_mode) + "; skipped");
    return;
  }
  if (!opt_.no_ignore) {
    const std::string workdir = find_git_workdir(abs);
    const auto canon = std::filesystem::canonical(abs, ec).string() + "/";
    if (!workdir.empty() && !ec && canon.compare(0, workdir.size(), workdir) == 0) {
      auto repo = std::make_shared<RepoContext>(RepoContext{next_repo_id_++, workdir});
      std::string prefix = canon.substr(workdir.size());
      if (prefix.rfind(".git/", 0) == 0) {
        push(std::move(job));
        return;
      }
      // The .gitignore files from the work tree down to the root's parent apply below it too.
      std::shared_ptr<const GitIgnoreChain> chain;
      for (std::size_t end = 0; end < prefix.size(); end = prefix.find('/', end) + 1) {
        const std::string dir_prefix = prefix.substr(0, end);
        const Fd dir(::open((workdir + dir_prefix).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        struct stat gst;
        if (dir.get() >= 0 && ::fstatat(dir.get(), ".gitignore", &gst, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(gst.st_mode))
          chain = extend_chain(chain, read_small_file(dir.get(), ".gitignore"), dir_prefix);
      }
      bool apply = true;
      if (!prefix.empty()) {
        // git ignores everything inside an ignored directory; an explicit root is walked anyway.
        auto ignored =
            git.is_ignored(repo->id, repo->workdir, chain, prefix.substr(0, prefix.size() - 1), true);
        if (!ignored) error(index, given, ignored.error());
        apply = ignored.ok() && !*ignored;
      }
      if (apply) {
        job.repo = std::move(repo);
        job.git_prefix = std::move(prefix);
        job.ignore_chain = std::move(chain);
      }
    }
  }
  push(std::move(job));
}

void Walker::work(Worker& w) {
  std::unique_lock lock(mu_);
  for (;;) {
    if (stopped()) stack_.clear();
    if (stack_.empty()) {
      if (busy_ == 0) break;
      cv_.wait(lock);
      continue;
    }
    Job job = std::move(stack_.back());
    stack_.pop_back();
    ++busy_;
    lock.unlock();
    try {
      if (job.file_root) {
        const int fd = open_any_length(job.abs, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
          unreadable(job.root, opt_.roots[job.root].string(), errno, errno_message(errno));
        else
          read_file(w, fd, job.root, job.rel, job.abs, opt_.roots[job.root].string());
      } else {
        visit_dir(w, job);
      }
    } catch (...) {
      std::lock_guard elock(errors_mu_);
      if (!sink_failure_) sink_failure_ = std::current_exception();
      stop_ = true;
    }
    lock.lock();
    --busy_;
    if (busy_ == 0 && (stack_.empty() || stopped())) cv_.notify_all();
  }
  cv_.notify_all();
}

int Walker::open_dir(Worker& w, const std::string& abs, int flags) {
  if (abs.size() < PATH_MAX) return ::open(abs.c_str(), flags);
  int fd = -1;
  const std::string& a = w.anchor_path;
  if (w.anchor && abs.size() > a.size() + 1 && abs.compare(0, a.size(), a) == 0 && abs[a.size()] == '/' &&
      abs.size() - a.size() < PATH_MAX)
    fd = ::openat(w.anchor->get(), abs.c_str() + a.size() + 1, flags);
  else
    fd = open_any_length(abs, flags);
  if (fd >= 0) {
    const int keep = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (keep >= 0) {
      w.anchor = std::make_unique<Fd>(keep);
      w.anchor_path = abs;
    }
  }
  return fd;
}

void Walker::visit_dir(Worker& w, const Job& job) {
  const std::string& shown = job.rel.empty() ? opt_.roots[job.root].string() : job.rel;
  // O_NOFOLLOW: a directory swapped for a symlink mid-walk must not be followed.
  const int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC |
                    (opt_.follow_symlinks || job.rel.empty() ? 0 : O_NOFOLLOW);
  Fd dfd(open_dir(w, job.abs, flags));
  if (dfd.get() < 0) {
    const int err = errno;
    if (err == ENOENT)
      error(job.root, shown, "directory vanished during the walk");
    else
      unreadable(job.root, shown, err, errno_message(err));
    return;
  }
  std::shared_ptr<const Ancestor> here = job.ancestors;
  dev_t dev = job.parent_dev;
  {
    struct stat st;
    if (::fstat(dfd.get(), &st) == 0) {
      dev = st.st_dev;
      if (opt_.follow_symlinks)
        here = std::make_shared<const Ancestor>(Ancestor{st.st_dev, st.st_ino, job.ancestors});
    }
  }
  // A mount point: never into a pseudo file system; with --follow, never off the roots' ones.
  if (dev != job.parent_dev && !job.rel.empty()) {
    if (pseudo_filesystem(dfd.get()) || (opt_.follow_symlinks && !on_root_filesystem(dev))) {
      ++other_fs_;
      return;
    }
  }

  struct Entry {
    std::string name;
    unsigned char type;
  };
  std::vector<Entry> entries;
  {
    const int dup_fd = ::dup(dfd.get());
    DIR* dir = dup_fd < 0 ? nullptr : ::fdopendir(dup_fd);
    if (!dir) {
      const int err = errno;
      if (dup_fd >= 0) ::close(dup_fd);
      unreadable(job.root, shown, err, errno_message(err));
      return;
    }
    for (;;) {
      errno = 0;
      const dirent* d = ::readdir(dir);
      if (!d) {
        if (errno != 0) unreadable(job.root, shown, errno, "reading directory: " + errno_message(errno));
        break;
      }
      const std::string_view name = d->d_name;
      if (name == "." || name == "..") continue;
      entries.push_back({std::string(name), d->d_type});
    }
    ::closedir(dir);
  }

  std::shared_ptr<const RepoContext> repo = job.repo;
  std::string git_prefix = job.git_prefix;
  std::shared_ptr<const GitIgnoreChain> chain = job.ignore_chain;
  const bool use_git = !opt_.no_ignore;
  // A directory with its own .git below the walk root is a nested repository (or submodule):
  // git applies that repository's rules inside it, not the outer one's.
  if (use_git && !job.rel.empty() &&
      std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return e.name == ".git"; })) {
    auto nested = std::make_shared<RepoContext>(RepoContext{next_repo_id_++, job.abs});
    auto opened = w.git.open(nested->id, nested->workdir);
    if (opened.ok() && *opened) {
      repo = std::move(nested);
      git_prefix.clear();
      chain = nullptr;
    }
  }
  if (repo) {
    const auto gi = std::find_if(entries.begin(), entries.end(),
                                 [](const Entry& e) { return e.name == ".gitignore"; });
    if (gi != entries.end() && (gi->type == DT_REG || gi->type == DT_UNKNOWN))
      chain = extend_chain(chain, read_small_file(dfd.get(), ".gitignore"), git_prefix);
  }

  // SPEC: a vendor/ is a dependency directory only beside a package manager's manifest.
  const bool package_vendor =
      use_git && std::any_of(entries.begin(), entries.end(), [](const Entry& e) {
        return e.name == "composer.json" || e.name == "Gemfile" || e.name == "go.mod";
      });

  std::vector<const Entry*> files;
  for (const Entry& e : entries) {
    if (e.name == ".git") continue;
    const std::string rel = job.rel.empty() ? e.name : job.rel + "/" + e.name;
    unsigned char type = e.type;
    struct stat st;
    if (type == DT_UNKNOWN) {
      if (::fstatat(dfd.get(), e.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        const int err = errno;
        if (err == ENOENT)
          error(job.root, rel, "vanished during the walk");
        else
          unreadable(job.root, rel, err, errno_message(err));
        continue;
      }
      type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
                                        : S_ISLNK(st.st_mode) ? DT_LNK
                                                              : DT_FIFO;
    }
    const bool is_link = type == DT_LNK;
    mode_t mode = type == DT_DIR ? S_IFDIR : type == DT_REG ? S_IFREG : 0;
    if (is_link) {
      if (!opt_.follow_symlinks) {
        ++symlinks_;
        continue;
      }
      if (::fstatat(dfd.get(), e.name.c_str(), &st, 0) != 0) {
        const int err = errno;
        if (err == ENOENT || err == ELOOP) {
          ++symlinks_;
          error(job.root, rel,
                err == ENOENT ? "dangling symlink" : "symlink loop (too many levels of symbolic links)",
                false);
        } else {
          unreadable(job.root, rel, err, "symlink target: " + errno_message(err));
        }
        continue;
      }
      mode = st.st_mode & S_IFMT;
      if (!on_root_filesystem(st.st_dev)) {  // /proc/self/root, a link into another mount
        ++other_fs_;
        continue;
      }
    } else if (mode == 0 && e.type != DT_UNKNOWN) {
      // A special file: learn which kind for the message without opening it.
      if (::fstatat(dfd.get(), e.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        error(job.root, rel, "vanished during the walk");
        continue;
      }
      mode = st.st_mode & S_IFMT;
    } else if (mode == 0) {
      mode = st.st_mode & S_IFMT;
    }
    const bool is_dir = S_ISDIR(mode);

    if (use_git && is_dir && (e.name == "node_modules" || (e.name == "vendor" && package_vendor))) {
      ++ignored_;
      continue;
    }
    if (excludes_.matches(rel, is_dir)) {
      ++ignored_;
      continue;
    }
    if (use_git && repo) {
      auto ignored = w.git.is_ignored(repo->id, repo->workdir, chain, git_prefix + e.name, is_dir);
      if (!ignored) {
        error(job.root, rel, ignored.error());
      } else if (*ignored) {
        ++ignored_;
        continue;
      }
    }
    if (is_dir) {
      if (is_link) {
        bool loop = false;
        for (const Ancestor* a = here.get(); a && !loop; a = a->parent.get())
          loop = a->dev == st.st_dev && a->ino == st.st_ino;
        if (loop) {
          ++symlinks_;
          error(job.root, rel, "symlink loop: points to a directory above it; not followed", false);
          continue;
        }
      }
      Job child;
      child.root = job.root;
      child.abs = job.abs == "/" ? "/" + e.name : job.abs + "/" + e.name;
      child.rel = rel;
      child.repo = repo;
      if (repo) {
        child.git_prefix = git_prefix + e.name + "/";
        child.ignore_chain = chain;
      }
      child.ancestors = here;
      child.parent_dev = dev;
      push(std::move(child));
    } else if (S_ISREG(mode)) {
      files.push_back(&e);
    } else {
      ++special_;  // a FIFO could block, a device never ends: not source code either way
    }
  }

  for (const Entry* e : files) {
    if (stopped()) return;
    const std::string rel = job.rel.empty() ? e->name : job.rel + "/" + e->name;
    const std::string abs = job.abs == "/" ? "/" + e->name : job.abs + "/" + e->name;
    // O_NONBLOCK: should the entry have become a FIFO since readdir, open must not block.
    const int fd = ::openat(dfd.get(), e->name.c_str(),
                            O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
                                (opt_.follow_symlinks ? 0 : O_NOFOLLOW));
    if (fd < 0) {
      const int err = errno;
      if (err == ELOOP && !opt_.follow_symlinks) {
        ++symlinks_;  // replaced by a symlink since readdir
        continue;
      }
      if (err == ENOENT)
        error(job.root, rel, "file vanished during the walk");
      else
        unreadable(job.root, rel, err, errno_message(err));
      continue;
    }
    read_file(w, fd, job.root, rel, abs, rel);
  }
}

void Walker::read_file(Worker& w, int raw_fd, std::size_t root, const std::string& rel,
                       const std::string& abs, const std::string& shown) {
  Fd fd(raw_fd);
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) {
    unreadable(root, shown, errno, errno_message(errno));
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    ++special_;
    return;
  }
  const std::uint64_t max = opt_.max_filesize;
  if (static_cast<std::uint64_t>(st.st_size) > max) {
    char probe[kBinaryProbeBytes];
    std::size_t got = 0;
    while (got < sizeof probe) {
      const ssize_t r = ::pread(fd.get(), probe + got, sizeof probe - got, static_cast<off_t>(got));
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) {
        unreadable(root, shown, errno, "read: " + errno_message(errno));
        return;
      }
      if (r == 0) break;
      got += static_cast<std::size_t>(r);
    }
    if (std::memchr(probe, 0, got)) {
      ++binary_;
      return;
    }
    deliver_large(fd.get(), static_cast<std::uint64_t>(st.st_size), root, rel, abs);
    return;
  }
  // One byte beyond the expected size detects a file that grew since fstat.
  std::size_t want = static_cast<std::size_t>(st.st_size) + 1;
  if (w.cap < want) {
    w.cap = std::max<std::size_t>(want, 64 * 1024);
    w.buf = std::make_unique_for_overwrite<char[]>(w.cap);
  }
  std::size_t n = 0;
  bool probed = false;
  for (;;) {
    if (n == w.cap) {
      if (n > max) break;
      const std::size_t grown = static_cast<std::size_t>(
          std::min<std::uint64_t>(max + 1, static_cast<std::uint64_t>(w.cap) * 2));
      auto bigger = std::make_unique_for_overwrite<char[]>(grown);
      std::memcpy(bigger.get(), w.buf.get(), n);
      w.buf = std::move(bigger);
      w.cap = grown;
    }
    const ssize_t r = ::read(fd.get(), w.buf.get() + n, w.cap - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      unreadable(root, shown, errno, "read: " + errno_message(errno));
      return;
    }
    if (r == 0) break;
    n += static_cast<std::size_t>(r);
    if (!probed && n >= kBinaryProbeBytes) {
      probed = true;
      if (std::memchr(w.buf.get(), 0, kBinaryProbeBytes)) {
        ++binary_;
        return;
      }
    }
  }
  if (n > max) {  // grew past the limit since fstat: read it in pieces like any large file
    struct stat now;
    deliver_large(fd.get(), ::fstat(fd.get(), &now) == 0 ? static_cast<std::uint64_t>(now.st_size) : n, root,
                  rel, abs);
    return;
  }
  if (!probed && std::memchr(w.buf.get(), 0, n)) {
    ++binary_;
    return;
  }
  ::close(fd.release());  // before the sink runs: keeps descriptors to one per thread
  WalkedFile file;
  file.root_index = root;
  file.rel_path = rel;
  file.abs_path = abs;
  file.size = n;
  file.bytes = std::string_view(w.buf.get(), n);
  sink_(file);
  ++scanned_;
}

void Walker::deliver_large(int fd, std::uint64_t size, std::size_t root, const std::string& rel,
                           const std::string& abs) {
  WalkedFile file;
  file.root_index = root;
  file.rel_path = rel;
  file.abs_path = abs;
  file.size = size;
  file.fd = fd;
  sink_(file);
  ++large_;
  ++scanned_;
}

WalkStats Walker::run() {
  LibGit2Session session;
  {
    GitIgnoreChecker git;
    for (std::size_t i = 0; i < opt_.roots.size(); ++i) add_root(i, git);
  }
  unsigned n = opt_.threads ? opt_.threads : std::thread::hardware_concurrency();
  if (n == 0) n = 1;
  std::vector<std::thread> threads;
  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned i = 0; i < n; ++i) workers.push_back(std::make_unique<Worker>());
  for (unsigned i = 1; i < n; ++i) {
    try {
      threads.emplace_back([this, w = workers[i].get()] { work(*w); });
    } catch (const std::system_error&) {
      break;  // the system has no more threads to give: the ones started share the work
    }
  }
  work(*workers[0]);
  for (auto& t : threads) t.join();
  workers.clear();  // frees the libgit2 handles while the session is alive
  if (sink_failure_) std::rethrow_exception(sink_failure_);

  WalkStats s;
  s.files_scanned = scanned_;
  s.large_files = large_;
  s.skipped_binary = binary_;
  s.skipped_ignored = ignored_;
  s.skipped_symlinks = symlinks_;
  s.skipped_special = special_;
  s.skipped_other_fs = other_fs_;
  s.skipped_unreadable = unreadable_;
  s.skipped_too_deep = too_deep_;
  s.errors = std::move(errors_);
  std::sort(s.errors.begin(), s.errors.end(), [](const WalkError& a, const WalkError& b) {
    return std::tie(a.root_index, a.path, a.message) < std::tie(b.root_index, b.path, b.message);
  });
  return s;
}

}  // namespace

WalkStats walk(const WalkOptions& options, const WalkSink& sink) {
  return Walker(options, sink).run();
}

}  // namespace capmig
