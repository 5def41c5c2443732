#pragma once
// SPEC's `decode --format json` object for one token.
#include <boost/json/object.hpp>

#include "analyzer/token/model.h"

namespace capmig {

boost::json::object mapping_to_json(const AccessTokenMapping& m);  // {identity, ttl, grants, diagnostics}
boost::json::object capability_to_json(const CapabilityToken& cap);
boost::json::object decode_result_to_json(const DecodeResult& r);  // carries "error" on failure

}  // namespace capmig
