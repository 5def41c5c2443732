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
#include <optional>
#include <system_error>
#include <thread>
#include <tuple>
#include <utility>

#include "analyzer/core/file_io.h"
#include "analyzer/walk/exclude.h"
#include "analyzer/walk/git_ignore.h"

namespace capmig::walk {

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
    case PROC_SUPER_MAGIC:
      return "proc";
    case SYSFS_MAGIC:
      return "sysfs";
    case DEVPTS_SUPER_MAGIC:
      return "devpts";
    case CGROUP_SUPER_MAGIC:
      return "cgroup";
    case CGROUP2_SUPER_MAGIC:
      return "cgroup2";
    case DEBUGFS_MAGIC:
      return "debugfs";
    case TRACEFS_MAGIC:
      return "tracefs";
    case SECURITYFS_MAGIC:
      return "securityfs";
    case BPF_FS_MAGIC:
      return "bpf";
    case PSTOREFS_MAGIC:
      return "pstore";
    case SELINUX_MAGIC:
      return "selinuxfs";
    case BINFMTFS_MAGIC:
      return "binfmt_misc";
    case EFIVARFS_MAGIC:
      return "efivarfs";
    case NSFS_MAGIC:
      return "nsfs";
    case 0x62656570UL:
      return "configfs";
    case 0x65735543UL:
      return "fusectl";
    case 0x19800202UL:
      return "mqueue";
    default:
      return nullptr;
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
  std::shared_ptr<const RepoContext> repo;             // null: no .gitignore rules here
  std::string git_prefix;                              // this directory relative to repo->workdir, "" or "a/b/"
  std::shared_ptr<const GitIgnoreChain> ignore_chain;  // .gitignore files above this directory
  std::shared_ptr<const Ancestor> ancestors;
  dev_t parent_dev = 0;  // the file system of the directory above (of the root itself for a root)
};

struct DirEntry {
  std::string name;
  unsigned char type;  // d_type: DT_UNKNOWN when the file system does not say
};

// One directory being visited: what each step of Walker::visit_dir learns and hands on.
struct DirVisit {
  DirVisit(const Job& j, std::string s) : job(j), shown(std::move(s)) {}
  const Job& job;
  std::string shown;  // the directory as errors name it
  int fd = -1;        // open for as long as the visit lasts
  dev_t dev = 0;
  std::shared_ptr<const Ancestor> here;  // the directories down to this one (--follow)
  std::vector<DirEntry> entries;
  // Whose .gitignore rules apply here: a nested repository's own, or those handed down.
  std::shared_ptr<const RepoContext> repo;
  std::string git_prefix;
  std::shared_ptr<const GitIgnoreChain> chain;
  bool use_git = false;
  bool package_vendor = false;  // composer.json, Gemfile or go.mod here: vendor/ is dependencies
};

using io::Fd;

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
  if (text) return std::move(*text);
  return text.error().partial;
}

class Walker {
 public:
  Walker(const WalkOptions& options, const WalkSink& sink) : opt_(options), sink_(sink), excludes_(options.excludes) {}

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
  // visit_dir's steps, in order: a false or nullopt return ends the directory (or entry) there.
  int open_job_dir(Worker& w, const DirVisit& d);
  bool enter_filesystem(DirVisit& d);
  bool list_entries(DirVisit& d);
  void apply_git_scope(Worker& w, DirVisit& d);
  void visit_entry(Worker& w, const DirVisit& d, const DirEntry& e, std::vector<const DirEntry*>& files);
  std::optional<mode_t> entry_mode(const DirVisit& d, const DirEntry& e, const std::string& rel, bool& is_link,
                                   struct stat& st);
  std::optional<mode_t> symlink_target_mode(const DirVisit& d, const DirEntry& e, const std::string& rel,
                                            struct stat& st);
  bool ignored(Worker& w, const DirVisit& d, const DirEntry& e, const std::string& rel, bool is_dir);
  void read_files(Worker& w, const DirVisit& d, const std::vector<const DirEntry*>& files);
  // root_itself: the root names this file (rel is then its file name).
  void read_file(Worker& w, int fd, std::size_t root, const std::string& rel, const std::string& abs,
                 const std::string& shown, bool root_itself);
  void deliver_large(int fd, std::uint64_t size, std::size_t root, const std::string& rel, const std::string& abs,
                     bool root_itself);
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
        auto ignored = git.is_ignored(repo->id, repo->workdir, chain, prefix.substr(0, prefix.size() - 1), true);
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
          read_file(w, fd, job.root, job.rel, job.abs, opt_.roots[job.root].string(), true);
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
  DirVisit d{job, job.rel.empty() ? opt_.roots[job.root].string() : job.rel};
  const Fd dfd(open_job_dir(w, d));
  if (dfd.get() < 0) return;
  d.fd = dfd.get();
  if (!enter_filesystem(d) || !list_entries(d)) return;
  apply_git_scope(w, d);
  std::vector<const DirEntry*> files;
  for (const DirEntry& e : d.entries)
    if (e.name != ".git") visit_entry(w, d, e, files);
  read_files(w, d, files);
}

int Walker::open_job_dir(Worker& w, const DirVisit& d) {
  // O_NOFOLLOW: a directory swapped for a symlink mid-walk must not be followed.
  const int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (opt_.follow_symlinks || d.job.rel.empty() ? 0 : O_NOFOLLOW);
  const int fd = open_dir(w, d.job.abs, flags);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT)
      error(d.job.root, d.shown, "directory vanished during the walk");
    else
      unreadable(d.job.root, d.shown, err, errno_message(err));
  }
  return fd;
}

bool Walker::enter_filesystem(DirVisit& d) {
  d.here = d.job.ancestors;
  d.dev = d.job.parent_dev;
  struct stat st;
  if (::fstat(d.fd, &st) == 0) {
    d.dev = st.st_dev;
    if (opt_.follow_symlinks)
      d.here = std::make_shared<const Ancestor>(Ancestor{st.st_dev, st.st_ino, d.job.ancestors});
  }
  // A mount point: never into a pseudo file system; with --follow, never off the roots' ones.
  if (d.dev != d.job.parent_dev && !d.job.rel.empty()) {
    if (pseudo_filesystem(d.fd) || (opt_.follow_symlinks && !on_root_filesystem(d.dev))) {
      ++other_fs_;
      return false;
    }
  }
  return true;
}

bool Walker::list_entries(DirVisit& d) {
  const int dup_fd = ::dup(d.fd);
  DIR* dir = dup_fd < 0 ? nullptr : ::fdopendir(dup_fd);
  if (!dir) {
    const int err = errno;
    if (dup_fd >= 0) ::close(dup_fd);
    unreadable(d.job.root, d.shown, err, errno_message(err));
    return false;
  }
  for (;;) {
    errno = 0;
    const dirent* e = ::readdir(dir);
    if (!e) {  // an error part way: what was listed is still walked
      if (errno != 0) unreadable(d.job.root, d.shown, errno, "reading directory: " + errno_message(errno));
      break;
    }
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    d.entries.push_back({std::string(name), e->d_type});
  }
  ::closedir(dir);
  return true;
}

void Walker::apply_git_scope(Worker& w, DirVisit& d) {
  const auto has = [&](std::string_view name) {
    return std::find_if(d.entries.begin(), d.entries.end(), [&](const DirEntry& e) { return e.name == name; });
  };
  d.repo = d.job.repo;
  d.git_prefix = d.job.git_prefix;
  d.chain = d.job.ignore_chain;
  d.use_git = !opt_.no_ignore;
  // A directory with its own .git below the walk root is a nested repository (or submodule):
  // git applies that repository's rules inside it, not the outer one's.
  if (d.use_git && !d.job.rel.empty() && has(".git") != d.entries.end()) {
    auto nested = std::make_shared<RepoContext>(RepoContext{next_repo_id_++, d.job.abs});
    auto opened = w.git.open(nested->id, nested->workdir);
    if (opened.ok() && *opened) {
      d.repo = std::move(nested);
      d.git_prefix.clear();
      d.chain = nullptr;
    }
  }
  if (d.repo) {
    const auto gi = has(".gitignore");
    if (gi != d.entries.end() && (gi->type == DT_REG || gi->type == DT_UNKNOWN))
      d.chain = extend_chain(d.chain, read_small_file(d.fd, ".gitignore"), d.git_prefix);
  }
  // SPEC: a vendor/ is a dependency directory only beside a package manager's manifest.
  d.package_vendor = d.use_git && (has("composer.json") != d.entries.end() || has("Gemfile") != d.entries.end() ||
                                   has("go.mod") != d.entries.end());
}

void Walker::visit_entry(Worker& w, const DirVisit& d, const DirEntry& e, std::vector<const DirEntry*>& files) {
  const std::string rel = d.job.rel.empty() ? e.name : d.job.rel + "/" + e.name;
  bool is_link = false;
  struct stat st {};
  const std::optional<mode_t> mode = entry_mode(d, e, rel, is_link, st);
  if (!mode) return;
  const bool is_dir = S_ISDIR(*mode);
  if (ignored(w, d, e, rel, is_dir)) return;
  if (is_dir) {
    if (is_link) {
      bool loop = false;
      for (const Ancestor* a = d.here.get(); a && !loop; a = a->parent.get())
        loop = a->dev == st.st_dev && a->ino == st.st_ino;
      if (loop) {
        ++symlinks_;
        error(d.job.root, rel, "symlink loop: points to a directory above it; not followed", false);
        return;
      }
    }
    Job child;
    child.root = d.job.root;
    child.abs = d.job.abs == "/" ? "/" + e.name : d.job.abs + "/" + e.name;
    child.rel = rel;
    child.repo = d.repo;
    if (d.repo) {
      child.git_prefix = d.git_prefix + e.name + "/";
      child.ignore_chain = d.chain;
    }
    child.ancestors = d.here;
    child.parent_dev = d.dev;
    push(std::move(child));
  } else if (S_ISREG(*mode)) {
    files.push_back(&e);
  } else {
    ++special_;  // a FIFO could block, a device never ends: not source code either way
  }
}

std::optional<mode_t> Walker::entry_mode(const DirVisit& d, const DirEntry& e, const std::string& rel, bool& is_link,
                                         struct stat& st) {
  unsigned char type = e.type;
  if (type == DT_UNKNOWN) {
    if (::fstatat(d.fd, e.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      const int err = errno;
      if (err == ENOENT)
        error(d.job.root, rel, "vanished during the walk");
      else
        unreadable(d.job.root, rel, err, errno_message(err));
      return std::nullopt;
    }
    type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_FIFO;
  }
  is_link = type == DT_LNK;
  if (is_link) return symlink_target_mode(d, e, rel, st);
  if (type == DT_DIR) return S_IFDIR;
  if (type == DT_REG) return S_IFREG;
  // A special file: learn which kind for the message without opening it.
  if (e.type != DT_UNKNOWN && ::fstatat(d.fd, e.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    error(d.job.root, rel, "vanished during the walk");
    return std::nullopt;
  }
  return st.st_mode & S_IFMT;
}

std::optional<mode_t> Walker::symlink_target_mode(const DirVisit& d, const DirEntry& e, const std::string& rel,
                                                  struct stat& st) {
  if (!opt_.follow_symlinks) {
    ++symlinks_;
    return std::nullopt;
  }
  if (::fstatat(d.fd, e.name.c_str(), &st, 0) != 0) {
    const int err = errno;
    if (err == ENOENT || err == ELOOP) {
      ++symlinks_;
      error(d.job.root, rel, err == ENOENT ? "dangling symlink" : "symlink loop (too many levels of symbolic links)",
            false);
    } else {
      unreadable(d.job.root, rel, err, "symlink target: " + errno_message(err));
    }
    return std::nullopt;
  }
  if (!on_root_filesystem(st.st_dev)) {  // /proc/self/root, a link into another mount
    ++other_fs_;
    return std::nullopt;
  }
  return st.st_mode & S_IFMT;
}

bool Walker::ignored(Worker& w, const DirVisit& d, const DirEntry& e, const std::string& rel, bool is_dir) {
  if (d.use_git && is_dir && (e.name == "node_modules" || (e.name == "vendor" && d.package_vendor))) {
    ++ignored_;
    return true;
  }
  if (excludes_.matches(rel, is_dir)) {
    ++ignored_;
    return true;
  }
  if (d.use_git && d.repo) {
    auto ignored = w.git.is_ignored(d.repo->id, d.repo->workdir, d.chain, d.git_prefix + e.name, is_dir);
    if (!ignored) {
      error(d.job.root, rel, ignored.error());
    } else if (*ignored) {
      ++ignored_;
      return true;
    }
  }
  return false;
}

void Walker::read_files(Worker& w, const DirVisit& d, const std::vector<const DirEntry*>& files) {
  for (const DirEntry* e : files) {
    if (stopped()) return;
    const std::string rel = d.job.rel.empty() ? e->name : d.job.rel + "/" + e->name;
    const std::string abs = d.job.abs == "/" ? "/" + e->name : d.job.abs + "/" + e->name;
    // O_NONBLOCK: should the entry have become a FIFO since readdir, open must not block.
    const int fd = ::openat(d.fd, e->name.c_str(),
                            O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (opt_.follow_symlinks ? 0 : O_NOFOLLOW));
    if (fd < 0) {
      const int err = errno;
      if (err == ELOOP && !opt_.follow_symlinks) {
        ++symlinks_;  // replaced by a symlink since readdir
        continue;
      }
      if (err == ENOENT)
        error(d.job.root, rel, "file vanished during the walk");
      else
        unreadable(d.job.root, rel, err, errno_message(err));
      continue;
    }
    read_file(w, fd, d.job.root, rel, abs, rel, false);
  }
}

void Walker::read_file(Worker& w, int raw_fd, std::size_t root, const std::string& rel, const std::string& abs,
                       const std::string& shown, bool root_itself) {
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
    deliver_large(fd.get(), static_cast<std::uint64_t>(st.st_size), root, rel, abs, root_itself);
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
      const std::size_t grown =
          static_cast<std::size_t>(std::min<std::uint64_t>(max + 1, static_cast<std::uint64_t>(w.cap) * 2));
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
    const bool short_read = static_cast<std::size_t>(r) < w.cap - n;
    n += static_cast<std::size_t>(r);
    if (!probed && n >= kBinaryProbeBytes) {
      probed = true;
      if (std::memchr(w.buf.get(), 0, kBinaryProbeBytes)) {
        ++binary_;
        return;
      }
    }
    // A regular file reads short only at its end: with the size fstat gave, no second read
    // is needed to see end-of-file (one system call per file fewer).
    if (short_read && n == static_cast<std::size_t>(st.st_size)) break;
  }
  if (n > max) {  // grew past the limit since fstat: read it in pieces like any large file
    struct stat now;
    deliver_large(fd.get(), ::fstat(fd.get(), &now) == 0 ? static_cast<std::uint64_t>(now.st_size) : n, root, rel, abs,
                  root_itself);
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
  file.root_itself = root_itself;
  file.size = n;
  file.bytes = std::string_view(w.buf.get(), n);
  sink_(file);
  ++scanned_;
}

void Walker::deliver_large(int fd, std::uint64_t size, std::size_t root, const std::string& rel, const std::string& abs,
                           bool root_itself) {
  WalkedFile file;
  file.root_index = root;
  file.rel_path = rel;
  file.abs_path = abs;
  file.root_itself = root_itself;
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

WalkStats walk(const WalkOptions& options, const WalkSink& sink) { return Walker(options, sink).run(); }

}  // namespace capmig::walk
