// What a project's manifests say about its Twilio library: version requirement syntax of each
// package manager, each manifest and lock file format, and the walk up to the repository's top.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "analyzer/fix/project/manifests.h"
#include "analyzer/fix/project/version_range.h"

using namespace capmig::fix;
namespace fs = std::filesystem;

namespace {

// "below" / "at-least" / "mixed" for the range a spec allows against version v.
std::string verdict(std::string_view spec, Ecosystem eco, std::string_view v) {
  const auto r = parse_range(spec, eco);
  if (!r) return "unknown";
  const auto ver = parse_version(v);
  REQUIRE(ver);
  if (r->all_below(*ver)) return "below";
  if (r->all_at_least(*ver)) return "at-least";
  return "mixed";
}

void write(const fs::path& p, std::string_view text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("version ranges: each package manager's syntax, against the release the code needs", "[fix][library]") {
  using E = Ecosystem;
  // npm: caret, tilde, x-ranges, hyphen ranges, unions, bare versions.
  CHECK(verdict("^2.11.1", E::npm, "3.15.0") == "below");
  CHECK(verdict("~3.14.0", E::npm, "3.15.0") == "below");
  CHECK(verdict("~3.15.2", E::npm, "3.15.0") == "at-least");
  CHECK(verdict("^3.0.0", E::npm, "3.15.0") == "mixed");
  CHECK(verdict("2.x", E::npm, "3.15.0") == "below");
  CHECK(verdict("2", E::npm, "3.15.0") == "below");
  CHECK(verdict("3.14.1", E::npm, "3.15.0") == "below");
  CHECK(verdict("3.15.0", E::npm, "3.15.0") == "at-least");
  CHECK(verdict(">=2.0.0 <3.0.0", E::npm, "3.15.0") == "below");
  CHECK(verdict("<=3.15.0", E::npm, "3.15.0") == "mixed");
  CHECK(verdict("<3.15.0", E::npm, "3.15.0") == "below");
  CHECK(verdict("1.0.0 - 2.9.9", E::npm, "3.15.0") == "below");
  CHECK(verdict("^2.0.0 || ^3.20.0", E::npm, "3.15.0") == "mixed");
  CHECK(verdict("^4.0.0 || ^6.0.0", E::npm, "3.15.0") == "at-least");
  CHECK(verdict("^0.2.3", E::npm, "0.3.0") == "below");
  CHECK(verdict("v2.11.1", E::npm, "3.15.0") == "below");
  CHECK(verdict("*", E::npm, "3.15.0") == "unknown");
  CHECK(verdict("latest", E::npm, "3.15.0") == "unknown");
  CHECK(verdict("git+https://example.invalid/twilio.git#v2.1.0", E::npm, "3.15.0") == "unknown");
  CHECK(verdict("", E::npm, "3.15.0") == "unknown");
  // pip: ==, ~=, comma conjunctions, wildcards; Poetry's caret.
  CHECK(verdict("==5.7.0", E::pypi, "6.12.0") == "below");
  CHECK(verdict("==6.*", E::pypi, "6.12.0") == "mixed");
  CHECK(verdict("~=6.5", E::pypi, "6.12.0") == "mixed");
  CHECK(verdict("~=6.5.0", E::pypi, "6.12.0") == "below");
  CHECK(verdict(">=5.0,<6.0", E::pypi, "6.12.0") == "below");
  CHECK(verdict(">=7", E::pypi, "6.12.0") == "at-least");
  CHECK(verdict("^6.0", E::pypi, "6.12.0") == "mixed");
  CHECK(verdict("7.7.1rc1", E::pypi, "6.12.0") == "at-least");
  // RubyGems' pessimistic operator, with its space.
  CHECK(verdict("~> 4.11", E::gem, "5.8.0") == "below");
  CHECK(verdict("~> 5.0", E::gem, "5.8.0") == "mixed");
  CHECK(verdict("~> 5.10.2", E::gem, "5.8.0") == "at-least");
  CHECK(verdict("~> 4.11, >= 4.11.1", E::gem, "5.8.0") == "below");
  // Composer: `|` unions, `~` on the last given part, `*`, a v prefix, -dev.
  CHECK(verdict("~4.2", E::composer, "5.17.0") == "below");
  CHECK(verdict("~5.2", E::composer, "5.17.0") == "mixed");
  CHECK(verdict("4.*", E::composer, "5.17.0") == "below");
  CHECK(verdict("^4.0|^5.20", E::composer, "5.17.0") == "mixed");
  CHECK(verdict("v5.42.2", E::composer, "5.17.0") == "at-least");
  CHECK(verdict("dev-master", E::composer, "5.17.0") == "unknown");
  // NuGet and Maven intervals; Gradle's dynamic version.
  CHECK(verdict("[5.0,6.0)", E::nuget, "5.11.0") == "mixed");
  CHECK(verdict("[4.0,5.0)", E::nuget, "5.11.0") == "below");
  CHECK(verdict("[5.20,)", E::nuget, "5.11.0") == "at-least");
  CHECK(verdict("(,5.0]", E::nuget, "5.11.0") == "below");
  CHECK(verdict("[7.17.0]", E::maven, "10.8.0") == "below");
  CHECK(verdict("7.+", E::maven, "10.8.0") == "below");
  CHECK(verdict("${twilio.version}", E::maven, "10.8.0") == "unknown");
}

TEST_CASE("manifests: every package manager's files name the library's version", "[fix][library]") {
  using E = Ecosystem;
  auto spec = [](std::string_view file, std::string_view text, E eco, std::string_view pkg) {
    const auto p = read_manifest(file, text, eco, pkg);
    return p ? p->spec + (p->locked ? " (locked)" : "") : std::string("-");
  };
  CHECK(spec("package.json", R"({"dependencies": {"express": "^4", "twilio": "^2.11.1"}})", E::npm, "twilio") ==
        "^2.11.1");
  CHECK(spec("package.json", R"({"devDependencies": {"twilio": "3.x"}})", E::npm, "twilio") == "3.x");
  CHECK(spec("package.json", R"({"dependencies": {"twilio-video": "^2"}})", E::npm, "twilio") == "-");
  CHECK(spec("package.json", "{not json", E::npm, "twilio") == "-");
  CHECK(spec("package-lock.json", R"({"packages": {"node_modules/twilio": {"version": "3.84.1"}}})", E::npm,
             "twilio") == "3.84.1 (locked)");
  CHECK(spec("package-lock.json", R"({"dependencies": {"twilio": {"version": "2.11.1"}}})", E::npm, "twilio") ==
        "2.11.1 (locked)");
  CHECK(spec("yarn.lock",
             "# yarn lockfile v1\n\ntwilio-video@^2.0.0:\n  version \"2.7.0\"\n\n"
             "twilio@^2.1.0, twilio@^2.11.0:\n  version \"2.11.1\"\n  resolved \"x\"\n",
             E::npm, "twilio") == "2.11.1 (locked)");
  CHECK(spec("yarn.lock", "\"twilio@npm:^3.0.0\":\n  version: 3.84.1\n", E::npm, "twilio") == "3.84.1 (locked)");

  CHECK(spec("requirements.txt", "Flask==0.12\n# twilio==9\ntwilio==5.7.0  # voice\n", E::pypi, "twilio") == "==5.7.0");
  CHECK(spec("requirements-prod.txt", "Twilio[extra] >= 6.0, <7 ; python_version > '3'\n", E::pypi, "twilio") ==
        ">= 6.0, <7");
  CHECK(spec("requirements.txt", "twilio-stubs==1.0\ntwilio\n", E::pypi, "twilio") == "");
  CHECK(spec("Pipfile", "[packages]\nflask = \"*\"\ntwilio = \"==6.10.0\"\n", E::pypi, "twilio") == "==6.10.0");
  CHECK(spec("pyproject.toml", "[tool.poetry.dependencies]\ntwilio = {version = \"^7.0\", optional = true}\n", E::pypi,
             "twilio") == "^7.0");
  CHECK(spec("pyproject.toml", "[project]\ndependencies = [\n  \"twilio>=8\",\n]\n", E::pypi, "twilio") == ">=8");
  CHECK(spec("setup.py", "setup(install_requires=['flask', 'twilio>=5.0,<6'])\n", E::pypi, "twilio") == ">=5.0,<6");
  CHECK(spec("setup.cfg", "[options]\ninstall_requires =\n    twilio ~= 6.5\n", E::pypi, "twilio") == "~= 6.5");
  CHECK(spec("Pipfile.lock", R"({"default": {"twilio": {"version": "==7.7.1"}}})", E::pypi, "twilio") ==
        "==7.7.1 (locked)");
  CHECK(spec("poetry.lock",
             "[[package]]\nname = \"flask\"\nversion = \"2.0\"\n\n[[package]]\nname = \"twilio\"\n"
             "version = \"6.63.0\"\n",
             E::pypi, "twilio") == "6.63.0 (locked)");

  CHECK(spec("Gemfile", "source 'https://rubygems.org'\ngem 'twilio-ruby', '~> 4.11', require: false\n", E::gem,
             "twilio-ruby") == "~> 4.11");
  CHECK(spec("Gemfile", "gem \"twilio-ruby\"\n", E::gem, "twilio-ruby") == "");
  CHECK(spec("app.gemspec", "  s.add_dependency 'twilio-ruby', '>= 5.0', '< 6'\n", E::gem, "twilio-ruby") ==
        ">= 5.0, < 6");
  CHECK(spec("Gemfile.lock", "GEM\n  specs:\n    jwt (1.5.6)\n    twilio-ruby (4.13.0)\n      jwt (~> 1.0)\n", E::gem,
             "twilio-ruby") == "4.13.0 (locked)");

  CHECK(spec("composer.json", R"({"require": {"php": ">=5.3", "twilio/sdk": "~4.2"}})", E::composer, "twilio/sdk") ==
        "~4.2");
  CHECK(spec("composer.lock", R"({"packages": [{"name": "twilio/sdk", "version": "5.42.2"}]})", E::composer,
             "twilio/sdk") == "5.42.2 (locked)");

  CHECK(spec("packages.config",
             "<packages>\n  <package id=\"Twilio.Client\" version=\"3.6.0\" />\n"
             "  <package version=\"4.7.2\" id=\"Twilio\" targetFramework=\"net45\" />\n</packages>\n",
             E::nuget, "Twilio") == "4.7.2 (locked)");
  CHECK(spec("Web.csproj", "<ItemGroup>\n<PackageReference Include=\"twilio\" Version=\"5.20.1\" />\n", E::nuget,
             "Twilio") == "5.20.1");
  CHECK(spec("Web.csproj",
             "<PackageReference Include=\"Twilio\">\n  <Version>[5.0,6.0)</Version>\n"
             "</PackageReference>\n",
             E::nuget, "Twilio") == "[5.0,6.0)");
  CHECK(spec("Web.csproj", "<Reference Include=\"Twilio, Version=4.7.2.0, Culture=neutral\">\n", E::nuget, "Twilio") ==
        "4.7.2.0 (locked)");

  const std::string pom =
      "<project><properties><twilio.version>7.17.0</twilio.version></properties><dependencies>\n"
      "<dependency><groupId>com.twilio.sdk</groupId><artifactId>twilio-java-sdk</artifactId>"
      "<version>6.3.0</version></dependency>\n"
      "<dependency><groupId>com.twilio.sdk</groupId><artifactId>twilio</artifactId>"
      "<version>${twilio.version}</version></dependency>\n</dependencies></project>\n";
  CHECK(spec("pom.xml", pom, E::maven, "com.twilio.sdk:twilio") == "7.17.0");
  CHECK(spec("build.gradle",
             "dependencies {\n  implementation 'com.twilio.sdk:twilio-java-sdk:6.3.0'\n"
             "  implementation \"com.twilio.sdk:twilio:10.9.1\"\n}\n",
             E::maven, "com.twilio.sdk:twilio") == "10.9.1");
  CHECK(spec("build.gradle", "compile group: 'com.twilio.sdk', name: 'twilio', version: '7.+'\n", E::maven,
             "com.twilio.sdk:twilio") == "7.+");
}

TEST_CASE("manifests: the nearest directory that names the library, up to the repository's top", "[fix][library]") {
  const fs::path root = fs::temp_directory_path() / ("capmig-manifests-" + std::to_string(::getpid()));
  fs::remove_all(root);
  write(root / "outside" / "package.json", R"({"dependencies": {"twilio": "^6.0.0"}})");
  write(root / "outside" / "repo" / ".git" / "HEAD", "ref: refs/heads/main\n");
  write(root / "outside" / "repo" / "package.json", R"({"dependencies": {"twilio": "^2.11.1"}})");
  write(root / "outside" / "repo" / "package-lock.json",
        R"({"packages": {"node_modules/twilio": {"version": "2.11.1"}}})");
  // A workspace package without twilio of its own: the root's applies.
  write(root / "outside" / "repo" / "packages" / "web" / "package.json", R"({"dependencies": {"express": "4"}})");
  write(root / "outside" / "repo" / "packages" / "api" / "package.json", R"({"dependencies": {"twilio": "^3.84.1"}})");
  write(root / "outside" / "repo" / "py" / "requirements.txt", "flask\n");
  ProjectManifests m;
  const auto web = m.pin(root / "outside" / "repo" / "packages" / "web" / "src", Ecosystem::npm, "twilio");
  REQUIRE(web);
  CHECK(web->locked);  // the lock file beats package.json in the same directory
  CHECK(web->spec == "2.11.1");
  CHECK(web->manifest == (root / "outside" / "repo" / "package-lock.json").generic_string());
  const auto api = m.pin(root / "outside" / "repo" / "packages" / "api", Ecosystem::npm, "twilio");
  REQUIRE(api);
  CHECK(api->spec == "^3.84.1");
  // The walk stops at the directory holding .git: the package.json above it is another project.
  CHECK(!m.pin(root / "outside" / "repo" / "py", Ecosystem::pypi, "twilio"));
  // Cached answers are the same answers.
  CHECK(m.pin(root / "outside" / "repo" / "packages" / "web", Ecosystem::npm, "twilio")->spec == "2.11.1");
  fs::remove_all(root);
}
