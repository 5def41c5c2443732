#pragma once
// Strict JSON for token parts: strict UTF-8, one object, no duplicate member names,
// bounded nesting, no trailing data. Boost.JSON silently keeps the last duplicate, which
// would let a forged claim hide behind an earlier one, so duplicates are detected here.
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "analyzer/core/result.h"

namespace capmig::jwt {

// `storage` holds the result's values (default: the heap); a caller decoding token after
// token passes an arena it releases between tokens, so a parse need not call malloc.
Result<boost::json::object, std::string> parse_strict_object(std::string_view text, unsigned max_depth,
                                                             boost::json::storage_ptr storage = {});

// Any strict JSON value (used for documents that are not token parts, e.g. vectors).
Result<boost::json::value, std::string> parse_strict(std::string_view text, unsigned max_depth,
                                                     boost::json::storage_ptr storage = {});

}  // namespace capmig::jwt
