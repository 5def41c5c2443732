#pragma once
// Strict JSON for token parts: strict UTF-8, one object, no duplicate member names,
// bounded nesting, no trailing data. Boost.JSON silently keeps the last duplicate, which
// would let a forged claim hide behind an earlier one, so duplicates are detected here.
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "analyzer/core/result.h"

namespace capmig::jwt {

Result<boost::json::object, std::string> parse_strict_object(std::string_view text,
                                                             unsigned max_depth);

// Any strict JSON value (used for documents that are not token parts, e.g. vectors).
Result<boost::json::value, std::string> parse_strict(std::string_view text, unsigned max_depth);

}  // namespace capmig::jwt
