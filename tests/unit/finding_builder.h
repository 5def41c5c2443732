#pragma once
// Findings built in one call for the reporter tests (test_scan_report, test_report_formats):
// the fields every reporter reads, then the test adds parameters and a mapping.
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "analyzer/map/table.h"
#include "analyzer/scan/finding.h"

namespace capmig::scan::testing {

inline Param lit(boost::json::value v, std::string text) { return Param{std::move(text), std::move(v)}; }
inline Param expr(std::string text) { return Param{std::move(text), std::nullopt}; }

struct FindingHead {
  std::string id, rule_id;
  Category category = Category::capability_mint;
  Severity severity = Severity::medium;
  lang::Language language = lang::Language::text;
  std::string path;
  Location location;
  std::string message, snippet;
};

inline Finding finding(FindingHead h) {
  Finding f;
  f.id = std::move(h.id);
  f.rule_id = std::move(h.rule_id);
  f.category = h.category;
  f.severity = h.severity;
  f.language = h.language;
  f.path = std::move(h.path);
  f.location = h.location;
  f.message = std::move(h.message);
  f.snippet = std::move(h.snippet);
  return f;
}

// An embedded token's decode as the jwt detector stores it: kind, header, payload, lint.
inline token::DecodeResult decoded_capability(boost::json::object header, boost::json::object payload,
                                              std::vector<token::LintEntry> lint = {}) {
  token::DecodedToken t;
  t.kind = token::TokenKind::Capability;
  t.alg = "HS256";
  t.header = std::move(header);
  t.payload = std::move(payload);
  t.lint = std::move(lint);
  return token::DecodeResult{std::move(t), std::nullopt};
}

}  // namespace capmig::scan::testing
