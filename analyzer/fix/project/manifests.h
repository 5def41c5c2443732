#pragma once
// Which version of a helper library a file's project uses, read from the package manager's
// files in the file's directory or the nearest one above it (up to the repository's top, the
// directory holding .git): a lock file's exact version first, then the manifest's requirement.
//
//   npm       package-lock.json, npm-shrinkwrap.json, yarn.lock, package.json
//   pypi      Pipfile.lock, poetry.lock, requirements*.txt, Pipfile, pyproject.toml, setup.cfg, setup.py
//   gem       Gemfile.lock, Gemfile, *.gemspec
//   composer  composer.lock, composer.json
//   nuget     packages.config, *.csproj, *.vbproj, *.fsproj, Directory.Packages.props
//   maven     pom.xml, build.gradle, build.gradle.kts
//
// `fix` asks this before it writes Access Token code, so a file is never given an API its
// project's library version does not have.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "analyzer/fix/project/version_range.h"

namespace capmig::fix {

struct PackagePin {
  std::string manifest;               // the file it came from, as found on disk
  std::string spec;                   // the requirement as written: "^2.11.1", "==5.7.0", "4.13.0"
  std::optional<VersionRange> range;  // nullopt: a requirement capmig cannot bound (`*`, a git URL)
  bool locked = false;                // from a lock file: the exact version installed
};

// Reads a manifest's text for one package; nullopt when it does not name the package. Exposed
// for tests: `file_name` picks the reader ("package.json", "requirements-dev.txt", "app.csproj").
std::optional<PackagePin> read_manifest(std::string_view file_name, std::string_view text, Ecosystem ecosystem,
                                        std::string_view package);

// Answers per directory, cached: every file of a tree asks about the same few directories.
class ProjectManifests {
 public:
  // The pin of `package` for a file in `dir`; nullopt when no manifest up to the repository's
  // top names it.
  std::optional<PackagePin> pin(const std::filesystem::path& dir, Ecosystem ecosystem, const std::string& package);

 private:
  std::optional<PackagePin> in_directory(const std::filesystem::path& dir, Ecosystem ecosystem,
                                         const std::string& package);
  std::map<std::tuple<std::string, Ecosystem, std::string>, std::optional<PackagePin>> cache_;
};

}  // namespace capmig::fix
