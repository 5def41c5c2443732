#include "analyzer/fix/project/manifests.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

namespace capmig::fix {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// Lock files of big projects run to megabytes; nothing that names a library is larger.
constexpr std::uintmax_t kMaxManifestBytes = 16u << 20;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// PEP 503: names compare case-insensitively, with runs of -, _ and . alike.
std::string pypi_name(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool sep = c == '-' || c == '_' || c == '.';
    if (sep && !out.empty() && out.back() == '-') continue;
    out += sep ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

template <class F>
void each_line(std::string_view text, F&& f) {
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    std::string_view line = text.substr(b, e - b);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!f(line)) return;
    b = e + 1;
  }
}

// The quoted strings of a line, in order: 'a', "b".
std::vector<std::string_view> quoted(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '\'' && line[i] != '"') continue;
    const std::size_t e = line.find(line[i], i + 1);
    if (e == std::string_view::npos) break;
    out.push_back(line.substr(i + 1, e - i - 1));
    i = e;
  }
  return out;
}

PackagePin pin_of(std::string spec, Ecosystem eco, bool locked) {
  PackagePin p;
  p.spec = std::move(spec);
  p.range = parse_range(p.spec, eco);
  p.locked = locked;
  return p;
}

std::optional<json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec) return std::nullopt;
  return v;
}

const json::value* member(const json::value& v, std::string_view key) {
  if (!v.is_object()) return nullptr;
  return v.get_object().if_contains(key);
}

std::optional<std::string> string_member(const json::value* v, std::string_view key) {
  const auto* m = v ? member(*v, key) : nullptr;
  if (!m || !m->is_string()) return std::nullopt;
  return std::string(m->get_string());
}

// --- npm ------------------------------------------------------------------------------------

std::optional<PackagePin> npm_lock(std::string_view text, std::string_view pkg) {
  const auto doc = parse_json(text);
  if (!doc) return std::nullopt;
  // lockfile v2/v3 "packages", v1 "dependencies".
  const std::string key = "node_modules/" + std::string(pkg);
  if (auto v = string_member(member(*doc, "packages") ? member(*member(*doc, "packages"), key) : nullptr, "version"))
    return pin_of(*v, Ecosystem::npm, true);
  if (const auto* deps = member(*doc, "dependencies"))
    if (auto v = string_member(member(*deps, pkg), "version")) return pin_of(*v, Ecosystem::npm, true);
  return std::nullopt;
}

// yarn.lock (classic and berry): an unindented `twilio@^3.0.0, "twilio@npm:^3.1":` entry, then
// its indented `version "3.84.1"` / `version: 3.84.1`.
std::optional<PackagePin> yarn_lock(std::string_view text, std::string_view pkg) {
  bool in_entry = false;
  std::optional<PackagePin> out;
  each_line(text, [&](std::string_view line) {
    if (line.empty() || line.front() == '#') return true;
    if (!std::isspace(static_cast<unsigned char>(line.front()))) {
      in_entry = false;
      std::string_view keys = trim(line);
      if (keys.ends_with(':')) keys.remove_suffix(1);
      std::size_t b = 0;
      while (b < keys.size()) {
        std::size_t e = keys.find(',', b);
        if (e == std::string_view::npos) e = keys.size();
        std::string_view k = trim(keys.substr(b, e - b));
        if (k.size() >= 2 && k.front() == '"' && k.back() == '"') k = k.substr(1, k.size() - 2);
        if (k.starts_with(pkg) && k.size() > pkg.size() && k[pkg.size()] == '@') in_entry = true;
        b = e + 1;
      }
      return true;
    }
    const std::string_view t = trim(line);
    if (in_entry && t.starts_with("version")) {
      std::string_view v = trim(t.substr(7));
      if (v.starts_with(':')) v = trim(v.substr(1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      out = pin_of(std::string(v), Ecosystem::npm, true);
      return false;
    }
    return true;
  });
  return out;
}

std::optional<PackagePin> package_json(std::string_view text, std::string_view pkg) {
  const auto doc = parse_json(text);
  if (!doc) return std::nullopt;
  for (std::string_view section : {"dependencies", "devDependencies", "optionalDependencies", "peerDependencies"})
    if (auto v = string_member(member(*doc, section), pkg)) return pin_of(*v, Ecosystem::npm, false);
  return std::nullopt;
}

// --- pypi -----------------------------------------------------------------------------------

// A PEP 508 line naming `pkg`: "twilio[extra]>=6,<7 ; python_version>'3'" -> ">=6,<7".
std::optional<std::string> requirement_spec(std::string_view line, std::string_view pkg) {
  line = trim(line);
  if (const auto hash = line.find(" #"); hash != std::string_view::npos) line = trim(line.substr(0, hash));
  if (line.empty() || line.front() == '#' || line.front() == '-') return std::nullopt;
  std::size_t e = 0;
  while (e < line.size() &&
         (std::isalnum(static_cast<unsigned char>(line[e])) || line[e] == '-' || line[e] == '_' || line[e] == '.'))
    ++e;
  if (e == 0 || pypi_name(line.substr(0, e)) != pypi_name(pkg)) return std::nullopt;
  std::string_view rest = trim(line.substr(e));
  if (rest.starts_with('[')) {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    rest = trim(rest.substr(close + 1));
  }
  if (const auto semi = rest.find(';'); semi != std::string_view::npos) rest = trim(rest.substr(0, semi));
  if (!rest.empty() && !(rest.front() == '=' || rest.front() == '<' || rest.front() == '>' || rest.front() == '~' ||
                         rest.front() == '!' || rest.front() == '(' || rest.front() == '@'))
    return std::nullopt;  // "twilio-something", or prose
  if (rest.starts_with('(') && rest.ends_with(')')) rest = rest.substr(1, rest.size() - 2);
  return std::string(rest);
}

std::optional<PackagePin> requirements_txt(std::string_view text, std::string_view pkg) {
  std::optional<PackagePin> out;
  each_line(text, [&](std::string_view line) {
    if (auto spec = requirement_spec(line, pkg)) {
      out = pin_of(*spec, Ecosystem::pypi, false);
      return false;
    }
    return true;
  });
  return out;
}

// TOML-ish and setup files: `twilio = "^6.0"`, `twilio = {version = "==5.7"}` (Pipfile, Poetry),
// or a requirement string inside quotes ("twilio>=6" in pyproject's dependencies, setup.py) or
// on its own line (setup.cfg's install_requires).
std::optional<PackagePin> python_project(std::string_view text, std::string_view pkg) {
  std::optional<PackagePin> out;
  each_line(text, [&](std::string_view line) {
    const std::string_view t = trim(line);
    // The key: a bare name or a whole quoted one ("twilio>=8" is a requirement, not a key).
    std::string_view key, after;
    if (!t.empty() && (t.front() == '"' || t.front() == '\'')) {
      const auto close = t.find(t.front(), 1);
      if (close != std::string_view::npos) {
        key = t.substr(1, close - 1);
        after = trim(t.substr(close + 1));
      }
    } else {
      std::size_t e = 0;
      while (e < t.size() &&
             (std::isalnum(static_cast<unsigned char>(t[e])) || t[e] == '-' || t[e] == '_' || t[e] == '.'))
        ++e;
      key = t.substr(0, e);
      after = trim(t.substr(e));
    }
    if (!key.empty() && pypi_name(key) == pypi_name(pkg) && after.starts_with('=') && !after.starts_with("==")) {
      after = trim(after.substr(1));
      std::string spec;
      if (after.starts_with('{')) {
        const auto at = after.find("version");
        const auto q = at == std::string_view::npos ? std::vector<std::string_view>{} : quoted(after.substr(at));
        spec = q.empty() ? std::string() : std::string(q.front());
      } else if (const auto q = quoted(after); !q.empty()) {
        spec = std::string(q.front());
      }
      out = pin_of(spec, Ecosystem::pypi, false);
      return false;
    }
    for (auto q : quoted(t))
      if (auto spec = requirement_spec(q, pkg)) {
        out = pin_of(*spec, Ecosystem::pypi, false);
        return false;
      }
    if (auto spec = requirement_spec(t, pkg); spec && !spec->empty()) {
      out = pin_of(*spec, Ecosystem::pypi, false);
      return false;
    }
    return true;
  });
  return out;
}

std::optional<PackagePin> pipfile_lock(std::string_view text, std::string_view pkg) {
  const auto doc = parse_json(text);
  if (!doc) return std::nullopt;
  for (std::string_view section : {"default", "develop"}) {
    const auto* s = member(*doc, section);
    if (!s || !s->is_object()) continue;
    for (const auto& [name, entry] : s->get_object())
      if (pypi_name(name) == pypi_name(pkg))
        if (auto v = string_member(&entry, "version")) return pin_of(*v, Ecosystem::pypi, true);
  }
  return std::nullopt;
}

// poetry.lock: [[package]] tables with name = "…" and version = "…".
std::optional<PackagePin> poetry_lock(std::string_view text, std::string_view pkg) {
  bool ours = false;
  std::optional<PackagePin> out;
  each_line(text, [&](std::string_view line) {
    const std::string_view t = trim(line);
    if (t.starts_with("[")) ours = false;
    auto value = [&](std::string_view key) -> std::optional<std::string_view> {
      if (!t.starts_with(key)) return std::nullopt;
      const std::string_view rest = trim(t.substr(key.size()));
      if (!rest.starts_with('=')) return std::nullopt;
      const auto q = quoted(rest);
      if (q.empty()) return std::nullopt;
      return q.front();
    };
    if (auto n = value("name")) ours = pypi_name(*n) == pypi_name(pkg);
    if (auto v = value("version"); v && ours) {
      out = pin_of(std::string(*v), Ecosystem::pypi, true);
      return false;
    }
    return true;
  });
  return out;
}

// --- gem ------------------------------------------------------------------------------------

// Gemfile.lock's `    twilio-ruby (4.13.0)` under specs (four spaces: a resolved gem, not a
// dependency line of another gem, which has six).
std::optional<PackagePin> gemfile_lock(std::string_view text, std::string_view pkg) {
  std::optional<PackagePin> out;
  const std::string head = "    " + std::string(pkg) + " (";
  each_line(text, [&](std::string_view line) {
    if (!line.starts_with(head) || !line.ends_with(')')) return true;
    out = pin_of(std::string(line.substr(head.size(), line.size() - head.size() - 1)), Ecosystem::gem, true);
    return false;
  });
  return out;
}

// `gem 'twilio-ruby', '~> 4.11', '>= 4.11.1'` (Gemfile), `s.add_dependency "twilio-ruby", "~> 5"`.
std::optional<PackagePin> gemfile(std::string_view text, std::string_view pkg) {
  std::optional<PackagePin> out;
  each_line(text, [&](std::string_view line) {
    const std::string_view t = trim(line);
    if (t.starts_with('#') || (!t.starts_with("gem") && t.find("dependency") == std::string_view::npos)) return true;
    const auto q = quoted(t);
    if (q.empty() || q.front() != pkg) return true;
    std::string spec;
    for (std::size_t i = 1; i < q.size(); ++i) {
      if (q[i].find_first_of("0123456789") == std::string_view::npos || q[i].find(':') != std::string_view::npos)
        continue;
      spec += (spec.empty() ? "" : ", ") + std::string(q[i]);
    }
    out = pin_of(spec, Ecosystem::gem, false);
    return false;
  });
  return out;
}

// --- composer -------------------------------------------------------------------------------

std::optional<PackagePin> composer_lock(std::string_view text, std::string_view pkg) {
  const auto doc = parse_json(text);
  if (!doc) return std::nullopt;
  for (std::string_view section : {"packages", "packages-dev"}) {
    const auto* s = member(*doc, section);
    if (!s || !s->is_array()) continue;
    for (const auto& p : s->get_array())
      if (string_member(&p, "name") == std::string(pkg))
        if (auto v = string_member(&p, "version")) return pin_of(*v, Ecosystem::composer, true);
  }
  return std::nullopt;
}

std::optional<PackagePin> composer_json(std::string_view text, std::string_view pkg) {
  const auto doc = parse_json(text);
  if (!doc) return std::nullopt;
  for (std::string_view section : {"require", "require-dev"})
    if (auto v = string_member(member(*doc, section), pkg)) return pin_of(*v, Ecosystem::composer, false);
  return std::nullopt;
}

// --- XML (NuGet, Maven) -----------------------------------------------------------------------

// name="value" or name='value' inside one element's start tag.
std::optional<std::string_view> attribute(std::string_view tag, std::string_view name) {
  for (std::size_t p = tag.find(name); p != std::string_view::npos; p = tag.find(name, p + 1)) {
    if (p > 0 && !std::isspace(static_cast<unsigned char>(tag[p - 1]))) continue;
    std::string_view rest = trim(tag.substr(p + name.size()));
    if (!rest.starts_with('=')) continue;
    rest = trim(rest.substr(1));
    if (rest.empty() || (rest.front() != '"' && rest.front() != '\'')) continue;
    const auto e = rest.find(rest.front(), 1);
    if (e == std::string_view::npos) return std::nullopt;
    return rest.substr(1, e - 1);
  }
  return std::nullopt;
}

// The text of <name>…</name> inside `block`.
std::optional<std::string_view> element(std::string_view block, std::string_view name) {
  const std::string open = "<" + std::string(name) + ">", close = "</" + std::string(name) + ">";
  const auto b = block.find(open);
  if (b == std::string_view::npos) return std::nullopt;
  const auto e = block.find(close, b);
  if (e == std::string_view::npos) return std::nullopt;
  return trim(block.substr(b + open.size(), e - b - open.size()));
}

// Each element `<name …>` in text: its start tag, and what follows up to its end (for children).
template <class F>
void each_element(std::string_view text, std::string_view name, F&& f) {
  const std::string open = "<" + std::string(name);
  for (std::size_t b = text.find(open); b != std::string_view::npos; b = text.find(open, b + 1)) {
    const std::size_t after = b + open.size();
    if (after >= text.size() ||
        !(std::isspace(static_cast<unsigned char>(text[after])) || text[after] == '>' || text[after] == '/'))
      continue;
    const auto tag_end = text.find('>', b);
    if (tag_end == std::string_view::npos) return;
    const std::string_view tag = text.substr(b, tag_end - b);
    std::string_view body;
    if (!tag.ends_with('/')) {
      const auto close = text.find("</" + std::string(name) + ">", tag_end);
      body = text.substr(tag_end + 1, close == std::string_view::npos ? 0 : close - tag_end - 1);
    }
    if (!f(tag, body)) return;
  }
}

// packages.config, *.csproj, Directory.Packages.props; a bare NuGet version is a minimum that
// restore resolves to itself when it exists, so it is read as that version.
std::optional<PackagePin> nuget_xml(std::string_view text, std::string_view pkg) {
  const std::string want = lower(pkg);
  std::optional<PackagePin> out;
  for (std::string_view el : {"package", "PackageReference", "PackageVersion"}) {
    each_element(text, el, [&](std::string_view tag, std::string_view body) {
      auto id = attribute(tag, "id");
      if (!id) id = attribute(tag, "Include");
      if (!id) id = attribute(tag, "Update");
      if (!id || lower(*id) != want) return true;
      auto v = attribute(tag, el == "package" ? "version" : "Version");
      if (!v) v = element(body, "Version");
      out = pin_of(v ? std::string(*v) : std::string(), Ecosystem::nuget, el == "package");
      return false;
    });
    if (out) return out;
  }
  // Pre-NuGet projects: <Reference Include="Twilio, Version=4.7.2.0, Culture=neutral, …">.
  each_element(text, "Reference", [&](std::string_view tag, std::string_view) {
    const auto inc = attribute(tag, "Include");
    if (!inc) return true;
    const auto comma = inc->find(',');
    if (lower(trim(inc->substr(0, comma))) != want || comma == std::string_view::npos) return true;
    const auto ver = inc->find("Version=", comma);
    if (ver == std::string_view::npos) return true;
    const auto end = inc->find(',', ver);
    out = pin_of(std::string(inc->substr(ver + 8, end == std::string_view::npos ? end : end - ver - 8)),
                 Ecosystem::nuget, true);
    return false;
  });
  return out;
}

// pom.xml: <dependency> with the group and artifact; `${twilio.version}` from <properties>.
std::optional<PackagePin> pom_xml(std::string_view text, std::string_view pkg) {
  const auto colon = pkg.find(':');
  const std::string_view group = pkg.substr(0, colon), artifact = pkg.substr(colon + 1);
  std::optional<PackagePin> out;
  each_element(text, "dependency", [&](std::string_view, std::string_view body) {
    if (element(body, "groupId") != group || element(body, "artifactId") != artifact) return true;
    std::string v(element(body, "version").value_or(""));
    if (v.starts_with("${") && v.ends_with('}'))
      if (auto prop = element(text, v.substr(2, v.size() - 3))) v = std::string(*prop);
    out = pin_of(v, Ecosystem::maven, false);
    return false;
  });
  return out;
}

// build.gradle(.kts): 'com.twilio.sdk:twilio:7.17.0', or group: '…', name: '…', version: '…'.
std::optional<PackagePin> gradle(std::string_view text, std::string_view pkg) {
  const auto colon = pkg.find(':');
  const std::string_view group = pkg.substr(0, colon), artifact = pkg.substr(colon + 1);
  const std::string coordinate = std::string(pkg) + ":";
  std::optional<PackagePin> out;
  each_line(text, [&](std::string_view line) {
    for (auto q : quoted(line)) {
      if (q.starts_with(coordinate)) {
        std::string_view v = q.substr(coordinate.size());
        if (const auto c = v.find(':'); c != std::string_view::npos) v = v.substr(0, c);  // a classifier
        out = pin_of(std::string(v), Ecosystem::maven, false);
        return false;
      }
    }
    const auto q = quoted(line);
    const auto g = std::find(q.begin(), q.end(), group), n = std::find(q.begin(), q.end(), artifact);
    if (g != q.end() && n != q.end() && line.find("version") != std::string_view::npos) {
      out = pin_of(n + 1 != q.end() ? std::string(*(n + 1)) : std::string(), Ecosystem::maven, false);
      return false;
    }
    return true;
  });
  return out;
}

// --- the table ------------------------------------------------------------------------------

using Reader = std::optional<PackagePin> (*)(std::string_view text, std::string_view package);

struct ManifestKind {
  Ecosystem ecosystem;
  std::string_view pattern;  // a file name, or `prefix*suffix`
  Reader read;
};

// Per ecosystem, in the order a directory is searched: lock files (what is installed) first.
constexpr std::array<ManifestKind, 24> kManifests{{
    {Ecosystem::npm, "package-lock.json", npm_lock},
    {Ecosystem::npm, "npm-shrinkwrap.json", npm_lock},
    {Ecosystem::npm, "yarn.lock", yarn_lock},
    {Ecosystem::npm, "package.json", package_json},
    {Ecosystem::pypi, "Pipfile.lock", pipfile_lock},
    {Ecosystem::pypi, "poetry.lock", poetry_lock},
    {Ecosystem::pypi, "requirements*.txt", requirements_txt},
    {Ecosystem::pypi, "Pipfile", python_project},
    {Ecosystem::pypi, "pyproject.toml", python_project},
    {Ecosystem::pypi, "setup.cfg", python_project},
    {Ecosystem::pypi, "setup.py", python_project},
    {Ecosystem::gem, "Gemfile.lock", gemfile_lock},
    {Ecosystem::gem, "Gemfile", gemfile},
    {Ecosystem::gem, "*.gemspec", gemfile},
    {Ecosystem::composer, "composer.lock", composer_lock},
    {Ecosystem::composer, "composer.json", composer_json},
    {Ecosystem::nuget, "packages.config", nuget_xml},
    {Ecosystem::nuget, "*.csproj", nuget_xml},
    {Ecosystem::nuget, "*.vbproj", nuget_xml},
    {Ecosystem::nuget, "*.fsproj", nuget_xml},
    {Ecosystem::nuget, "Directory.Packages.props", nuget_xml},
    {Ecosystem::maven, "pom.xml", pom_xml},
    {Ecosystem::maven, "build.gradle", gradle},
    {Ecosystem::maven, "build.gradle.kts", gradle},
}};

bool matches(std::string_view pattern, std::string_view name) {
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == name;
  const std::string_view pre = pattern.substr(0, star), post = pattern.substr(star + 1);
  return name.size() >= pre.size() + post.size() && name.starts_with(pre) && name.ends_with(post);
}

std::optional<std::string> read_small_file(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  const auto size = fs::file_size(p, ec);
  if (ec || size > kMaxManifestBytes) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

}  // namespace

std::optional<PackagePin> read_manifest(std::string_view file_name, std::string_view text, Ecosystem ecosystem,
                                        std::string_view package) {
  for (const auto& k : kManifests)
    if (k.ecosystem == ecosystem && matches(k.pattern, file_name)) return k.read(text, package);
  return std::nullopt;
}

std::optional<PackagePin> ProjectManifests::in_directory(const fs::path& dir, Ecosystem ecosystem,
                                                         const std::string& package) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    names.push_back(it->path().filename().string());
  std::sort(names.begin(), names.end());
  for (const auto& k : kManifests) {
    if (k.ecosystem != ecosystem) continue;
    for (const auto& name : names) {
      if (!matches(k.pattern, name)) continue;
      const auto text = read_small_file(dir / name);
      if (!text) continue;
      if (auto pin = k.read(*text, package)) {
        pin->manifest = (dir / name).generic_string();
        return pin;
      }
    }
  }
  return std::nullopt;
}

std::optional<PackagePin> ProjectManifests::pin(const fs::path& dir, Ecosystem ecosystem, const std::string& package) {
  std::error_code ec;
  fs::path d = fs::absolute(dir.empty() ? fs::path(".") : dir, ec);  // "" is the current directory
  if (ec) return std::nullopt;
  d = d.lexically_normal();
  std::vector<std::string> visited;
  std::optional<PackagePin> found;
  for (int guard = 0; guard < 64; ++guard) {
    const auto key = std::make_tuple(d.generic_string(), ecosystem, package);
    if (auto it = cache_.find(key); it != cache_.end()) {
      found = it->second;
      break;
    }
    visited.push_back(d.generic_string());
    if (auto p = in_directory(d, ecosystem, package)) {
      found = std::move(p);
      break;
    }
    // The repository's top is as far as its project goes.
    if (fs::exists(d / ".git", ec) || !d.has_parent_path() || d.parent_path() == d) break;
    d = d.parent_path();
  }
  for (const auto& v : visited) cache_[std::make_tuple(v, ecosystem, package)] = found;
  return found;
}

}  // namespace capmig::fix
