#pragma once
// JSON text exactly as JavaScript's JSON.stringify writes it, so minted tokens are
// byte-identical to twilio-node's: compact, minimal escapes with lower-case \u00xx, and
// object keys in JavaScript's own order (array-index keys first, ascending, then the
// rest in insertion order).
#include <boost/json/value.hpp>

#include <string>

namespace capmig::jwt {

std::string js_stringify(const boost::json::value& v);

}  // namespace capmig::jwt
