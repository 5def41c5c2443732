#pragma once
// One finding: the model every reporter (text, json, sarif, markdown, html) and the
// baseline read. Built by the scanner, never by a reporter.
#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/core/capability_params.h"
#include "analyzer/core/location.h"
#include "analyzer/lang/language.h"
#include "analyzer/token/model.h"

namespace capmig::map {
class MappingTable;
}  // namespace capmig::map

namespace capmig::scan {

enum class Category { capability_mint, capability_client, embedded_token, hardcoded_secret };
std::string_view to_string(Category c);  // "capability-mint", ...

enum class Severity { info, low, medium, high };
std::string_view to_string(Severity s);  // "info", ...
std::optional<Severity> severity_from_string(std::string_view s);

// Another finding's place, for the links between findings.
struct SourceRef {
  std::string path;
  std::uint32_t line = 0;
};

struct Finding {
  std::string id;  // stable fingerprint (fingerprint.h)
  std::string rule_id;
  Category category = Category::capability_mint;
  Severity severity = Severity::medium;
  lang::Language language = lang::Language::text;
  std::string path;  // relative to the scan root, '/'-separated
  Location location;
  std::string message;
  std::string snippet;  // the construct's source text, secrets already redacted
  // SPEC's "capability" object: account_sid, auth_token, incoming_client_name,
  // outgoing_application_sid, outgoing_client_name, outgoing_params, event_stream, ttl.
  // Absent keys print as null. auth_token text/value are already redacted.
  CapabilityParameters capability;
  // What the mapping stage maps, as a matcher saw it (rule defaults filled in, secrets
  // redacted): set by matchers, taken by the scanner's map step, which fills `mapping`.
  std::optional<CapabilityParameters> map_input;
  std::optional<AccessTokenMapping> mapping;  // capability-mint and embedded capability tokens
  std::optional<token::DecodeResult> token;   // embedded-token: what decoding it gave
  // capability-mint: a token generated again from the object another finding built (a second
  // generate() call): that finding's line. Its parameters are this token's own.
  std::uint32_t generated_again_from = 0;
  // Found in a code block of a Markdown or reStructuredText file: an example, never patched.
  bool documentation = false;
  bool is_new = true;  // false when the id is in the --baseline file: reported, never fails
  // capability-mint: the object is returned by this helper function, which no code of its file
  // calls (an export); the repository pass reads what its callers in other files do with it.
  std::string exported_helper;
  bool exported_memo = false;  // the helper memoizes the object: every caller shares it
  // capability-mint of an object a caller or a framework provides (a typed parameter, an
  // injected field): the class it arrives as. The repository pass ties it to the construct
  // that builds such objects for others (a service provider's binding, a Spring @Bean).
  std::string provided_class;
  // capability-mint: the object is built and handed on here, no scope added and not signed.
  bool built_for_others = false;
  // Set by that pass: where the object was built (on the receiver), and where it goes (on the
  // builder). Paths and lines of the other findings.
  std::optional<SourceRef> provided_by;
  std::vector<SourceRef> provides;
};

// What a reporter needs to know about a rule (SARIF tool.driver.rules, `rules list`).
struct RuleSummary {
  std::string id;
  std::string name;  // the dialect in words: "twilio-node 3.x-6.x ClientCapability"
  std::vector<lang::Language> languages;
  Category category = Category::capability_mint;
  Severity severity = Severity::medium;
  std::string message;  // one line, what the finding means
  std::string help;     // what to do about it (markdown allowed)
};

struct ScanError {
  std::string path;
  std::string message;
};

// Files the scan did not read, by reason (SPEC: every file not scanned is counted).
struct SkipCounts {
  std::uint64_t binary = 0;            // a NUL byte in the first 8 KiB
  std::uint64_t ignored = 0;           // .gitignore, dependency directories, --exclude
  std::uint64_t symlinks = 0;          // not followed (or, with --follow, dangling or a loop)
  std::uint64_t special = 0;           // FIFOs, sockets, devices
  std::uint64_t other_filesystem = 0;  // pseudo file systems; with --follow, other mounts
  // Files it should have read and could not: each makes the scan incomplete.
  std::uint64_t unreadable = 0;
  std::uint64_t too_deep = 0;
};

struct ScanReport {
  std::string root;  // the first root as given
  // `scan --repository NAME`: what `merge` calls this report; empty when not given.
  std::string repository;
  std::uint64_t files_scanned = 0;  // large files included
  // Over --max-filesize: searched for the rules' keywords in pieces, lexed only around hits.
  std::uint64_t large_files = 0;
  SkipCounts skipped;
  // Files it should have read were not (unreadable, too deep, an error): the gate fails
  // unless the user allows it (--allow-incomplete).
  bool incomplete = false;
  std::vector<ScanError> errors;
  std::vector<Finding> findings;             // sorted by (path, line, column, rule_id)
  std::vector<RuleSummary> rules;            // every rule loaded, in `rules list` order
  const map::MappingTable* table = nullptr;  // the table the findings were mapped by
};

}  // namespace capmig::scan
