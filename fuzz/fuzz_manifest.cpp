// libFuzzer target: the package manifest readers and version ranges `fix` trusts to decide
// whether a project's Twilio library has the Access Token API (analyzer/fix/project/).
//
// First byte = which manifest (file name, ecosystem, package), rest = its text. Invariants: a
// pin's spec is text of the input; parsing it again gives the same range; a range never says
// both "all below" and "all at least" of one version unless it is empty (low above high); each
// version of the range prints to text that parses back to itself.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analyzer/fix/project/manifests.h"
#include "analyzer/fix/project/version_range.h"
#include "fuzz/fuzz_util.h"

namespace {

using capmig::fix::Ecosystem;

struct Kind {
  std::string_view file;
  Ecosystem ecosystem;
  std::string_view package;
};

constexpr std::array<Kind, 20> kKinds{{
    {"package.json", Ecosystem::npm, "twilio"},
    {"package-lock.json", Ecosystem::npm, "twilio"},
    {"yarn.lock", Ecosystem::npm, "twilio"},
    {"requirements.txt", Ecosystem::pypi, "twilio"},
    {"Pipfile", Ecosystem::pypi, "twilio"},
    {"Pipfile.lock", Ecosystem::pypi, "twilio"},
    {"poetry.lock", Ecosystem::pypi, "twilio"},
    {"pyproject.toml", Ecosystem::pypi, "twilio"},
    {"setup.py", Ecosystem::pypi, "twilio"},
    {"Gemfile", Ecosystem::gem, "twilio-ruby"},
    {"Gemfile.lock", Ecosystem::gem, "twilio-ruby"},
    {"app.gemspec", Ecosystem::gem, "twilio-ruby"},
    {"composer.json", Ecosystem::composer, "twilio/sdk"},
    {"composer.lock", Ecosystem::composer, "twilio/sdk"},
    {"packages.config", Ecosystem::nuget, "Twilio"},
    {"App.csproj", Ecosystem::nuget, "Twilio"},
    {"pom.xml", Ecosystem::maven, "com.twilio.sdk:twilio"},
    {"build.gradle", Ecosystem::maven, "com.twilio.sdk:twilio"},
    {"build.gradle.kts", Ecosystem::maven, "com.twilio.sdk:twilio"},
    {"setup.cfg", Ecosystem::pypi, "twilio"},
}};

bool same(const capmig::fix::VersionRange& a, const capmig::fix::VersionRange& b) {
  return a.low == b.low && a.high == b.high && a.high_inclusive == b.high_inclusive;
}

void check_range(std::string_view spec, Ecosystem eco) {
  using capmig::fuzz::fail;
  const auto r = capmig::fix::parse_range(spec, eco);
  const auto again = capmig::fix::parse_range(spec, eco);
  if (r.has_value() != again.has_value() || (r && !same(*r, *again))) fail("parse_range not deterministic");
  if (!r) return;
  for (const auto& v : {r->low, r->high}) {
    if (!v) continue;
    const auto back = capmig::fix::parse_version(v->str());
    if (!back || !(*back == *v)) fail("a range's version does not print back to itself");
  }
  const bool empty = r->low && r->high && (*r->low > *r->high || (*r->low == *r->high && !r->high_inclusive));
  for (const auto& probe : {r->low, r->high}) {
    if (!probe) continue;
    if (r->all_below(*probe) && r->all_at_least(*probe) && !empty) fail("a range both below and at least a version");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Kind& k = kKinds[data[0] % kKinds.size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto pin = capmig::fix::read_manifest(k.file, text, k.ecosystem, k.package);
  if (pin) {
    if (pin->spec.size() > text.size()) capmig::fuzz::fail("a spec longer than the manifest");
    check_range(pin->spec, k.ecosystem);
  }
  // The raw text as a requirement too: the range grammar sees every byte the fuzzer makes.
  if (text.size() < 256) check_range(text, k.ecosystem);
  return 0;
}
