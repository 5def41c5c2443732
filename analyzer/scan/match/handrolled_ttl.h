#pragma once
// The lifetime of a hand-rolled capability token: what its `exp` claim adds to the current
// time (`exp: now + 3600`, `'exp' => time() + $ttl`, `claims.Add("exp", time.Now().Add(ttl)…)`,
// `Expires = DateTime.UtcNow.AddHours(8)`), read near the scope string it signs.
#include <cstddef>
#include <optional>

#include "analyzer/scan/match/context.h"

namespace capmig::scan {

// The ttl as the code writes it (the added operand, or the Add… call), with its value in
// seconds when it is a literal; nullopt when no `exp` claim near token `near` reads that way.
std::optional<Param> handrolled_ttl(const MatchContext& ctx, std::size_t near);

}  // namespace capmig::scan
