#pragma once
// SPEC's `decode --format json` object for one token.
#include <boost/json/object.hpp>

#include "analyzer/token/model.h"

namespace capmig {

// {identity, ttl, grants, diagnostics}
boost::json::object mapping_to_json(const AccessTokenMapping& m, const boost::json::storage_ptr& storage = {});
boost::json::object capability_to_json(const token::CapabilityToken& cap, const boost::json::storage_ptr& storage = {});
// Boost.JSON reads 1e309 as infinity and would write it back as the bare word Infinity,
// which is not JSON: a report shows such numbers as null.
bool all_finite(const boost::json::value& v);
bool all_finite(const boost::json::object& o);
boost::json::value finite_only(boost::json::value v);

// Carries "error" on failure. `storage` holds the result (default: the heap).
boost::json::object decode_result_to_json(const token::DecodeResult& r, const boost::json::storage_ptr& storage = {});
// The same, taking r's header and payload instead of copying them when they live in `storage`.
boost::json::object decode_result_to_json(token::DecodeResult&& r, const boost::json::storage_ptr& storage);

}  // namespace capmig
