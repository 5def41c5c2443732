#pragma once
// What the reporters read: the scan's model, named in the report namespace so that a report
// says Finding, not scan::Finding. Fix's model is read as fix::…
#include "analyzer/scan/finding.h"

namespace capmig::report {

using capmig::Location;
using lang::Language;
using lang::to_string;
using scan::Category;
using scan::Finding;
using scan::RuleSummary;
using scan::ScanError;
using scan::ScanReport;
using scan::Severity;
using scan::severity_from_string;
using scan::SkipCounts;
using scan::to_string;

}  // namespace capmig::report
