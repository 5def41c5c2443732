#pragma once
// `capmig check`: the CI gate's verdict on one token.
#include <string>
#include <vector>

#include "analyzer/token/model.h"

namespace capmig::token {

struct CheckPolicy {
  bool strict = false;            // warnings fail too (HS384/HS512, unknown region, jti shape…)
  bool require_verified = false;  // a token whose signature could not be checked fails
};

struct CheckVerdict {
  bool passed = true;
  std::vector<std::string> failures;  // codes: capability-token, signature-invalid, expired…
  std::vector<std::string> notes;     // warnings that did not fail
};

CheckVerdict check_token(const DecodeResult& r, const CheckPolicy& policy);

}  // namespace capmig::token
