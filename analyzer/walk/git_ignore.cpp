#include "analyzer/walk/git_ignore.h"

#include <git2.h>

namespace capmig::walk {

namespace {

std::string last_git_error(const char* what) {
  const git_error* e = git_error_last();
  return std::string(what) + ": " + (e && e->message ? e->message : "unknown libgit2 error");
}

// Escapes a directory name so wildmatch reads it literally.
std::string escape_glob(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\' || (i == 0 && (c == '!' || c == '#'))) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string rebase_gitignore(std::string_view text, std::string_view dir_prefix) {
  std::string out;
  const std::string prefix = escape_glob(dir_prefix);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // Unescaped trailing spaces are not part of the pattern.
    while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\'))
      line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    std::string rule;
    if (line.front() == '!') {
      rule = "!";
      line.remove_prefix(1);
    }
    if (dir_prefix.empty()) {
      rule += line;
    } else {
      std::string_view body = line;
      while (!body.empty() && body.back() == '/') body.remove_suffix(1);
      // gitignore(5): a '/' at the start or middle anchors the pattern to its file's directory;
      // otherwise it matches at any depth below it.
      if (body.find('/') != std::string_view::npos) {
        if (line.front() == '/') line.remove_prefix(1);
        rule += prefix;
      } else {
        rule += prefix + "**/";
      }
      rule += line;
    }
    out += rule;
    out += '\n';
  }
  return out;
}

std::shared_ptr<const GitIgnoreChain> extend_chain(const std::shared_ptr<const GitIgnoreChain>& chain,
                                                   std::string_view gitignore_text, std::string_view dir_prefix) {
  auto next = std::make_shared<GitIgnoreChain>();
  if (chain) *next = *chain;
  next->files += 1;
  next->rules += rebase_gitignore(gitignore_text, dir_prefix);
  return next;
}

LibGit2Session::LibGit2Session() {
  git_libgit2_init();
  // We only read ignore rules and never run anything a repository's config names, so a
  // checkout owned by another user (CI containers running as root) must not lose its
  // .gitignore to libgit2's safe.directory check.
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

LibGit2Session::~LibGit2Session() { git_libgit2_shutdown(); }

std::string find_git_workdir(const std::string& dir) {
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, dir.c_str(), 0, nullptr) != 0) return {};
  std::string workdir;
  if (const char* w = git_repository_workdir(repo)) workdir = w;
  git_repository_free(repo);
  return workdir;
}

GitIgnoreChecker::~GitIgnoreChecker() {
  for (auto& [id, handle] : repos_) git_repository_free(handle.repo);
}

Result<bool, std::string> GitIgnoreChecker::open(int repo_id, const std::string& workdir) {
  if (repos_.count(repo_id)) return true;
  git_repository* repo = nullptr;
  if (git_repository_open_ext(&repo, workdir.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
    return Unexpected{last_git_error("cannot open git repository")};
  if (git_repository_is_bare(repo)) {
    git_repository_free(repo);
    return false;
  }
  repos_.emplace(repo_id, Handle{repo, nullptr});
  return true;
}

Result<bool, std::string> GitIgnoreChecker::is_ignored(int repo_id, const std::string& workdir,
                                                       const std::shared_ptr<const GitIgnoreChain>& chain,
                                                       const std::string& rel, bool is_dir) {
  auto opened = open(repo_id, workdir);
  if (!opened) return Unexpected{opened.error()};
  if (!*opened) return false;
  Handle& h = repos_.at(repo_id);
  // With one .gitignore above the path libgit2's own order is already right.
  const auto& wanted = chain && chain->files >= 2 ? chain : nullptr;
  if (h.installed != wanted) {
    if (git_ignore_clear_internal_rules(h.repo) != 0 ||
        (wanted && git_ignore_add_rule(h.repo, wanted->rules.c_str()) != 0)) {
      h.installed = nullptr;
      return Unexpected{last_git_error("cannot load .gitignore rules")};
    }
    h.installed = wanted;
  }
  int ignored = 0;
  // A trailing '/' tells libgit2 the entry is a directory, so it need not stat it.
  const std::string path = is_dir ? rel + "/" : rel;
  if (git_ignore_path_is_ignored(&ignored, h.repo, path.c_str()) != 0)
    return Unexpected{last_git_error("cannot evaluate .gitignore rules")};
  return ignored != 0;
}

}  // namespace capmig::walk
