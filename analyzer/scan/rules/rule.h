#pragma once
// A detection rule, loaded from a data file in rules/ (or a user's --rules DIR). One file per
// language dialect; a user can read and extend them without reading C++.
//
// Kinds:
//   construct  — follow a capability object from its constructor through every method call on
//                it in the file (the helper-library dialects); `bindings` say which argument is
//                which capability parameter.
//   sequence   — a run of tokens (outside comments and strings), e.g. the legacy client SDKs'
//                `initWithCapabilityToken :`.
//   regex      — an RE2 pattern (linear time, safe for user-supplied patterns) over the text,
//                ignoring matches that start inside a comment.
//   detector   — a built-in detector the rule configures: "jwt" (embedded tokens),
//                "scope-string" (hand-rolled scope:client:… strings), "auth-token" (the
//                category and severity of literal auth tokens that constructs report),
//                "auth-token-anywhere" (auth tokens in settings, .env, YAML, REST clients),
//                "api-key-secret" (API key secrets named as such or after an SK… SID).
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "analyzer/core/result.h"
#include "analyzer/scan/finding.h"
#include "analyzer/scan/lang_names.h"

namespace re2 {
class RE2;
}

namespace capmig::scan {

// Where a capability parameter comes from in a call. `at` selects an argument:
//   "0"            the first positional argument     "ttl"        the argument labelled ttl
//   "0|ttl"        either (first that is present)    "0.applicationSid"  a member of a map argument
//   "0.*rest"      the map's other members           "*rest"      labelled / `k => v` arguments not
//                                                                 bound otherwise (Python **kwargs)
// `param` names a capability parameter (account_sid, auth_token, ttl, incoming_client_name,
// outgoing_client_name, outgoing_application_sid, outgoing_params, event_stream) or the
// special "@scopes": collect scope objects built in (or bound to) that argument.
struct Binding {
  std::string at;
  std::string param;
  // "datetime-offset": the seconds in DateTime.UtcNow.AddSeconds(600) / AddMinutes / AddHours.
  std::string transform;
  bool presence = false;  // the call alone conveys the parameter (allowEventStream())
  // The library drops the argument (twilio-php's allowClientOutgoing has no client name, and
  // PHP ignores extra arguments): the finding shows it, the mapping never reads it.
  bool ignored = false;
};

struct ConstructSpec {
  std::vector<std::vector<std::string>> classes;  // "a.b.C" / "A::B::C" / "A\\B\\C" split
  std::vector<Binding> args;                      // constructor arguments
  std::map<std::string, std::vector<Binding>, std::less<>> methods;
  std::set<std::string, std::less<>> terminal;  // methods that produce the token
  // Methods that neither set a parameter nor produce the token (a builder's `build()`):
  // `fix` may drop them with the construct; any other unknown method blocks a rewrite.
  std::set<std::string, std::less<>> neutral;
  // A class method that builds and signs the token in one call, taking every parameter
  // (twilio-rb's `Twilio::CapabilityToken.create allow_incoming: …`): it stands for the
  // constructor and is the terminal call.
  std::string factory;
};

enum class RuleKind { construct, sequence, regex, detector };

// A construct rule's fix, beside its match (the rule file's "fix" object), as semgrep keeps
// a rule's fix with its pattern: which template writes the Access Token code, and what the
// library's namespace imports bind, so `fix` can drop one once nothing uses its names.
struct FixSpec {
  // language -> mapping/targets/<template>.tmpl that writes its Access Token code. A language
  // the rule matches but does not list here gets no rewrite (Kotlin under the Java rule); a
  // rule without "fix" falls back to its languages' dialect templates.
  std::map<Language, std::string> templates;
  bool given = false;  // the rule file has a "fix" object
  // module -> the names a namespace import of it brings in (C# `using Twilio.Jwt.Client;`).
  std::map<std::string, std::vector<std::string>, std::less<>> namespace_imports;
  // The library has no Access Token API at all (the community twilio-rb gem): no rewrite is
  // offered, and this sentence says which library the app must move to first.
  std::string library_change;
  // The API belongs to a library generation older than any with the Access Token code `fix`
  // writes ("twilio-python 3.x-5.x (twilio.util), gone in 6.0.0"): the file is only rewritten
  // when the project's manifests show the newer library, or the user says it is upgraded.
  std::string legacy_library;
};

struct Rule {
  RuleSummary summary;
  RuleKind kind = RuleKind::construct;
  std::string source;                      // the file it came from
  std::vector<std::string> keywords;       // prefilter: a file must contain one (case-sensitive)
  std::vector<std::string> file_requires;  // and one of these (case-insensitive), if any
  // and none of these (case-insensitive): two community libraries share a class name but not
  // an API (the JS TwilioCapability modules), so each rule claims the files of its own.
  std::vector<std::string> file_excludes;
  std::vector<std::string> paths;  // file name globs (*.html); empty: every file of the languages
  // construct
  ConstructSpec construct;
  std::vector<ConstructSpec> scopes;
  std::map<std::string, boost::json::value> defaults;  // library defaults (ttl 3600)
  // What the library reads when an argument is left out, as an expression of the language
  // (`Twilio.account_sid`): `fix` writes it where the Access Token needs that value.
  std::map<std::string, std::string> source_defaults;
  bool outgoing_client_name_from_incoming = false;
  FixSpec fix;
  // sequence
  std::vector<std::vector<std::string>> sequences;
  // A match right after one of these tokens is not a use: `- (void)updateCapabilityToken:` and
  // `func updateCapabilityToken(` define the method, they do not call the SDK.
  std::vector<std::string> not_after;
  // regex
  std::shared_ptr<re2::RE2> regex;
  std::map<std::string, std::string> captures;  // group number or name -> capability parameter
  // `"within": "string"`: only a match inside a string literal counts (code that writes a page's
  // JavaScript: `out.print("Twilio.Device.setup(…")`), not the code itself.
  bool within_strings = false;
  // detector
  std::string detector;
  boost::json::object detector_options;
};

class Prefilter;

struct RuleSet {
  std::vector<Rule> rules;
  // The rules' keywords as one search, built by load_rules (a set built by hand gets it from
  // index_rules).
  std::shared_ptr<const Prefilter> prefilter;
  std::vector<RuleSummary> summaries() const;
};

// Builds `set.prefilter` from `set.rules`: again after any change to the rules.
void index_rules(RuleSet& set);

// The built-in rules (rules/*.json compiled into the binary), then every *.json in each dir,
// sorted by file name. A rule id may not repeat. Errors name the file and what is wrong.
Result<RuleSet, std::string> load_rules(const std::vector<std::string>& extra_dirs);
Result<Rule, std::string> parse_rule(std::string_view json_text, const std::string& source);

}  // namespace capmig::scan
