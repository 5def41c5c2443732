#pragma once
// Whether Access Token code may go into a file, given the library release it needs and what
// the project's manifests say (a wrong generation is a patch that does not run, or on
// twilio-node 3.0-3.14 one that silently drops incomingAllow):
//  * every version the project allows has the API            -> rewrite;
//  * every version it allows is older                          -> needs-input "library-upgrade";
//  * unknown or mixed, and the file's own API is a retired
//    generation (twilio.util, Services_Twilio_Capability, …)   -> needs-input "library-upgrade";
//  * unknown or mixed, current generation                      -> rewrite (what it resolves to today has it).
// `--library-upgraded` turns the refusals into rewrites that carry the upgrade as a note.
#include <optional>
#include <string>

#include "analyzer/codegen/target_language.h"
#include "analyzer/fix/project/manifests.h"

namespace capmig::fix {

struct LibraryVerdict {
  bool rewrite = true;
  std::string reason;  // needs-input: the sentence
  std::string note;    // rewrite: what the reviewer must also change
};

// `legacy` is the rule's fix.legacy_library ("" for a current API); `pin` what the project's
// manifests say about requirement.package.
LibraryVerdict check_library(const codegen::LibraryRequirement& requirement, const std::optional<PackagePin>& pin,
                             const std::string& legacy, bool library_upgraded);

// Every version the project's manifests allow is older than the requirement: the case where a
// template's @earlier generation may fit instead.
bool pinned_below(const codegen::LibraryRequirement& requirement, const std::optional<PackagePin>& pin);

}  // namespace capmig::fix
