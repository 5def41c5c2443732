#pragma once
// `fix --format json`: every construct's rewrite or the reason it needs a person, and each
// file's patch. Secrets show redacted, as findings do.
#include <boost/json/object.hpp>

#include "analyzer/fix/model.h"

namespace capmig::report {

boost::json::object fix_to_json(const fix::FixReport& r);

}  // namespace capmig::report
