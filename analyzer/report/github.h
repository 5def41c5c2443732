#pragma once
// `--format github`: GitHub Actions workflow commands, one per new finding, which the runner
// turns into annotations on the pull request's diff:
//   ::error file=src/a.js,line=3,endLine=3,col=5,endColumn=40,title=…::message
// high -> error, medium and low -> warning, info -> notice; scan errors are warnings. A plain
// summary line closes the output (the log shows it as is).
#include <ostream>
#include <string>
#include <string_view>

#include "analyzer/report/scan_model.h"

namespace capmig::report {

void write_github(std::ostream& out, const ScanReport& report);

// GitHub's escaping: in the message `%`, CR and LF; in a property also `:` and `,`.
std::string github_escape_data(std::string_view s);
std::string github_escape_property(std::string_view s);

}  // namespace capmig::report
