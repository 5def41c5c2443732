#include "analyzer/history/history_scan.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <thread>
#include <unordered_map>

#include "analyzer/core/utf8.h"
#include "analyzer/history/commit_graph.h"
#include "analyzer/history/finding_key.h"
#include "analyzer/history/git_handle.h"
#include "analyzer/history/object_reader.h"
#include "analyzer/history/pack_files.h"
#include "analyzer/history/tree_changes.h"
#include "analyzer/scan/match/secret.h"
#include "analyzer/scan/scanner.h"
#include "analyzer/walk/git_ignore.h"

namespace capmig::history {
namespace {

// What history reports: secrets, tokens and minting code (client code follows the mint).
bool reported_category(scan::Category c) {
  return c == scan::Category::hardcoded_secret || c == scan::Category::embedded_token ||
         c == scan::Category::capability_mint;
}

// One distinct finding of a blob, with how many times the blob holds it.
struct BlobHit {
  int key = -1;
  int count = 0;
  scan::Finding finding;
  std::string shown;
};

struct Blob {
  git_oid oid{};
  EntryKind kind = EntryKind::file;
  std::string path;  // where it was first seen: its language and rules
  // Filled by the scanning phase.
  std::vector<BlobHit> hits;
  std::vector<std::string> keys;  // parallel to hits until keys are interned
  std::string skip_reason;        // "binary", "too large"; empty when scanned
  bool scanned = false;
  std::uint64_t size = 0;
  bool reported = false;  // a skip already listed
};

struct Change {
  std::string path;
  int old_blob = -1, new_blob = -1;
};

struct NodeWork {
  std::vector<Change> changes;
  int base_list = -1;  // the outside parent's whole tree (A..B): an index into `lists`
  bool tree_missing = false;
};

class Walker {
 public:
  Walker(const HistoryOptions& o, const scan::RuleSet& rules, git_repository* repo, const PackFiles& packs,
         ObjectReader& reader)
      : options_(o), rules_(rules), repo_(repo), packs_(packs), reader_(reader) {}

  HistoryReport run(const CommitGraph& g);

 private:
  int intern_blob(const TreeEntryRef& ref, const std::string& path);
  std::vector<int> whole_tree(const git_oid& tree_id, const std::string& what);
  void collect_changes(const CommitGraph& g);
  void scan_blobs();
  // fn(reader, i) for every i below count, on the option's threads; each thread has its own
  // reader and repository handle (libgit2 handles are not shared between threads).
  template <class Fn>
  void parallel_for(std::size_t count, const Fn& fn);
  void scan_one(ObjectReader& reader, Blob& b);
  void replay(const CommitGraph& g);
  CommitPoint point(const CommitNode& n, const std::string& path, std::uint32_t line) const;

  const HistoryOptions& options_;
  const scan::RuleSet& rules_;
  git_repository* repo_;
  const PackFiles& packs_;  // shared by every thread's reader: read-only
  ObjectReader& reader_;    // this thread's
  HistoryReport report_;
  std::vector<Blob> blobs_;
  std::unordered_map<git_oid, int, OidHash, OidEq> blob_index_;
  std::vector<NodeWork> work_;
  std::vector<std::vector<int>> lists_;  // whole trees: outside parents, and HEAD when not walked
  std::unordered_map<git_oid, int, OidHash, OidEq> list_of_tree_;
  int head_node_ = -1, head_list_ = -1;
  std::unordered_map<std::string, int> key_index_;
};

template <class Fn>
void Walker::parallel_for(std::size_t count, const Fn& fn) {
  unsigned threads = options_.threads ? options_.threads : std::max(1U, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(1, count / 64)));
  // About eight runs a thread: enough that the threads finish together, few enough that
  // little is read twice (a run's first trees come from the far end of their delta chains:
  // 256-item runs inflated 14% more than one thread on the bench's 10,000 commits, these 8%).
  const std::size_t chunk = std::clamp<std::size_t>(count / (threads * 8U), 1, 1024);
  std::atomic<std::size_t> next{0};
  std::vector<std::string> failures(threads);
  const std::string gitdir = git_repository_path(repo_);
  auto work = [&](unsigned t) {
    git_repository* raw = nullptr;
    if (git_repository_open(&raw, gitdir.c_str()) != 0) {
      failures[t] = git_error_text(gitdir);
      return;
    }
    GitPtr<git_repository> repo(raw);
    ObjectReader reader(repo.get(), packs_);
    // Neighbouring items share objects (a commit's tree is its child's base, and a pack stores
    // one version as a delta of the one before): runs of them stay on one thread, whose
    // reader then has the previous version in its cache.
    for (std::size_t begin; (begin = next.fetch_add(chunk)) < count;)
      for (std::size_t i = begin, end = std::min(count, begin + chunk); i < end; ++i) fn(reader, i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  // A thread that could not open the repository left its share to the others; if all failed,
  // nothing was read: say so.
  if (next.load() < count)
    for (auto& f : failures)
      if (!f.empty()) report_.errors.push_back({"", f});
}

CommitPoint Walker::point(const CommitNode& n, const std::string& path, std::uint32_t line) const {
  // Git stores path bytes as they were: reports are UTF-8, as scan's.
  return CommitPoint{oid_hex(n.oid), n.author_time, n.author_offset, valid_utf8(path), line};
}

int Walker::intern_blob(const TreeEntryRef& ref, const std::string& path) {
  const auto [it, added] = blob_index_.emplace(ref.oid, static_cast<int>(blobs_.size()));
  if (added) {
    Blob b;
    b.oid = ref.oid;
    b.kind = ref.kind;
    b.path = path;
    blobs_.push_back(std::move(b));
  }
  return it->second;
}

std::vector<int> Walker::whole_tree(const git_oid& tree_id, const std::string& what) {
  std::vector<int> out;
  RawObject tree;
  if (!reader_.read(tree_id, GIT_OBJECT_TREE, tree)) {
    report_.errors.push_back({what, git_error_text("tree " + oid_hex(tree_id) + " is missing")});
    return out;
  }
  std::vector<TreeChange> changes;
  std::vector<std::string> errors;
  compare_trees(reader_, {}, *tree.data, "", changes, errors);
  for (auto& e : errors) report_.errors.push_back({what, std::move(e)});
  for (const auto& c : changes)
    if (c.has_new) out.push_back(intern_blob(c.new_side, c.path));
  return out;
}

void Walker::collect_changes(const CommitGraph& g) {
  const std::size_t n = g.nodes.size();
  work_.resize(n);
  // The tree each commit is compared with: its first parent's, the outside parent's (A..B),
  // or none. Outside parents are looked up here, once each.
  std::vector<git_oid> base(n);
  std::vector<char> has_base(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const CommitNode& c = g.nodes[i];
    if (c.first_parent >= 0) {
      base[i] = g.nodes[static_cast<std::size_t>(c.first_parent)].tree;
      has_base[i] = 1;
    } else if (c.parent_outside) {
      git_commit* pc = nullptr;
      if (git_commit_lookup(&pc, repo_, &c.outside_parent) != 0) continue;
      GitPtr<git_commit> parent(pc);
      base[i] = *git_commit_tree_id(parent.get());
      has_base[i] = 1;
      auto [it, added] = list_of_tree_.emplace(base[i], static_cast<int>(lists_.size()));
      if (added) lists_.push_back(whole_tree(base[i], "commit " + oid_hex(c.outside_parent)));
      work_[i].base_list = it->second;
    }
  }
  // Each commit's comparison is independent of the others': spread over the threads.
  std::vector<std::vector<TreeChange>> changes(n);
  std::vector<std::vector<std::string>> errors(n);
  parallel_for(n, [&](ObjectReader& reader, std::size_t i) {
    const CommitNode& c = g.nodes[i];
    RawObject tree;
    if (!reader.read(c.tree, GIT_OBJECT_TREE, tree)) {
      errors[i].push_back(git_error_text("tree " + oid_hex(c.tree) + " is missing"));
      work_[i].tree_missing = true;
      return;
    }
    RawObject base_tree;  // none or unreadable (or not a tree): compared with the empty tree
    if (has_base[i] && !reader.read(base[i], GIT_OBJECT_TREE, base_tree)) base_tree.data.reset();
    compare_trees(reader, base_tree.data ? std::string_view(*base_tree.data) : std::string_view(), *tree.data, "",
                  changes[i], errors[i]);
  });
  // Blobs are numbered in history order, so each is scanned as the path it first had.
  std::size_t sides = 0;
  for (const auto& c : changes) sides += c.size();
  blobs_.reserve(blobs_.size() + sides);  // at most one blob a change (most change one file)
  blob_index_.reserve(blob_index_.size() + sides);
  for (std::size_t i = 0; i < n; ++i) {
    work_[i].changes.reserve(changes[i].size());
    for (auto& e : errors[i]) report_.errors.push_back({"commit " + oid_hex(g.nodes[i].oid), std::move(e)});
    for (auto& c : changes[i]) {
      Change ch;
      if (c.has_old) ch.old_blob = intern_blob(c.old_side, c.path);
      if (c.has_new) ch.new_blob = intern_blob(c.new_side, c.path);
      ch.path = std::move(c.path);
      work_[i].changes.push_back(std::move(ch));
    }
    std::vector<TreeChange>().swap(changes[i]);
  }
  git_oid head;
  if (git_reference_name_to_id(&head, repo_, "HEAD") != 0) return;  // unborn: nothing is at HEAD
  report_.head = oid_hex(head);
  for (std::size_t i = 0; i < g.nodes.size(); ++i)
    if (git_oid_equal(&g.nodes[i].oid, &head)) head_node_ = static_cast<int>(i);
  if (head_node_ >= 0) return;
  git_commit* hc = nullptr;
  if (git_commit_lookup(&hc, repo_, &head) != 0) {
    report_.errors.push_back({"HEAD", git_error_text("commit " + oid_hex(head) + " is missing")});
    return;
  }
  GitPtr<git_commit> commit(hc);
  head_list_ = static_cast<int>(lists_.size());
  lists_.push_back(whole_tree(*git_commit_tree_id(commit.get()), "HEAD"));
}

void Walker::scan_one(ObjectReader& reader, Blob& b) {
  RawObject blob;
  std::uint64_t size = 0;
  // A blob over the limit is never inflated: a 2 GB video in an old commit costs a header read.
  if (!reader.read(b.oid, GIT_OBJECT_BLOB, options_.max_filesize, blob, size)) {
    b.skip_reason = "missing";
    return;
  }
  b.size = size;
  if (!blob.data || b.size > options_.max_filesize) {
    b.skip_reason = "too large";
    return;
  }
  const std::string_view bytes(*blob.data);
  if (std::memchr(bytes.data(), '\0', std::min<std::size_t>(bytes.size(), walk::kBinaryProbeBytes))) {
    b.skip_reason = "binary";
    return;
  }
  std::vector<scan::Finding> found = scan::scan_source(b.path, bytes, rules_, options_.match);
  b.scanned = true;
  for (auto& f : found) {
    if (!reported_category(f.category)) continue;
    std::string key = finding_key(f, bytes);
    const auto same = std::find(b.keys.begin(), b.keys.end(), key);
    if (same != b.keys.end()) {
      ++b.hits[static_cast<std::size_t>(same - b.keys.begin())].count;
      continue;
    }
    BlobHit hit;
    hit.count = 1;
    if (f.category == scan::Category::hardcoded_secret) hit.shown = scan::redact(secret_value(f, bytes));
    hit.finding = std::move(f);
    b.hits.push_back(std::move(hit));
    b.keys.push_back(std::move(key));
  }
}

void Walker::scan_blobs() {
  parallel_for(blobs_.size(), [&](ObjectReader& reader, std::size_t i) {
    Blob& b = blobs_[i];
    if (b.kind != EntryKind::file) return;
    try {
      scan_one(reader, b);
    } catch (const std::exception& e) {
      // A matcher bug costs one blob, never the scan.
      b.skip_reason = std::string("internal error while scanning: ") + e.what();
    }
  });
  for (auto& b : blobs_) {
    if (b.scanned) {
      ++report_.blobs_scanned;
      report_.bytes_scanned += b.size;
    }
    for (std::size_t h = 0; h < b.hits.size(); ++h)
      b.hits[h].key = key_index_.emplace(std::move(b.keys[h]), static_cast<int>(key_index_.size())).first->second;
    b.keys.clear();
  }
}

void Walker::replay(const CommitGraph& g) {
  using Counts = std::unordered_map<int, int>;
  const auto empty = std::make_shared<const Counts>();
  std::vector<int> finding_of(key_index_.size(), -1);
  std::vector<char> seen(key_index_.size(), 0);
  auto add_blob = [&](Counts& counts, int blob, int sign) {
    for (const auto& h : blobs_[static_cast<std::size_t>(blob)].hits) counts[h.key] += sign * h.count;
  };
  auto list_counts = [&](int list) {
    auto c = std::make_shared<Counts>();
    for (int blob : lists_[static_cast<std::size_t>(list)]) {
      add_blob(*c, blob, 1);
      // Present before the walk: not this walk's finding.
      for (const auto& h : blobs_[static_cast<std::size_t>(blob)].hits) seen[static_cast<std::size_t>(h.key)] = 1;
    }
    return std::shared_ptr<const Counts>(std::move(c));
  };
  // The trees before a range, first: what they hold was not introduced by any walked commit,
  // whichever branch of the range reaches it first.
  std::unordered_map<int, std::shared_ptr<const Counts>> list_state;
  for (const NodeWork& w : work_)
    if (w.base_list >= 0 && !list_state.count(w.base_list)) list_state[w.base_list] = list_counts(w.base_list);
  std::vector<std::shared_ptr<const Counts>> state(g.nodes.size());
  for (std::size_t i = 0; i < g.nodes.size(); ++i) {
    const CommitNode& n = g.nodes[i];
    const NodeWork& w = work_[i];
    std::shared_ptr<const Counts> base = empty;
    if (n.first_parent >= 0) {
      base = state[static_cast<std::size_t>(n.first_parent)];
    } else if (w.base_list >= 0) {
      base = list_state[w.base_list];
    }
    if (n.shallow_boundary) report_.shallow.push_back(oid_hex(n.oid));
    if (w.tree_missing) {
      state[i] = base;
      continue;
    }
    std::shared_ptr<Counts> next;
    std::vector<std::pair<int, const std::string*>> touched;  // keys an old blob held, and where
    for (const Change& c : w.changes) {
      if (c.new_blob >= 0) {
        Blob& b = blobs_[static_cast<std::size_t>(c.new_blob)];
        if (!b.reported && (b.kind != EntryKind::file || !b.skip_reason.empty())) {
          b.reported = true;
          const std::string reason = b.kind == EntryKind::submodule ? "submodule"
                                     : b.kind == EntryKind::symlink ? "symlink"
                                                                    : b.skip_reason;
          report_.skipped.push_back({valid_utf8(c.path), oid_hex(b.oid), oid_hex(n.oid), reason});
          if (b.skip_reason == "missing" || b.skip_reason.rfind("internal", 0) == 0) {
            report_.errors.push_back({valid_utf8(c.path), "blob " + oid_hex(b.oid) + ": " + b.skip_reason});
          }
        }
        for (const auto& h : b.hits) {
          if (seen[static_cast<std::size_t>(h.key)]) continue;
          seen[static_cast<std::size_t>(h.key)] = 1;
          HistoryFinding f;
          f.rule_id = h.finding.rule_id;
          f.category = h.finding.category;
          f.severity = h.finding.severity;
          f.message = h.finding.message;
          f.snippet = h.finding.snippet;
          f.shown = h.shown;
          f.introduced = point(n, c.path, h.finding.location.line);
          f.introduced_at_boundary = n.shallow_boundary;
          finding_of[static_cast<std::size_t>(h.key)] = static_cast<int>(report_.findings.size());
          report_.findings.push_back(std::move(f));
        }
      }
      const bool old_hits = c.old_blob >= 0 && !blobs_[static_cast<std::size_t>(c.old_blob)].hits.empty();
      const bool new_hits = c.new_blob >= 0 && !blobs_[static_cast<std::size_t>(c.new_blob)].hits.empty();
      if (!old_hits && !new_hits) continue;
      if (!next) next = std::make_shared<Counts>(*base);  // copied only when findings move
      if (old_hits) {
        add_blob(*next, c.old_blob, -1);
        for (const auto& h : blobs_[static_cast<std::size_t>(c.old_blob)].hits) touched.emplace_back(h.key, &c.path);
      }
      if (new_hits) add_blob(*next, c.new_blob, 1);
    }
    if (!next) {
      state[i] = base;
      continue;
    }
    for (const auto& [key, path] : touched) {
      const auto it = next->find(key);
      if (it == next->end() || it->second > 0) continue;
      next->erase(it);
      const int fi = finding_of[static_cast<std::size_t>(key)];
      if (fi >= 0 && !report_.findings[static_cast<std::size_t>(fi)].removed_by)
        report_.findings[static_cast<std::size_t>(fi)].removed_by = point(n, *path, 0);
    }
    state[i] = std::move(next);
  }
  std::shared_ptr<const Counts> head = empty;
  if (head_node_ >= 0)
    head = state[static_cast<std::size_t>(head_node_)];
  else if (head_list_ >= 0)
    head = list_counts(head_list_);
  for (std::size_t k = 0; k < finding_of.size(); ++k) {
    if (finding_of[k] < 0) continue;
    HistoryFinding& f = report_.findings[static_cast<std::size_t>(finding_of[k])];
    const auto it = head->find(static_cast<int>(k));
    f.at_head = it != head->end() && it->second > 0;
    if (f.at_head) f.removed_by.reset();
  }
}

HistoryReport Walker::run(const CommitGraph& g) {
  report_.repository = options_.repository;
  report_.range = options_.range;
  report_.refs = g.tips;
  report_.commits = g.nodes.size();
  for (const auto& e : g.errors) report_.errors.push_back({"", e});
  collect_changes(g);
  scan_blobs();
  replay(g);
  report_.incomplete = !report_.errors.empty();
  return std::move(report_);
}

}  // namespace

Result<HistoryReport, std::string> scan_history(const HistoryOptions& options, const scan::RuleSet& rules) {
  const walk::LibGit2Session session;
  // Every object is read once and only scanned; like git's own reads (and unlike fsck), the
  // content is not re-hashed against its id, which was an eighth of the run time.
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  // Trees and blobs are read by ObjectReader; libgit2's object cache holds only commits and
  // what the reader leaves to it, read once each: a small cache recycles its memory, where the
  // 256 MB default only grew the heap.
  git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(1) << 20);
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, options.repository.c_str(), 0, nullptr) != 0)
    return Unexpected(git_error_text(options.repository + ": not a git repository"));
  GitPtr<git_repository> repo(raw);
  const PackFiles packs(repo.get());
  ObjectReader reader(repo.get(), packs);
  auto graph = collect_commits(repo.get(), reader, options.range);
  if (!graph) return Unexpected(graph.error());
  Walker walker(options, rules, repo.get(), packs, reader);
  return walker.run(*graph);
}

}  // namespace capmig::history
