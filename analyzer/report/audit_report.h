#pragma once
// `capmig audit` for people: a text report and a Markdown one (JSON lives beside the model).
// Both lead with the question the audit answers: which clients and TwiML apps still get
// capability tokens, and from which account.
#include <string>

#include "analyzer/report/style.h"
#include "analyzer/token/audit.h"

namespace capmig {

std::string audit_to_text(const token::TokenAudit& a, const TextStyle& style);
std::string audit_to_markdown(const token::TokenAudit& a);

}  // namespace capmig
