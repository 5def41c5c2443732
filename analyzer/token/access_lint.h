#pragma once
// Lint for access tokens (TOKENS.md §2): header, claim shapes, lifetime, identity, grants.
#include <cstdint>
#include <vector>

#include "analyzer/map/table.h"
#include "analyzer/token/model.h"
#include "analyzer/token/sid.h"

namespace capmig::token {

// `table` knows which identity characters Voice takes.
void lint_access_token(const DecodedToken& t, const AccessTokenInfo& a, std::int64_t now,
                       const map::MappingTable& table, std::vector<LintEntry>& lint);

}  // namespace capmig::token
