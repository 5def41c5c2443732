#pragma once
// The Access Token a capability token becomes: its mapping plus the caller's API key and
// overrides, ready for mint_access_token.
#include <optional>
#include <string>

#include "analyzer/core/result.h"
#include "analyzer/map/table.h"
#include "analyzer/token/mint.h"
#include "analyzer/token/model.h"

namespace capmig::token {

struct MintOverrides {
  std::string api_key_sid;
  std::optional<std::string> identity;
  std::optional<std::int64_t> ttl;
  std::optional<std::string> region;
  jwt::HmacAlg alg = jwt::HmacAlg::HS256;
};

// --identity replaces (or supplies) the mapped identity and re-judges its diagnostics.
void override_identity(AccessTokenMapping& m, const std::string& identity, const map::MappingTable& table);

Result<AccessTokenSpec, std::string> access_token_spec(const DecodedToken& capability_token, const MintOverrides& o,
                                                       const map::MappingTable& table);

}  // namespace capmig::token
