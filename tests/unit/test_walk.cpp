// The file walker: ignore rules (checked against git itself), excludes, binary and large
// files, symlinks, special files, unreadable and vanishing entries, roots and threads.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <git2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/walk/exclude.h"
#include "analyzer/walk/walk.h"

using namespace capmig;
using namespace capmig::walk;
namespace fs = std::filesystem;

namespace {

// Keeps libgit2 initialised for the whole run with no user or system config, so a global
// excludes file on the test machine cannot change what is ignored.
struct GitIsolation {
  fs::path empty_dir;
  GitIsolation() {
    git_libgit2_init();
    empty_dir = fs::temp_directory_path() / ("capmig-walk-noconfig-" + std::to_string(getpid()));
    fs::create_directories(empty_dir);
    for (auto level :
         {GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA})
      git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, empty_dir.c_str());
  }
  ~GitIsolation() {
    std::error_code ec;
    fs::remove_all(empty_dir, ec);
  }
};
void isolate_git() { static GitIsolation once; }

class TempTree {
 public:
  TempTree() {
    std::string tmpl = (fs::temp_directory_path() / "capmig-walk-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    root_ = tmpl;
  }
  ~TempTree() {
    std::error_code ec;
    fs::permissions(root_, fs::perms::owner_all, ec);
    for (auto it = fs::recursive_directory_iterator(root_, ec); !ec && it != fs::end(it); it.increment(ec))
      if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(root_, ec);
  }
  const fs::path& root() const { return root_; }
  fs::path file(const std::string& rel, const std::string& content = "x") const {
    const fs::path p = root_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }
  void dir(const std::string& rel) const { fs::create_directories(root_ / rel); }
  void git_init(const std::string& rel = "") const {
    isolate_git();
    git_repository* repo = nullptr;
    REQUIRE(git_repository_init(&repo, (root_ / rel).c_str(), 0) == 0);
    git_repository_free(repo);
  }

 private:
  fs::path root_;
};

struct Walked {
  std::map<std::string, std::string> files;  // "rel" or "root_index:rel" -> bytes
  WalkStats stats;
  std::vector<std::string> errors;  // "path: message"
};

Walked run(WalkOptions opt) {
  isolate_git();
  Walked out;
  std::mutex mu;
  const bool several = opt.roots.size() > 1;
  bool consistent = true;  // Catch2 assertions are not thread-safe: checked after the walk
  out.stats = walk::walk(opt, [&](const WalkedFile& f) {
    std::string key = several ? std::to_string(f.root_index) + ":" : "";
    key += f.rel_path;
    std::lock_guard lock(mu);
    // A large file comes open, unread: recorded as "<large N>".
    const bool sized = f.fd >= 0 ? f.bytes.empty() : f.size == f.bytes.size();
    consistent =
        consistent && sized && fs::path(f.abs_path).is_absolute() &&
        fs::path(f.abs_path).filename() == fs::path(std::string(f.rel_path)).filename() &&
        out.files.emplace(key, f.fd >= 0 ? "<large " + std::to_string(f.size) + ">" : std::string(f.bytes)).second;
  });
  CHECK(consistent);
  for (const auto& e : out.stats.errors) out.errors.push_back(e.path + ": " + e.message);
  return out;
}

Walked run(const fs::path& root, unsigned threads = 2) {
  WalkOptions opt;
  opt.roots = {root};
  opt.threads = threads;
  return run(opt);
}

std::set<std::string> keys(const Walked& w) {
  std::set<std::string> s;
  for (const auto& [k, v] : w.files) s.insert(k);
  return s;
}

// What git itself lists as untracked and not ignored: the reference for .gitignore exactness.
std::set<std::string> git_untracked(const fs::path& repo) {
  const std::string cmd = "cd '" + repo.string() +
                          "' && HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent GIT_CONFIG_NOSYSTEM=1 "
                          "git ls-files --others --exclude-standard 2>/dev/null";
  std::set<std::string> out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char line[4096];
  while (fgets(line, sizeof line, p)) {
    std::string s(line);
    while (!s.empty() && s.back() == '\n') s.pop_back();
    out.insert(s);
  }
  pclose(p);
  return out;
}

bool have_git() { return std::system("git --version >/dev/null 2>&1") == 0; }

void make_ignore_repo(const TempTree& t) {
  t.git_init();
  t.file(".gitignore",
         "*.log\n!keep.log\nbuild/\n!build/rescued.js\n/rootonly.txt\ndocs/*\n!docs/api/\n"
         "*.tmp\n!keep.tmp\n");
  t.file("a.js");
  t.file("debug.log");
  t.file("keep.log");
  t.file("build/out.js");
  t.file("build/rescued.js");  // git cannot re-include a file inside an excluded directory
  t.file("src/build");         // "build/" is directory-only: a file named build stays
  t.file("rootonly.txt");
  t.file("src/rootonly.txt");  // "/rootonly.txt" is anchored to the .gitignore's directory
  t.file("src/.gitignore", "secret.js\n!important.log\nkeep.tmp\n/anchored.js\n");
  t.file("keep.tmp");
  t.file("src/keep.tmp");     // the deeper .gitignore wins over the top-level "!keep.tmp"
  t.file("src/anchored.js");  // anchored to src/
  t.file("src/lib/anchored.js");
  t.file("src/lib/.gitignore", "!secret.js\n  \n# comment\n");
  t.file("src/lib/deeper/secret.js");  // re-included two levels down
  t.file("src/[x]/.gitignore", "*.js\n");
  t.file("src/[x]/a.js");  // glob characters in a directory name are literal
  t.file("src/secret.js");
  t.file("src/lib/secret.js");
  t.file("src/deep/er/secret.js");  // a slash-less pattern applies at every depth below
  t.file("src/lib/ok.js");
  t.file("src/important.log");  // re-included by the nested .gitignore
  t.file("other/secret.js");    // the nested .gitignore does not reach a sibling
  t.file("docs/readme.md");
  t.file("docs/api/index.md");  // "docs/*" then "!docs/api/" re-includes the directory
  t.file("excluded-by-info.js");
  t.file(".git/info/exclude", "excluded-by-info.js\n");
  t.file("node_modules/pkg/index.js");
  t.file("composer.json", "{}");  // makes vendor/ beside it a package manager's (SPEC)
  t.file("vendor/lib.js");
  t.file("src/vendor/deep.js");  // an application's own vendor/: scanned
  t.file("src/node_modules");    // only directories named node_modules are skipped
}

}  // namespace

TEST_CASE("walk: .gitignore semantics are git's, ignored directories are pruned", "[walk]") {
  TempTree t;
  make_ignore_repo(t);
  const auto w = run(t.root());
  const std::set<std::string> expected = {".gitignore",         "a.js",
                                          "keep.log",           "src/build",
                                          "src/rootonly.txt",   "src/.gitignore",
                                          "src/lib/secret.js",  "src/lib/ok.js",
                                          "src/important.log",  "other/secret.js",
                                          "docs/api/index.md",  "src/node_modules",
                                          "keep.tmp",           "src/lib/anchored.js",
                                          "src/lib/.gitignore", "src/lib/deeper/secret.js",
                                          "src/[x]/.gitignore", "composer.json",
                                          "src/vendor/deep.js"};
  CHECK(keys(w) == expected);
  CHECK(w.errors.empty());
  // debug.log, build/, rootonly.txt, src/secret.js, docs/readme.md, excluded-by-info.js,
  // node_modules/, vendor/ (beside composer.json), src/keep.tmp, src/anchored.js, src/[x]/a.js,
  // src/deep/er/secret.js
  CHECK(w.stats.skipped_ignored == 12);
  CHECK(w.stats.files_scanned == expected.size());

  if (have_git()) {
    // git's own answer, minus what capmig skips on top of .gitignore.
    auto reference = git_untracked(t.root());
    REQUIRE(!reference.empty());
    std::set<std::string> ours = keys(w);
    ours.insert({"node_modules/pkg/index.js", "vendor/lib.js"});
    CHECK(ours == reference);
  } else {
    WARN("git not installed: cross-check against git ls-files skipped");
  }
}

TEST_CASE("walk: --no-ignore keeps ignored files, node_modules and vendor, never .git", "[walk]") {
  TempTree t;
  make_ignore_repo(t);
  WalkOptions opt;
  opt.roots = {t.root()};
  opt.no_ignore = true;
  const auto w = run(opt);
  CHECK(w.files.size() == 32);
  CHECK(w.files.count("build/rescued.js"));
  CHECK(w.files.count("node_modules/pkg/index.js"));
  CHECK(w.files.count("src/vendor/deep.js"));
  for (const auto& [rel, bytes] : w.files) CHECK(rel.rfind(".git/", 0) != 0);
  CHECK(w.stats.skipped_ignored == 0);
}

TEST_CASE("walk: a root inside a repository uses the repository's rules", "[walk]") {
  TempTree t;
  make_ignore_repo(t);
  const auto w = run(t.root() / "src");
  CHECK(keys(w) == std::set<std::string>{"build", "rootonly.txt", ".gitignore", "lib/secret.js", "lib/ok.js",
                                         "important.log", "node_modules", "lib/anchored.js", "lib/.gitignore",
                                         "lib/deeper/secret.js", "[x]/.gitignore",
                                         "vendor/deep.js"});  // no package manifest beside it
  // An ignored directory named explicitly is walked, as ripgrep does.
  const auto b = run(t.root() / "build");
  CHECK(keys(b) == std::set<std::string>{"out.js", "rescued.js"});
}

TEST_CASE("walk: a nested repository follows its own rules, not the outer ones", "[walk]") {
  TempTree t;
  t.git_init();
  t.file(".gitignore", "outer.js\n");
  t.git_init("inner");
  t.file("inner/.gitignore", "inner-only.js\n");
  t.file("outer.js");
  t.file("inner/outer.js");
  t.file("inner/inner-only.js");
  t.file("inner/kept.js");
  const auto w = run(t.root());
  CHECK(keys(w) == std::set<std::string>{".gitignore", "inner/.gitignore", "inner/outer.js", "inner/kept.js"});
}

TEST_CASE("walk: outside a git work tree .gitignore is not applied (ripgrep's default)", "[walk]") {
  TempTree t;
  t.file(".gitignore", "*.js\n");
  t.file("a.js");
  t.file("node_modules/x.js");
  t.file(".git");  // a stray .git entry is still never walked
  const auto w = run(t.root());
  CHECK(keys(w) == std::set<std::string>{".gitignore", "a.js"});
  CHECK(w.stats.skipped_ignored == 1);
}

TEST_CASE("walk: exclude globs have .gitignore pattern semantics", "[walk][exclude]") {
  struct Case {
    const char* glob;
    const char* path;
    bool is_dir;
    bool match;
  };
  const Case cases[] = {
      {"*.min.js", "app.min.js", false, true},
      {"*.min.js", "a/b/app.min.js", false, true},
      {"*.min.js", "app.js", false, false},
      {"*.js", ".hidden.js", false, true},  // '*' matches a leading dot, as in gitignore
      {"src/*.js", "src/a.js", false, true},
      {"src/*.js", "src/x/a.js", false, false},    // '*' never crosses '/'
      {"src/*.js", "lib/src/a.js", false, false},  // a '/' anchors to the root
      {"/top.txt", "top.txt", false, true},
      {"/top.txt", "a/top.txt", false, false},
      {"dir/**", "dir/a/b.js", false, true},
      {"dir/**", "dir", false, false},  // a file named dir is not inside dir
      {"dir/**", "dir", true, true},    // the directory itself is pruned
      {"dir/**", "other/dir/a.js", false, false},
      {"**/fixtures/**", "fixtures/a.json", false, true},
      {"**/fixtures/**", "a/b/fixtures/c/d.json", false, true},
      {"**/fixtures/**", "a/fixtures", true, true},
      {"**/fixtures/**", "a/fixturesx/b", false, false},
      {"a/**/b.js", "a/b.js", false, true},
      {"a/**/b.js", "a/x/y/b.js", false, true},
      {"docs/", "docs", true, true},
      {"docs/", "docs", false, false},  // a trailing '/' matches directories only
      {"docs/", "x/docs", true, true},
      {"f?o.[ch]", "d/fxo.c", false, true},
      {"f?o.[ch]", "d/f/o.c", false, false},
      {"[!a]*.txt", "b.txt", false, true},
      {"[!a]*.txt", "a.txt", false, false},
      {"\\*literal", "*literal", false, true},
      {"\\*literal", "xliteral", false, false},
  };
  for (const auto& c : cases) {
    INFO(c.glob << " vs " << c.path << (c.is_dir ? "/" : ""));
    CHECK(ExcludeSet(std::vector<std::string>{c.glob}).matches(c.path, c.is_dir) == c.match);
  }
  CHECK_FALSE(ExcludeSet().matches("a", false));
  CHECK_FALSE(ExcludeSet(std::vector<std::string>{"", "/"}).matches("a", true));

  TempTree t;
  t.file("app.js");
  t.file("app.min.js");
  t.file("lib/x.min.js");
  t.file("dist/bundle.js");
  t.file("test/fixtures/token.txt");
  t.file("test/unit.js");
  WalkOptions opt;
  opt.roots = {t.root()};
  opt.excludes = {"*.min.js", "dist/**", "**/fixtures/**"};
  const auto w = run(opt);
  CHECK(keys(w) == std::set<std::string>{"app.js", "test/unit.js"});
  CHECK(w.stats.skipped_ignored == 4);  // two files, dist/ and test/fixtures/ pruned
}

TEST_CASE("walk: binary, invalid UTF-8, empty and oversized files", "[walk]") {
  TempTree t;
  t.file("binary.bin", std::string("abc\0def", 7));
  t.file("late-nul.txt", std::string(kBinaryProbeBytes, 'a') + std::string(1, '\0'));
  const std::string invalid = "token = \"\xff\xfe\xc3\x28\"\n";
  t.file("latin1.txt", invalid);
  t.file("empty.txt", "");
  t.file("at-limit.txt", std::string(1000, 'x'));
  t.file("over-limit.txt", std::string(1001, 'x'));
  // 50 MB, sparse so the test stays fast: its NUL bytes make it binary (read: 8 KiB).
  const fs::path huge = t.root() / "huge.js";
  {
    std::ofstream(huge) << "var a = 1;";
    fs::resize_file(huge, 50u * 1024 * 1024);
  }
  WalkOptions opt;
  opt.roots = {t.root()};
  opt.max_filesize = 1000;
  auto w = run(opt);
  // Over the limit is not skipped: delivered open, to be searched in pieces.
  CHECK(keys(w) == std::set<std::string>{"latin1.txt", "empty.txt", "at-limit.txt", "over-limit.txt", "late-nul.txt"});
  CHECK(w.files.at("latin1.txt") == invalid);
  CHECK(w.files.at("over-limit.txt") == "<large 1001>");
  CHECK(w.files.at("late-nul.txt") == "<large 8193>");
  CHECK(w.stats.skipped_binary == 2);  // binary.bin, huge.js
  CHECK(w.stats.large_files == 2);     // over-limit.txt, late-nul.txt
  CHECK(w.stats.files_scanned == 5);
  CHECK(w.errors.empty());

  opt.max_filesize = kDefaultMaxFilesize;
  w = run(opt);
  CHECK(w.stats.large_files == 0);
  CHECK(w.stats.skipped_binary == 2);
  CHECK(w.files.count("over-limit.txt"));
  // A NUL after the first 8 KiB does not make a file binary (git and ripgrep agree).
  CHECK(w.files.at("late-nul.txt").size() == kBinaryProbeBytes + 1);
}

TEST_CASE("walk: symlinks are skipped by default, followed without looping on request", "[walk]") {
  TempTree t;
  t.file("real/a.js", "a");
  fs::create_directory_symlink("..", t.root() / "real/loop");  // points back up
  fs::create_symlink("missing.js", t.root() / "dangling.js");
  fs::create_symlink("real/a.js", t.root() / "link.js");
  fs::create_symlink("self", t.root() / "self");  // ELOOP on resolution
  fs::create_directory_symlink("real", t.root() / "alias");

  auto w = run(t.root());
  CHECK(keys(w) == std::set<std::string>{"real/a.js"});
  CHECK(w.stats.skipped_symlinks == 5);
  CHECK(w.errors.empty());
  CHECK(w.stats.skipped_unreadable == 0);

  WalkOptions opt;
  opt.roots = {t.root()};
  opt.follow_symlinks = true;
  w = run(opt);
  CHECK(keys(w) == std::set<std::string>{"real/a.js", "link.js", "alias/a.js"});
  CHECK(w.errors == std::vector<std::string>{"alias/loop: symlink loop: points to a directory above it; not followed",
                                             "dangling.js: dangling symlink",
                                             "real/loop: symlink loop: points to a directory above it; not followed",
                                             "self: symlink loop (too many levels of symbolic links)"});
  // Loops and dangling links cost no content: counted, but the walk is still complete.
  CHECK(w.stats.skipped_symlinks == 4);
  for (const auto& e : w.stats.errors) CHECK_FALSE(e.incomplete);

  // A root that is a symlink is followed either way.
  w = run(t.root() / "alias");
  CHECK(keys(w) == std::set<std::string>{"a.js"});
}

TEST_CASE("walk: FIFOs and sockets are counted, never opened", "[walk]") {
  TempTree t;
  t.file("a.js");
  REQUIRE(mkfifo((t.root() / "pipe").c_str(), 0644) == 0);
  const auto w = run(t.root());  // would hang here if the FIFO were opened
  CHECK(keys(w) == std::set<std::string>{"a.js"});
  CHECK(w.errors.empty());
  CHECK(w.stats.skipped_special == 1);
  // Ignored or excluded special files are not worth an error.
  WalkOptions opt;
  opt.roots = {t.root()};
  opt.excludes = {"pipe"};
  CHECK(run(opt).errors.empty());
}

TEST_CASE("walk: unreadable files and directories are errors, not failures", "[walk]") {
  TempTree t;
  t.file("ok.js");
  t.file("locked.js");
  t.file("closed/inner.js");
  fs::permissions(t.root() / "locked.js", fs::perms::none);
  fs::permissions(t.root() / "closed", fs::perms::none);
  fs::permissions(t.root(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
  // root reads anything; drop to nobody for the walk (and back: the saved uid stays 0).
  const bool as_root = geteuid() == 0;
  if (as_root && seteuid(65534) != 0) {
    WARN("running as root without CAP_SETUID: permission errors cannot be provoked; skipped");
    return;
  }
  Walked w;
  try {
    w = run(t.root());
  } catch (...) {
    if (as_root) REQUIRE(seteuid(0) == 0);
    throw;
  }
  if (as_root) REQUIRE(seteuid(0) == 0);
  CHECK(keys(w) == std::set<std::string>{"ok.js"});
  CHECK(w.errors == std::vector<std::string>{"closed: Permission denied", "locked.js: Permission denied"});
  CHECK(w.stats.skipped_unreadable == 2);
  for (const auto& e : w.stats.errors) CHECK(e.incomplete);
}

TEST_CASE("walk: entries that vanish during the walk are reported", "[walk]") {
  TempTree t;
  for (const char* f : {"a.js", "b.js", "c.js"}) t.file(f);
  t.file("sub/d.js");
  WalkOptions opt;
  opt.roots = {t.root()};
  opt.threads = 1;  // the root's files are read before its subdirectories are visited
  int delivered = 0;
  isolate_git();
  const auto stats = walk::walk(opt, [&](const WalkedFile&) {
    if (delivered++ == 0) {
      std::error_code ec;
      for (const char* f : {"a.js", "b.js", "c.js"}) fs::remove(t.root() / f, ec);
      fs::remove_all(t.root() / "sub", ec);
    }
  });
  CHECK(delivered == 1);
  REQUIRE(stats.errors.size() == 3);
  int files = 0;
  for (const auto& e : stats.errors) files += e.message == "file vanished during the walk" ? 1 : 0;
  CHECK(files == 2);
  CHECK(stats.errors.back().path == "sub");
  CHECK(stats.errors.back().message == "directory vanished during the walk");
}

TEST_CASE("walk: several roots, a file root, a missing root", "[walk]") {
  TempTree t;
  t.file("one/a.js", "1");
  t.file("two/a.js", "2");
  t.file("single.py", "3");
  WalkOptions opt;
  opt.roots = {t.root() / "one", t.root() / "two", t.root() / "single.py", t.root() / "nope"};
  const auto w = run(opt);
  CHECK(w.files == std::map<std::string, std::string>{{"0:a.js", "1"}, {"1:a.js", "2"}, {"2:single.py", "3"}});
  REQUIRE(w.stats.errors.size() == 1);
  CHECK(w.stats.errors[0].root_index == 3);
  CHECK(w.stats.errors[0].path == (t.root() / "nope").string());
  CHECK(w.stats.errors[0].message == "No such file or directory");
}

TEST_CASE("walk: the delivered set does not depend on the thread count", "[walk]") {
  TempTree t;
  make_ignore_repo(t);
  for (int d = 0; d < 20; ++d)
    for (int f = 0; f < 10; ++f)
      t.file("many/d" + std::to_string(d) + "/f" + std::to_string(f) + ".js", std::to_string(d * f));
  const auto one = run(t.root(), 1);
  for (unsigned n : {2u, 4u, 8u}) {
    const auto w = run(t.root(), n);
    CHECK(w.files == one.files);
    CHECK(w.stats.skipped_ignored == one.stats.skipped_ignored);
  }
  CHECK(one.files.size() == 19 + 200);
}

TEST_CASE("walk: an exception from the sink stops the walk and reaches the caller", "[walk]") {
  TempTree t;
  for (int i = 0; i < 50; ++i) t.file("f" + std::to_string(i) + ".js");
  WalkOptions opt;
  opt.roots = {t.root()};
  opt.threads = 4;
  isolate_git();
  CHECK_THROWS_WITH(walk::walk(opt, [](const WalkedFile&) { throw std::runtime_error("sink failed"); }), "sink failed");
}

TEST_CASE("walk: the ignore screen hides no path git ignores", "[walk]") {
  // Patterns of every shape the screen reads (globs, brackets, escapes, **, anchors,
  // directory-only, negations), over names that hold their pieces in and out of order.
  TempTree t;
  t.git_init();
  t.file(".gitignore",
         "*.min.js\nfoo?bar.txt\n[Tt]humbs.db\n\\#hash.txt\n\\!bang.txt\ncache/**\n**/gen/*.py\n/Anchored.md\n"
         "out/\n*~\nlogs/*.log\n!logs/keep.log\na[!x]c.js\n.env*\nweird[.txt\n");
  t.file("sub/.gitignore", "*.snap\n!a.snap\n");
  t.file(".git/info/exclude", "local-*.cfg\n");
  const std::vector<std::string> dirs = {"", "sub/", "sub/gen/", "cache/", "x/out/", "logs/", "deep/a/b/"};
  const std::vector<std::string> names = {
      "app.min.js", "app.js",    "min.js.txt", "foo-bar.txt", "foobar.txt", "Thumbs.db", "thumbs.db",
      "Xhumbs.db",  "#hash.txt", "hash.txt",   "!bang.txt",   "bang.txt",   "x.py",      "Anchored.md",
      "notes.md~",  "keep.log",  "other.log",  "abc.js",      "axc.js",     ".env",      ".env.local",
      "env",        "a.snap",    "b.snap",     "local-1.cfg", "weird[.txt", "out",       "APP.MIN.JS"};
  for (const auto& d : dirs)
    for (const auto& n : names) t.file(d + n);
  if (!have_git()) {
    WARN("git not installed: cross-check against git ls-files skipped");
    return;
  }
  const auto w = run(t.root());
  CHECK(keys(w) == git_untracked(t.root()));
}
