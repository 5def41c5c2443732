#pragma once
// The `scope` claim of a capability token (TOKENS.md §1.2–1.4), every library's escaping undone.
#include <boost/json/storage_ptr.hpp>

#include <string_view>
#include <vector>

#include "analyzer/token/model.h"

namespace capmig::token {

// Fills the scope-derived fields of `cap` (incoming, outgoing, event_stream, unknown_scopes,
// diagnostics) and adds lint entries for lossy encodings.
void parse_scope_claim(std::string_view scope, CapabilityToken& cap, std::vector<LintEntry>& lint);

// What a capability token conveys, in the mapping table's terms. `now` judges expiry.
// `storage` holds the JSON values (a stream passes its per-token arena, like decode_token).
CapabilityParameters capability_parameters(const CapabilityToken& cap, std::int64_t now,
                                           const boost::json::storage_ptr& storage = {});

}  // namespace capmig::token
