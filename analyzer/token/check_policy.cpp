#include "analyzer/token/check_policy.h"

namespace capmig::token {

CheckVerdict check_token(const DecodeResult& r, const CheckPolicy& policy) {
  CheckVerdict v;
  auto fail = [&](const std::string& code) {
    v.passed = false;
    v.failures.push_back(code);
  };
  if (!r.token) {
    fail(std::string(to_string(r.error->code)));
    return v;
  }
  const DecodedToken& t = *r.token;
  if (r.error) fail(std::string(to_string(r.error->code)));
  if (!t.verified) {
    if (policy.require_verified)
      fail("signature-unverified");
    else
      v.notes.push_back("signature-unverified");
  }
  // The lint severities are the policy: every error fails (capability-token, expired,
  // ttl-exceeds-max, cty-invalid, identity-missing, identity-invalid-chars, unknown-jwt…).
  for (const auto& l : t.lint) {
    if (l.severity == LintSeverity::Error || (policy.strict && l.severity == LintSeverity::Warning))
      fail(l.code);
    else if (l.severity == LintSeverity::Warning)
      v.notes.push_back(l.code);
  }
  return v;
}

}  // namespace capmig::token
