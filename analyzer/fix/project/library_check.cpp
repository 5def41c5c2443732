#include "analyzer/fix/project/library_check.h"

#include <filesystem>

namespace capmig::fix {

LibraryVerdict check_library(const codegen::LibraryRequirement& requirement, const std::optional<PackagePin>& pin,
                             const std::string& legacy, bool library_upgraded) {
  LibraryVerdict v;
  const auto needed = parse_version(requirement.version);
  if (requirement.package.empty() || !needed) return v;
  const std::string want = requirement.package + " >= " + requirement.version;
  const std::string where = pin ? std::filesystem::path(pin->manifest).filename().string() +
                                      (pin->locked ? " locks " : " asks for ") + requirement.package + " " +
                                      (pin->spec.empty() ? std::string("(any version)") : pin->spec)
                                : "no package manifest up to the repository's top names " + requirement.package;
  // A generation with an end (@before) fits only a project whose every allowed release is
  // in [version, before); nothing less is known to compile.
  const auto before = requirement.before.empty() ? std::nullopt : parse_version(requirement.before);
  if (before) {
    if (pin && pin->range && pin->range->all_at_least(*needed) && pin->range->all_below(*before)) return v;
    v.rewrite = false;
    v.reason = "the Access Token code fits " + requirement.package + " " + requirement.version + " up to " +
               requirement.before + " only";
    return v;
  }
  if (pin && pin->range && pin->range->all_at_least(*needed)) return v;
  const bool older = pin && pin->range && pin->range->all_below(*needed);
  if (!older && legacy.empty()) {
    // Nothing says which release runs this file (no manifest, or one that allows older ones):
    // the patch is written for the first release with every call it makes, and says so.
    v.note = "the Access Token code needs " + want + " (" + where + ")";
    return v;
  }
  const std::string uses = legacy.empty() ? std::string() : "the file uses " + legacy + "; ";
  if (library_upgraded) {
    v.note = uses + "the Access Token code needs " + want + " (" + where + "): upgrade it with this patch";
    return v;
  }
  v.rewrite = false;
  v.reason = uses + "the Access Token code needs " + want + ", and " + where +
             (pin ? " (" + pin->manifest + ")" : std::string()) +
             ": upgrade the library and rerun fix, or rerun with --library-upgraded to get the patch for the "
             "upgraded library";
  return v;
}

bool pinned_below(const codegen::LibraryRequirement& requirement, const std::optional<PackagePin>& pin) {
  const auto needed = parse_version(requirement.version);
  return needed && pin && pin->range && pin->range->all_below(*needed);
}

}  // namespace capmig::fix
