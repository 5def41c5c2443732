// scan --history's library: the tree comparison reports only what changed, a secret is the
// same finding wherever it moves, and the replay names the commits that introduced and
// removed each finding. Repositories are built with the git command line in a temp directory.
#include <catch2/catch.hpp>

#include <git2.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/history/commit_header.h"
#include "analyzer/history/finding_key.h"
#include "analyzer/history/git_handle.h"
#include "analyzer/history/history_scan.h"
#include "analyzer/history/object_reader.h"
#include "analyzer/history/pack_files.h"
#include "analyzer/history/tree_changes.h"
#include "analyzer/map/table.h"
#include "analyzer/scan/scanner.h"
#include "analyzer/walk/git_ignore.h"

using namespace capmig;
namespace fs = std::filesystem;

namespace {

// A scratch repository; git runs with no user or system configuration.
struct Repo {
  fs::path dir;
  Repo() {
    char tmpl[] = "/tmp/capmig-history-unit.XXXXXX";
    REQUIRE(mkdtemp(tmpl));
    dir = tmpl;
    git("init -q -b main .");
  }
  ~Repo() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void git(const std::string& args) const {
    const std::string cmd = "cd '" + dir.string() +
                            "' && HOME=/nonexistent GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@x "
                            "GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@x GIT_AUTHOR_DATE='2024-05-01T12:00:00Z' "
                            "GIT_COMMITTER_DATE='2024-05-01T12:00:00Z' git " +
                            args + " >/dev/null 2>&1";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
  void file(const std::string& rel, const std::string& text) const {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << text;
  }
  std::string commit(const std::string& message) const {
    git("add -A");
    git("commit -q --allow-empty -m '" + message + "'");
    return head();
  }
  std::string head() const {
    const std::string cmd = "git -C '" + dir.string() + "' rev-parse HEAD";
    FILE* p = popen(cmd.c_str(), "r");
    char buf[64] = {};
    REQUIRE(p);
    REQUIRE(fgets(buf, sizeof buf, p));
    pclose(p);
    return std::string(buf, 40);
  }
};

const scan::RuleSet& rules() {
  static const auto r = scan::load_rules({});
  REQUIRE(r.ok());
  return *r;
}

history::HistoryReport run(const Repo& repo, const std::string& range = "") {
  history::HistoryOptions o;
  o.repository = repo.dir.string();
  o.range = range;
  o.match.table = &map::MappingTable::builtin();
  o.match.now = 1700000000;
  o.threads = 2;
  auto r = history::scan_history(o, rules());
  REQUIRE(r.ok());
  return std::move(*r);
}

const char* const kToken = "5e0c9a8b7d6f4e3a2b1c0d9e8f7a6b5c";  // test data, not a real token

// A built repository opened the way scan --history reads it: libgit2, its packs, one reader.
struct Opened {
  const walk::LibGit2Session session;  // first in, last out: libgit2 outlives the handles
  history::GitPtr<git_repository> repo;
  std::unique_ptr<const history::PackFiles> packs;
  std::unique_ptr<history::ObjectReader> reader;

  explicit Opened(const Repo& built) {
    git_repository* raw = nullptr;
    REQUIRE(git_repository_open(&raw, built.dir.c_str()) == 0);
    repo.reset(raw);
    packs = std::make_unique<const history::PackFiles>(repo.get());
    reader = std::make_unique<history::ObjectReader>(repo.get(), *packs);
  }
  // The bytes of a commit's tree, read through the reader.
  std::shared_ptr<const std::string> tree_of(const std::string& commit_hex) {
    git_oid id;
    REQUIRE(git_oid_fromstr(&id, commit_hex.c_str()) == 0);
    git_commit* c = nullptr;
    REQUIRE(git_commit_lookup(&c, repo.get(), &id) == 0);
    history::RawObject t;
    const bool read = reader->read(*git_commit_tree_id(c), GIT_OBJECT_TREE, t);
    git_commit_free(c);
    REQUIRE(read);
    return t.data;
  }
};

// Each change as its path, then "-" for an old side and "+" for a new one.
std::vector<std::string> change_names(const std::vector<history::TreeChange>& changes) {
  std::vector<std::string> out;
  out.reserve(changes.size());
  for (const auto& c : changes) out.push_back(c.path + (c.has_old ? "-" : "") + (c.has_new ? "+" : ""));
  return out;
}

}  // namespace

TEST_CASE("history: tree comparison reports only the changed paths", "[history]") {
  Repo repo;
  repo.file("a/one.txt", "1\n");
  repo.file("a/deep/two.txt", "2\n");
  repo.file("b/three.txt", "3\n");
  const std::string first = repo.commit("one");
  repo.file("b/three.txt", "33\n");
  repo.file("b/new.txt", "4\n");
  fs::remove(repo.dir / "a/deep/two.txt");
  const std::string second = repo.commit("two");

  Opened opened(repo);
  history::ObjectReader& reader = *opened.reader;
  const auto t1 = opened.tree_of(first), t2 = opened.tree_of(second);
  std::vector<history::TreeChange> changes;
  std::vector<std::string> errors;
  history::compare_trees(reader, *t1, *t2, "", changes, errors);
  CHECK(errors.empty());
  std::vector<std::string> got = change_names(changes);
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<std::string>{"a/deep/two.txt-", "b/new.txt+", "b/three.txt-+"});

  changes.clear();
  history::compare_trees(reader, {}, *t1, "", changes, errors);
  CHECK(changes.size() == 3);  // against the empty tree: every blob is new
}

TEST_CASE("history: a file that becomes a directory is compared by name, in git's order", "[history]") {
  Repo repo;
  repo.file("x", "file\n");
  repo.file("x.txt", "1\n");
  const std::string first = repo.commit("one");
  fs::remove(repo.dir / "x");
  repo.file("x/inner.txt", "2\n");
  const std::string second = repo.commit("two");

  Opened opened(repo);
  history::ObjectReader& reader = *opened.reader;
  std::vector<history::TreeChange> changes;
  std::vector<std::string> errors;
  history::compare_trees(reader, *opened.tree_of(first), *opened.tree_of(second), "", changes, errors);
  CHECK(errors.empty());
  std::vector<std::string> got = change_names(changes);
  // "x/" sorts after "x.txt", "x" before it: the file's removal still pairs with the directory.
  CHECK(got == std::vector<std::string>{"x-", "x/inner.txt+"});
}

TEST_CASE("history: objects read from packs, deltas and all, are libgit2's bytes", "[history]") {
  Repo repo;
  std::string text;
  for (int i = 0; i < 40; ++i) {
    text += "line " + std::to_string(i) + " of a file that changes a little each commit\n";
    repo.file("src/app.py", text);
    repo.file("src/n" + std::to_string(i % 7) + ".txt", std::to_string(i) + "\n");
    repo.commit("c" + std::to_string(i));
  }
  repo.git("repack -a -d -q --depth=50 --window=50");
  repo.file("loose.txt", "not packed\n");
  repo.commit("loose");

  Opened opened(repo);
  history::ObjectReader& reader = *opened.reader;
  const history::PackFiles& packs = *opened.packs;
  git_repository* const r = opened.repo.get();
  git_odb* odb = nullptr;
  REQUIRE(git_repository_odb(&odb, r) == 0);
  struct Check {
    history::ObjectReader* reader;
    const history::PackFiles* packs;
    std::size_t objects = 0, packed = 0, same = 0, limited = 0, over = 0;
  } check{&reader, &packs};
  REQUIRE(git_odb_foreach(
              odb,
              [](const git_oid* id, void* payload) {
                auto& c = *static_cast<Check*>(payload);
                git_odb* o = nullptr;
                git_repository_odb(&o, c.reader->repository());
                git_odb_object* want = nullptr;
                git_odb_read(&want, o, id);
                history::RawObject got;
                ++c.objects;
                if (c.packs->find(*id)) ++c.packed;
                if (want && c.reader->read(*id, got) && got.type == git_odb_object_type(want) &&
                    *got.data ==
                        std::string(static_cast<const char*>(git_odb_object_data(want)), git_odb_object_size(want)))
                  ++c.same;
                // With a limit, an object over it is sized (from its header, or its delta's)
                // and left unread; one under it is read as before.
                constexpr std::uint64_t kLimit = 600;
                history::RawObject limited;
                std::uint64_t size = 0;
                if (want && c.reader->read(*id, git_odb_object_type(want), kLimit, limited, size) &&
                    size == git_odb_object_size(want) && limited.type == git_odb_object_type(want) &&
                    (size > kLimit ? !limited.data : limited.data && *limited.data == *got.data)) {
                  ++c.limited;
                  if (size > kLimit && c.packs->find(*id)) ++c.over;
                }
                git_odb_object_free(want);
                git_odb_free(o);
                return 0;
              },
              &check) == 0);
  git_odb_free(odb);
  CHECK(check.packed > 100);
  CHECK(check.packed < check.objects);  // the last commit's objects are loose: libgit2 reads them
  CHECK(check.same == check.objects);
  CHECK(check.limited == check.objects);
  CHECK(check.over > 20);  // src/app.py's later versions: deltas whose target is over the limit
  git_oid missing;
  REQUIRE(git_oid_fromstr(&missing, "0123456789abcdef0123456789abcdef01234567") == 0);
  history::RawObject none;
  CHECK_FALSE(reader.read(missing, none));
}

TEST_CASE("history: a commit's header gives its tree, parents and times", "[history]") {
  const std::string tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
  const std::string p1 = "0123456789abcdef0123456789abcdef01234567", p2 = "89abcdef0123456789abcdef0123456789abcdef";
  history::CommitHeader h;
  REQUIRE(history::parse_commit_header("tree " + tree + "\nparent " + p1 + "\nparent " + p2 +
                                           "\nauthor A <a@x> 1700000000 -0130\ncommitter C <c@x> 1700000600 +0200\n"
                                           "gpgsig -----BEGIN-----\n\nmessage\n",
                                       h));
  CHECK(history::oid_hex(h.tree) == tree);
  REQUIRE(h.parents.size() == 2);
  CHECK(history::oid_hex(h.parents[1]) == p2);
  CHECK(h.author_time == 1700000000);
  CHECK(h.author_offset == -90);
  CHECK(h.commit_time == 1700000600);
  // Anything not in the plain form is left to libgit2.
  CHECK_FALSE(
      history::parse_commit_header("tree " + tree + "\nauthor A <a@x> 1700000000\ncommitter C <c@x> 1 +0000\n", h));
  CHECK_FALSE(history::parse_commit_header("tree " + tree + "\ncommitter C <c@x> 1 +0000\n", h));
  CHECK_FALSE(history::parse_commit_header("tree 1234\n", h));
}

TEST_CASE("history: a secret is keyed by its value, wherever it is", "[history]") {
  const std::string a = std::string("TWILIO_AUTH_TOKEN = \"") + kToken + "\"\n";
  const std::string b = std::string("# settings\n\nclient = Client('AC") + std::string(32, '1') + "', '" + kToken +
                        "')\nauth_token = \"" + kToken + "\"\n";
  const std::string c = std::string("TWILIO_AUTH_TOKEN = \"6e0c9a8b7d6f4e3a2b1c0d9e8f7a6b5c\"\n");
  scan::MatchOptions o;
  o.table = &map::MappingTable::builtin();
  auto fa = scan::scan_source("settings.py", a, rules(), o);
  auto fb = scan::scan_source("config/other.py", b, rules(), o);
  auto fc = scan::scan_source("settings.py", c, rules(), o);
  REQUIRE(fa.size() == 1);
  REQUIRE(!fb.empty());
  REQUIRE(fc.size() == 1);
  CHECK(history::secret_value(fa[0], a) == kToken);
  CHECK(history::finding_key(fa[0], a) == history::finding_key(fb.back(), b));
  CHECK(history::finding_key(fa[0], a) != history::finding_key(fc[0], c));
  CHECK(history::finding_key(fa[0], a).find(kToken) == std::string::npos);  // a hash, never the value
}

TEST_CASE("history: introducing and removing commits, renames and ranges", "[history]") {
  Repo repo;
  repo.file("settings.py", std::string("TWILIO_AUTH_TOKEN = \"") + kToken + "\"\n");
  repo.file("README.md", "hello\n");
  const std::string added = repo.commit("add");
  repo.git("mv settings.py config.py");
  const std::string moved = repo.commit("rename");
  repo.file("README.md", "hello again\n");
  const std::string touched = repo.commit("docs");

  auto r = run(repo);
  CHECK(r.commits == 3);
  CHECK(r.head == touched);
  REQUIRE(r.findings.size() == 1);
  const auto& f = r.findings[0];
  CHECK(f.introduced.oid == added);
  CHECK(f.introduced.path == "settings.py");
  CHECK(f.introduced.line == 1);
  CHECK(f.introduced.author_time == 1714564800);
  CHECK(f.shown == "5e0c\u2026");
  CHECK(f.at_head);  // moved, not removed
  CHECK_FALSE(f.removed_by);

  fs::remove(repo.dir / "config.py");
  const std::string removed = repo.commit("remove");
  auto r2 = run(repo);
  REQUIRE(r2.findings.size() == 1);
  CHECK_FALSE(r2.findings[0].at_head);
  REQUIRE(r2.findings[0].removed_by);
  CHECK(r2.findings[0].removed_by->oid == removed);
  CHECK(r2.findings[0].removed_by->path == "config.py");

  // A range starting after the secret was added: it was not introduced in the range.
  auto r3 = run(repo, moved + "..HEAD");
  CHECK(r3.commits == 2);
  CHECK(r3.findings.empty());
  CHECK(r3.blobs_scanned >= 2);  // the range's own blobs and the base tree's
}
