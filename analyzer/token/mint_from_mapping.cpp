#include "analyzer/token/mint_from_mapping.h"

#include <algorithm>

#include "analyzer/token/sid.h"

namespace capmig::token {

void override_identity(AccessTokenMapping& m, const std::string& identity, const map::MappingTable& table) {
  m.fields["identity"] = Param::literal(boost::json::value(identity));
  auto drop = [&](std::string_view code) {
    m.diagnostics.erase(std::remove(m.diagnostics.begin(), m.diagnostics.end(), code), m.diagnostics.end());
  };
  drop("identity-missing");
  drop("identity-conflict");
  drop("identity-invalid-chars");
  if (!table.identity_chars_valid(identity)) {
    m.diagnostics.push_back("identity-invalid-chars");
    std::sort(m.diagnostics.begin(), m.diagnostics.end());
  }
}

Result<AccessTokenSpec, std::string> access_token_spec(const DecodedToken& t, const MintOverrides& o,
                                                       const map::MappingTable& table) {
  if (t.kind != TokenKind::Capability || !t.capability || !t.mapping)
    return Unexpected{"not a capability token (" + std::string(to_string(t.kind)) + "): nothing to map"};
  if (!is_api_key_sid(o.api_key_sid))
    return Unexpected{"--api-key-sid \"" + o.api_key_sid + "\" is not an API key SID (SK + 32 hex)"};
  AccessTokenMapping m = *t.mapping;
  if (o.identity) override_identity(m, *o.identity, table);
  const auto identity = m.identity_value();
  if (!identity || identity->empty())
    return Unexpected{std::string("identity-missing: the capability token names no client; pass --identity NAME")};

  AccessTokenSpec spec;
  spec.account_sid = t.capability->account_sid;
  spec.api_key_sid = o.api_key_sid;
  spec.identity = *identity;
  spec.ttl = o.ttl ? *o.ttl : m.ttl_value().value_or(table.default_ttl());
  spec.region = o.region;
  spec.alg = o.alg;
  spec.grants = m.grants();
  spec.grants.erase("identity");
  return spec;
}

}  // namespace capmig::token
