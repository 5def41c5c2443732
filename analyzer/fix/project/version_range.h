#pragma once
// The versions of a package a manifest allows, from its requirement text in one ecosystem's
// syntax: npm/Poetry `^2.11.1`, `~3.1`, `2.x`, `>=1 <3 || 4`; pip `==5.7.0`, `~=5.7`, `>=6,<7`;
// RubyGems `~> 4.11`; Composer `^5.0|^6.0`, `4.*`; NuGet and Maven `[5.0,6.0)`; Gradle `7.+`.
// `fix` only needs two answers from it: are all allowed versions below the one the Access
// Token code needs, or all at or above it. So a range is kept as its hull [low, high).
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace capmig::fix {

enum class Ecosystem { npm, pypi, gem, composer, nuget, maven };
std::optional<Ecosystem> ecosystem_from_string(std::string_view name);  // "npm", "pypi", …
std::string_view to_string(Ecosystem e);

// Up to four numeric parts; missing ones are 0. A pre-release or build suffix is dropped
// (5.0.0-rc1 counts as 5.0.0: the releases either side of it decide the same way).
struct Version {
  std::array<long, 4> parts{};
  int given = 0;  // how many parts the text had
  friend auto operator<=>(const Version& a, const Version& b) { return a.parts <=> b.parts; }
  friend bool operator==(const Version& a, const Version& b) { return a.parts == b.parts; }
  std::string str() const;  // the given parts joined by '.'
};
std::optional<Version> parse_version(std::string_view text);  // "v4.12.1", "5.7", "7.7.1rc2"

struct VersionRange {
  std::optional<Version> low;   // inclusive; none: from the first release
  std::optional<Version> high;  // none: no upper bound
  bool high_inclusive = false;

  // Every allowed version is below v / at or above v.
  bool all_below(const Version& v) const;
  bool all_at_least(const Version& v) const;
};

// nullopt when the text names no versions capmig can bound: `*`, `latest`, a git or file URL,
// a branch (`dev-master`), a variable (`${twilio.version}`).
std::optional<VersionRange> parse_range(std::string_view spec, Ecosystem ecosystem);

}  // namespace capmig::fix
