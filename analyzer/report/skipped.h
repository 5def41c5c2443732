#pragma once
// What a scan did not read, said the same way in every format: the counts by reason
// (SPEC: every file not scanned is counted), and whether the scan is incomplete.
#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/report/scan_model.h"

namespace capmig::report {

struct SkipReason {
  std::string_view key;    // JSON key and SARIF notification id suffix: "binary", "too_deep"…
  std::string_view words;  // "binary", "too deep to open"…
  std::uint64_t count = 0;
  bool incomplete = false;  // files that should have been read
};

// Every reason, in a fixed order (the JSON `skipped` object's), zero counts included.
std::vector<SkipReason> skip_reasons(const SkipCounts& s);

// {"binary": N, "ignored": N, …}: every reason, zero counts included.
boost::json::object skipped_to_json(const SkipCounts& s);

// "skipped 2 binary, 14 ignored, 1 unreadable"; empty when nothing was skipped.
std::string skipped_phrase(const ScanReport& r);

// "1 large file searched by keyword" (over --max-filesize); empty when there is none.
std::string large_files_phrase(const ScanReport& r);

// One line for a person: why the scan is incomplete and how the gate treats it; empty when
// the scan is complete. "incomplete scan: 1 file unreadable, 2 errors: files it should have
// read were not"
std::string incomplete_sentence(const ScanReport& r);

// The visible line of the Markdown and HTML reports: "Incomplete scan (…). Not scanned: 2
// binary, 14 ignored. 1 large file searched by keyword."; empty when there is nothing to say.
std::string not_scanned_line(const ScanReport& r);

// A path for a one-line message: at most `max` bytes, its start and end kept around "…"
// (a 10,000-deep path is 20,000 characters).
std::string abbreviate_path(std::string_view path, std::size_t max = 160);

}  // namespace capmig::report
