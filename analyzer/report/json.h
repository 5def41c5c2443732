#pragma once
// `scan --format json` (SPEC "Findings"): one object for the whole scan. Keys are always
// present and always in the SPEC's order, so output is byte-stable for a given report.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <optional>
#include <ostream>
#include <string_view>

#include "analyzer/report/scan_model.h"

namespace capmig::report {

struct FieldName {
  std::string_view key;    // JSON key, CapabilityParameters / AccessTokenMapping field
  std::string_view label;  // how the text report names it
};

// SPEC's "capability" object, in order.
inline constexpr std::array<FieldName, 8> kCapabilityFields{{
    {"account_sid", "account sid"},
    {"auth_token", "auth token"},
    {"incoming_client_name", "incoming client name"},
    {"outgoing_application_sid", "outgoing application sid"},
    {"outgoing_client_name", "outgoing client name"},
    {"outgoing_params", "outgoing params"},
    {"event_stream", "event stream"},
    {"ttl", "ttl"},
}};

// SPEC's "mapping.voice_grant" keys and the AccessTokenMapping paths they come from.
inline constexpr std::array<FieldName, 3> kVoiceGrantFields{{
    {"incoming_allow", "voice.incoming_allow"},
    {"outgoing_application_sid", "voice.outgoing_application_sid"},
    {"outgoing_application_params", "voice.outgoing_application_params"},
}};

// Every SPEC key, each null or {"text", "value"}.
boost::json::object capability_params_to_json(const CapabilityParameters& c);
// null, or {"identity", "ttl", "voice_grant": {…}, "diagnostics": […]}.
boost::json::value mapping_fields_to_json(const std::optional<AccessTokenMapping>& m);

boost::json::object finding_to_json(const Finding& f);
// Counts by severity, category and language (extra to the SPEC, after its keys).
boost::json::object summary_to_json(const ScanReport& r);
boost::json::object scan_to_json(const ScanReport& r);
// The same bytes as serialize(scan_to_json(r)) with `extra`'s keys appended, written a finding
// at a time: a monorepo's report is tens of MB as one document, a few KB per finding.
void write_scan_json(std::ostream& out, const ScanReport& r, const boost::json::object& extra = {});

}  // namespace capmig::report
