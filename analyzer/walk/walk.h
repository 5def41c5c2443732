#pragma once
// The first stage of the scan pipeline: find the candidate files under the roots and hand
// each one's bytes to a sink, in parallel, never holding more than one file per thread.
//
// Skipped by default: .git (always), directories named node_modules, a vendor/ beside
// composer.json, Gemfile or go.mod (a package manager's; an application's own vendor/ is
// walked), and what .gitignore excludes. Like ripgrep, .gitignore rules (nested files, .git/info/exclude,
// core.excludesFile) apply only inside a git work tree; they are evaluated by libgit2.
// A directory that is ignored is pruned, not descended into. A root named explicitly is
// always walked, even when git ignores it (then .gitignore is not applied below it: git
// ignores everything inside an ignored directory).
// Symbolic links are not followed (like ripgrep) unless follow_symlinks is set; a root that is
// a symlink is always followed. FIFOs, sockets and devices are never opened.
// Pseudo file systems (proc, sysfs, cgroup, ...) are never entered; with follow_symlinks the
// walk also stays on the file systems of its roots.
// No depth is too deep: directories are opened relative to their parent's path in pieces
// shorter than PATH_MAX. Every file that is not delivered is counted by reason in WalkStats.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace capmig::walk {

inline constexpr std::uint64_t kDefaultMaxFilesize = 10 * 1024 * 1024;
// A NUL byte within this prefix makes a file binary, as in git and ripgrep.
inline constexpr std::size_t kBinaryProbeBytes = 8192;

struct WalkOptions {
  std::vector<std::filesystem::path> roots;
  unsigned threads = 0;               // 0: one per core
  bool no_ignore = false;             // --no-ignore: keep .gitignore'd files, node_modules/, vendor/
  std::vector<std::string> excludes;  // --exclude globs, relative to each root (exclude.h)
  // Larger files are not read whole: they are delivered open (WalkedFile::fd) for the sink
  // to search in pieces.
  std::uint64_t max_filesize = kDefaultMaxFilesize;
  bool follow_symlinks = false;  // loops are detected and reported, never followed
};

// One candidate file. The views are valid only during the sink call.
struct WalkedFile {
  std::size_t root_index = 0;  // into WalkOptions::roots
  // '/'-separated, relative to the root (the file name when the root is the file itself):
  // (root_index, rel_path) is unique and stable, the key for deterministic output order.
  std::string_view rel_path;
  std::string_view abs_path;
  bool root_itself = false;  // the root is this file, not a directory holding it
  std::uint64_t size = 0;
  std::string_view bytes;  // the whole file; may be invalid UTF-8, never has NUL in 8 KiB
  // Over max_filesize: `bytes` is empty and the file is open here, for pread(2) in pieces
  // (valid only during the sink call). -1 otherwise.
  int fd = -1;
};

// Called from several threads at once. An exception stops the walk and is rethrown by walk().
using WalkSink = std::function<void(const WalkedFile&)>;

struct WalkError {
  std::size_t root_index = 0;
  std::string path;  // relative to the root like rel_path; the root as given for the root
  std::string message;
  // False for what costs no content: a symlink loop or a dangling symlink (with follow).
  // Every other error means files that should have been read were not: the walk is incomplete.
  bool incomplete = true;
};

struct WalkStats {
  std::uint64_t files_scanned = 0;  // delivered to the sink (large files included)
  std::uint64_t large_files = 0;    // over max_filesize: delivered open, for reading in pieces
  std::uint64_t skipped_binary = 0;
  std::uint64_t skipped_ignored = 0;   // .gitignore, node_modules/vendor, --exclude; a pruned
                                       // directory counts once, .git is not counted
  std::uint64_t skipped_symlinks = 0;  // not followed (or dangling, or a loop, with follow)
  std::uint64_t skipped_special = 0;   // FIFOs, sockets, devices: never opened
  std::uint64_t skipped_other_fs = 0;  // a pseudo file system, or (follow) another file system
  // These make the walk incomplete, and each also has an error that says why.
  std::uint64_t skipped_unreadable = 0;  // a file, or a whole directory, that could not be read
  std::uint64_t skipped_too_deep = 0;    // a path the kernel refuses even in pieces
  std::vector<WalkError> errors;         // never fatal; sorted by (root_index, path, message)
};

WalkStats walk(const WalkOptions& options, const WalkSink& sink);

}  // namespace capmig::walk
