#pragma once
// `capmig trace`'s report in text, JSON and Markdown. Each says three things: the constructs
// still minting tokens in production (how many, where and when last seen), the constructs
// with no token in the logs, and the tokens no scanned code explains. Tokens show as a short
// fingerprint only; secrets never appear (findings carry them redacted, tokens hold none).
#include <boost/json/object.hpp>

#include <string>
#include <vector>

#include "analyzer/report/style.h"
#include "analyzer/report/trace.h"
#include "analyzer/report/trace_match.h"

namespace capmig::report {

boost::json::object trace_to_json(const TokenTrace& t, const std::vector<TraceConstruct>& constructs);
std::string trace_to_text(const TokenTrace& t, const std::vector<TraceConstruct>& constructs, const TextStyle& style);
std::string trace_to_markdown(const TokenTrace& t, const std::vector<TraceConstruct>& constructs);

}  // namespace capmig::report
