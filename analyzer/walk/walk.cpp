#include "analyzer/walk/walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

#include "analyzer/walk/exclude.h"
#include "analyzer/walk/git_ignore.h"

namespace capmig {

namespace {

std::string errno_message(int err) { return std::generic_category().message(err); }

struct RepoContext {
  int id = 0;
  std::string workdir;
};

// The chain of directories above a job, to refuse a symlink back into one of them.
struct Ancestor {
  dev_t dev;
  ino_t ino;
  std::shared_ptr<const Ancestor> parent;
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

// The text of a .gitignore, or nothing if it cannot be read (git then ignores it too).
std::string read_small_file(int dir_fd, const char* name) {
  std::string text;
  const int fd = ::openat(dir_fd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return text;
  char buf[8192];
  for (;;) {
    const ssize_t r = ::read(fd, buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    text.append(buf, static_cast<std::size_t>(r));
  }
  ::close(fd);
  return text;
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
  };

  void add_root(std::size_t index, GitIgnoreChecker& git);
  void work(Worker& w);
  void visit_dir(Worker& w, const Job& job);
  void read_file(Worker& w, int fd, std::size_t root, const std::string& rel,
                 const std::string& abs, const std::string& shown);
  void push(Job job);
  void error(std::size_t root, std::string path, std::string message);
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
  std::atomic<std::uint64_t> scanned_{0}, binary_{0}, large_{0}, ignored_{0}, symlinks_{0};
  std::mutex errors_mu_;
  std::vector<WalkError> errors_;
};

void Walker::error(std::size_t root, std::string path, std::string message) {
  std::lock_guard lock(errors_mu_);
  errors_.push_back({root, std::move(path), std::move(message)});
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
    error(index, given, errno_message(errno));
    return;
  }
  std::error_code ec;
  std::string abs = std::filesystem::absolute(root, ec).lexically_normal().string();
  if (ec) abs = given;
  while (abs.size() > 1 && abs.back() == '/') abs.pop_back();

  Job job;
  job.root = index;
  job.abs = abs;
  if (S_ISREG(st.st_mode)) {
    job.file_root = true;
    job.rel = root.filename().string();
    if (job.rel.empty() || job.rel == "." || job.rel == "..") job.rel = abs.substr(abs.rfind('/') + 1);
    push(std::move(job));
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
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
        const int fd = ::open(job.abs.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
        if (fd < 0)
          error(job.root, opt_.roots[job.root].string(), errno_message(errno));
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

void Walker::visit_dir(Worker& w, const Job& job) {
  const std::string& shown = job.rel.empty() ? opt_.roots[job.root].string() : job.rel;
  // O_NOFOLLOW: a directory swapped for a symlink mid-walk must not be followed.
  const int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC |
                    (opt_.follow_symlinks || job.rel.empty() ? 0 : O_NOFOLLOW);
  Fd dfd(::open(job.abs.c_str(), flags));
  if (dfd.get() < 0) {
    const int err = errno;
    error(job.root, shown,
          err == ENOENT ? "directory vanished during the walk" : errno_message(err));
    return;
  }
  std::shared_ptr<const Ancestor> here = job.ancestors;
  if (opt_.follow_symlinks) {
    struct stat st;
    if (::fstat(dfd.get(), &st) == 0)
      here = std::make_shared<const Ancestor>(Ancestor{st.st_dev, st.st_ino, job.ancestors});
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
      if (dup_fd >= 0) ::close(dup_fd);
      error(job.root, shown, errno_message(errno));
      return;
    }
    for (;;) {
      errno = 0;
      const dirent* d = ::readdir(dir);
      if (!d) {
        if (errno != 0) error(job.root, shown, "reading directory: " + errno_message(errno));
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

  std::vector<const Entry*> files;
  for (const Entry& e : entries) {
    if (e.name == ".git") continue;
    const std::string rel = job.rel.empty() ? e.name : job.rel + "/" + e.name;
    unsigned char type = e.type;
    struct stat st;
    if (type == DT_UNKNOWN) {
      if (::fstatat(dfd.get(), e.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        error(job.root, rel,
              errno == ENOENT ? "vanished during the walk" : errno_message(errno));
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
        error(job.root, rel,
              err == ENOENT ? "dangling symlink"
              : err == ELOOP ? "symlink loop (too many levels of symbolic links)"
                             : "symlink target: " + errno_message(err));
        continue;
      }
      mode = st.st_mode & S_IFMT;
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

    if (use_git && is_dir && (e.name == "node_modules" || e.name == "vendor")) {
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
          error(job.root, rel, "symlink loop: points to a directory above it; not followed");
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
      push(std::move(child));
    } else if (S_ISREG(mode)) {
      files.push_back(&e);
    } else {
      error(job.root, rel, std::string("is ") + special_kind(mode) + "; not opened");
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
      error(job.root, rel,
            err == ENOENT ? "file vanished during the walk" : errno_message(err));
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
    error(root, shown, errno_message(errno));
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    error(root, shown, std::string("is ") + special_kind(st.st_mode) + "; not read");
    return;
  }
  const std::uint64_t max = opt_.max_filesize;
  if (static_cast<std::uint64_t>(st.st_size) > max) {
    ++large_;
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
      error(root, shown, "read: " + errno_message(errno));
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
  if (n > max) {
    ++large_;
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
  for (unsigned i = 1; i < n; ++i) threads.emplace_back([this, w = workers[i].get()] { work(*w); });
  work(*workers[0]);
  for (auto& t : threads) t.join();
  workers.clear();  // frees the libgit2 handles while the session is alive
  if (sink_failure_) std::rethrow_exception(sink_failure_);

  WalkStats s;
  s.files_scanned = scanned_;
  s.skipped_binary = binary_;
  s.skipped_large = large_;
  s.skipped_ignored = ignored_;
  s.skipped_symlinks = symlinks_;
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
