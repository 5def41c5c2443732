#pragma once
// `capmig trace`'s tally over a token stream: for each capability token, the construct that
// minted it (trace_match.h), counted with where and when it was last seen. Partial tallies
// made on worker threads merge in input order, so "first" and "last" are the input's.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "analyzer/report/trace_match.h"
#include "analyzer/token/model.h"

namespace capmig::report {

// Tokens of one group: how many, where first and last seen ("app.log:12"), and the last
// one's times and short fingerprint (never the token itself).
struct TraceSighting {
  std::uint64_t tokens = 0;
  std::uint64_t verified = 0, failed = 0, unverified = 0;  // signature: checked true, false, no key
  std::string first, last, last_fingerprint;
  std::optional<std::int64_t> last_issued;  // iat, else nbf
  std::int64_t last_expires = 0;

  void add(std::string_view where, std::string_view fingerprint, const token::DecodedToken& t);
  void merge(const TraceSighting& later);
};

// "tok-" + 12 hex digits of the token's SHA-256: enough to find it again, useless to replay.
std::string token_fingerprint(std::string_view token);

// Unexplained tokens are grouped by (account SID, TwiML app SID, client name); "" is none.
using TraceGroupKey = std::tuple<std::string, std::string, std::string>;

struct TokenTrace {
  // Groups keyed by token contents stop growing at this size (distinct attacker-chosen names
  // must not grow memory without bound); the tokens they could not hold are in `dropped`.
  static constexpr std::size_t kMaxRows = 20000;

  std::map<std::size_t, TraceSighting> live;                    // construct index → its tokens
  std::map<std::vector<std::size_t>, TraceSighting> ambiguous;  // tied candidates → tokens
  std::map<TraceGroupKey, TraceSighting> unexplained;           // no construct fits
  std::uint64_t capability = 0;                                 // capability tokens traced (decoded, voice)
  std::uint64_t other = 0;                                      // access, TaskRouter and other JWTs: nothing to trace
  std::uint64_t malformed = 0;                                  // JWT-shaped strings that did not decode
  std::uint64_t dropped = 0;

  // One token from the stream; `token` is its text (for the fingerprint only).
  void add(const token::DecodeResult& r, std::string_view token, std::string_view where,
           const std::vector<TraceConstruct>& constructs);
  void merge(const TokenTrace& later);
  void clear() { *this = TokenTrace{}; }
};

}  // namespace capmig::report
