#include "analyzer/walk/git_ignore.h"

#include <git2.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>

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

// The ignore rules' lines: no blanks, comments or trailing unescaped spaces.
template <class Each>
void for_each_rule(std::string_view text, Each&& each) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\'))
      line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    each(line);
  }
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// A file the user may not have, or that names nothing: an empty text. Only a file that is
// there and cannot be read is an error.
std::optional<std::string> read_optional(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return errno == ENOENT || errno == ENOTDIR ? std::optional<std::string>("") : std::nullopt;
  std::string text;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) text.append(buf, n);
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return std::nullopt;
  return text;
}

// The files libgit2 reads besides the .gitignore files: the repository's info/exclude and
// core.excludesFile (by default $XDG_CONFIG_HOME/git/ignore or ~/.config/git/ignore).
std::optional<IgnoreScreen> repository_screen(git_repository* repo) {
  IgnoreScreen screen;
  const auto exclude = read_optional(std::string(git_repository_path(repo)) + "info/exclude");
  if (!exclude) return std::nullopt;
  screen.add(*exclude);
  std::string excludes_file;
  git_config* config = nullptr;
  if (git_repository_config_snapshot(&config, repo) != 0) return std::nullopt;
  git_buf buf = GIT_BUF_INIT;
  const int found = git_config_get_path(&buf, config, "core.excludesfile");
  if (found == 0) excludes_file.assign(buf.ptr, buf.size);
  git_buf_dispose(&buf);
  git_config_free(config);
  if (found != 0 && found != GIT_ENOTFOUND) return std::nullopt;
  std::vector<std::string> candidates;
  if (found == 0) {
    candidates.push_back(excludes_file);
  } else {  // libgit2 looks for "ignore" in its XDG search path ($XDG_CONFIG_HOME/git, ~/.config/git)
    git_buf dirs = GIT_BUF_INIT;
    if (git_libgit2_opts(GIT_OPT_GET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, &dirs) != 0) return std::nullopt;
    const std::string list(dirs.ptr ? dirs.ptr : "", dirs.size);
    git_buf_dispose(&dirs);
    for (std::size_t b = 0; b <= list.size();) {
      const std::size_t e = std::min(list.find(GIT_PATH_LIST_SEPARATOR, b), list.size());
      if (e > b) candidates.push_back(list.substr(b, e - b) + "/ignore");
      b = e + 1;
    }
  }
  for (const auto& file : candidates) {
    const auto text = read_optional(file);
    if (!text) return std::nullopt;
    screen.add(*text);
  }
  return screen;
}

}  // namespace

void IgnoreScreen::add(std::string_view gitignore_text) {
  for_each_rule(gitignore_text, [&](std::string_view line) {
    if (line.front() == '!') return;  // re-includes: never makes a name ignored
    Pattern p;
    while (!line.empty() && line.back() == '/') {
      line.remove_suffix(1);
      p.dir_only = true;
    }
    const auto slash = line.rfind('/');
    const std::string_view last = slash == std::string_view::npos ? line : line.substr(slash + 1);
    std::string piece;
    auto cut = [&] {
      if (!piece.empty()) p.pieces.push_back(std::move(piece));
      piece.clear();
    };
    for (std::size_t i = 0; i < last.size(); ++i) {
      const char c = last[i];
      if (c == '\\' && i + 1 < last.size()) {
        piece += lower(last[++i]);
      } else if (c == '*' || c == '?') {
        cut();
      } else if (c == '[') {  // a bracket expression: one character of a set
        cut();
        std::size_t j = i + 1;
        if (j < last.size() && (last[j] == '!' || last[j] == '^')) ++j;
        if (j < last.size() && last[j] == ']') ++j;
        while (j < last.size() && last[j] != ']') ++j;
        if (j >= last.size()) break;  // unclosed: what follows is not needed either
        i = j;
      } else {
        piece += lower(c);
      }
    }
    cut();
    if (p.pieces.empty()) {
      any_dir = true;
      any_file = any_file || !p.dir_only;
      return;
    }
    patterns.push_back(std::move(p));
  });
}

void IgnoreScreen::add(const IgnoreScreen& other) {
  patterns.insert(patterns.end(), other.patterns.begin(), other.patterns.end());
  any_file = any_file || other.any_file;
  any_dir = any_dir || other.any_dir;
}

bool IgnoreScreen::may_match(std::string_view name, bool is_dir) const {
  if (is_dir ? any_dir : any_file) return true;
  std::string folded(name);
  for (char& c : folded) c = lower(c);
  return std::any_of(patterns.begin(), patterns.end(), [&](const Pattern& p) {
    return (is_dir || !p.dir_only) && std::all_of(p.pieces.begin(), p.pieces.end(), [&](const std::string& piece) {
             return folded.find(piece) != std::string::npos;
           });
  });
}

std::string rebase_gitignore(std::string_view text, std::string_view dir_prefix) {
  std::string out;
  const std::string prefix = escape_glob(dir_prefix);
  for_each_rule(text, [&](std::string_view line) {
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
  });
  return out;
}

std::shared_ptr<const GitIgnoreChain> extend_chain(const std::shared_ptr<const GitIgnoreChain>& chain,
                                                   std::string_view gitignore_text, std::string_view dir_prefix) {
  auto next = std::make_shared<GitIgnoreChain>();
  if (chain) *next = *chain;
  next->files += 1;
  next->rules += rebase_gitignore(gitignore_text, dir_prefix);
  next->screen.add(gitignore_text);
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
  repos_.emplace(repo_id, Handle{repo, nullptr, repository_screen(repo)});
  return true;
}

Result<bool, std::string> GitIgnoreChecker::is_ignored(int repo_id, const std::string& workdir,
                                                       const std::shared_ptr<const GitIgnoreChain>& chain,
                                                       const std::string& rel, bool is_dir) {
  auto opened = open(repo_id, workdir);
  if (!opened) return Unexpected{opened.error()};
  if (!*opened) return false;
  Handle& h = repos_.at(repo_id);
  if (h.screen) {
    const auto slash = rel.rfind('/');
    const std::string_view name =
        slash == std::string::npos ? std::string_view(rel) : std::string_view(rel).substr(slash + 1);
    if (!h.screen->may_match(name, is_dir) && (!chain || !chain->screen.may_match(name, is_dir))) return false;
  }
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
