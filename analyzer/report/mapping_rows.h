#pragma once
// The before/after table the Markdown and HTML reports show for a finding, in the style of the
// seed's Parameter Mapping Table: each capability parameter as written, the Access Token setting
// it becomes and the value it gets, with the mapping's diagnostics called out on their row.
// Rows come from mapping/table.json, so the reports follow the same table as the mapping.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/map/table.h"
#include "analyzer/report/scan_model.h"

namespace capmig::report {

// A value shown in a report: a literal's plain form ('alice' -> alice, 600, {"a":"b"}) or, when
// only known at run time, the source expression.
struct ShownValue {
  std::string text;
  bool expression = false;  // text is source code, not a literal value
};
ShownValue shown_value(const Param& p);

struct MappedSetting {
  std::string name;  // the Access Token setting: "identity", "incomingAllow", "ttl", ...
  ShownValue value;
};

struct MappingRow {
  std::string capability;                // "Incoming: clientName", or "(none)" for new settings
  std::optional<std::string> written;    // the source text as written; nullopt: not set
  std::string setting;                   // the table's Access Token column: "identity & incomingAllow=true"
  std::vector<MappedSetting> values;     // what the Access Token gets from this row
  std::string note;                      // plain words when there is no value ("sign with an API key …")
  std::vector<std::string> diagnostics;  // codes that concern this row
};

// The table a report's findings were mapped by (the scanner records it).
const map::MappingTable& mapping_table_of(const ScanReport& report);

// The diagnostics a finding carries (its mapping's, else those found while extracting).
const std::vector<std::string>& finding_diagnostics(const Finding& f);

// A mapping table read once into the rows reports show; a report builds one and asks it for
// every finding.
class ReportMapping {
 public:
  explicit ReportMapping(const map::MappingTable& table);
  ~ReportMapping();

  // Empty for findings without a mapping (client SDK calls, secrets, embedded access tokens).
  std::vector<MappingRow> rows(const Finding& f) const;
  // One sentence for a mapping diagnostic code (TOKENS.md section 5); empty for an unknown code.
  std::string explanation(std::string_view code) const;

 private:
  struct Rows;
  const map::MappingTable& table_;
  std::unique_ptr<const Rows> rows_;
};

}  // namespace capmig::report
