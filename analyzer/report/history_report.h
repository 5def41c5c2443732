#pragma once
// `scan --history`'s reports: text for people, JSON for tools. Both list each secret, token
// and capability mint ever committed with the commit that introduced it, whether HEAD still
// has it and the commit that removed it; secrets show masked, as in every other report.
#include <cstdint>
#include <ostream>
#include <string>

#include "analyzer/history/model.h"
#include "analyzer/report/style.h"

namespace capmig::report {

// "2024-01-02T03:04:05+01:00": the author's own clock, as `git log --date=iso-strict` shows it.
std::string iso_author_date(std::int64_t unix_seconds, int offset_minutes);

// Secrets and tokens (every one ever committed must be rotated: history keeps them).
bool must_rotate(const history::HistoryFinding& f);

void write_history_text(std::ostream& out, const history::HistoryReport& r, const TextStyle& style);
void write_history_json(std::ostream& out, const history::HistoryReport& r);

}  // namespace capmig::report
