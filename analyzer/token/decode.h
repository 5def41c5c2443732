#pragma once
// The token pipeline: size → structure → base64url → JSON → alg → signature → claims,
// then classification, the kind's model, lint, and (capability tokens) the mapping.
#include <boost/json/storage_ptr.hpp>

#include <cstdint>
#include <string_view>

#include "analyzer/map/table.h"
#include "analyzer/token/model.h"

namespace capmig::token {

struct DecodeOptions {
  VerificationKeys keys;
  std::int64_t now = 0;  // UNIX seconds: expiry and capability-expired are judged against it
  // Maps capability tokens and knows the identity characters Voice takes. Required.
  const map::MappingTable* table = nullptr;
};

// `storage` holds the decoded header and payload (default: the heap). A stream passes a
// per-thread arena it releases after each token's output is written.
DecodeResult decode_token(std::string_view token, const DecodeOptions& options,
                          const boost::json::storage_ptr& storage = {});

}  // namespace capmig::token
