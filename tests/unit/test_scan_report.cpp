// The emit stage of `capmig scan`: finding ids, baselines, the --fail-on gate, and the JSON,
// text and SARIF reports over one hand-built report.
// With CAPMIG_SARIF_OUT=FILE, the "[sarif-out]" case also writes the representative report's
// SARIF there, for tests/e2e/sarif_validate.sh to check with Microsoft's validator.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyzer/report/baseline.h"
#include "analyzer/report/gate.h"
#include "analyzer/report/json.h"
#include "analyzer/report/sarif.h"
#include "analyzer/report/text.h"
#include "analyzer/scan/fingerprint.h"
#include "tests/unit/finding_builder.h"

using namespace capmig;
using namespace capmig::scan;
using namespace capmig::report;
namespace json = boost::json;
namespace fs = std::filesystem;
using capmig::scan::testing::decoded_capability;
using capmig::scan::testing::expr;
using capmig::scan::testing::finding;
using capmig::scan::testing::lit;

namespace {

Finding at(std::string rule, std::string path, std::string snippet, std::uint32_t line, std::uint32_t offset) {
  Finding f;
  f.rule_id = std::move(rule);
  f.path = std::move(path);
  f.snippet = std::move(snippet);
  f.location.line = line;
  f.location.column = 1;
  f.location.begin_offset = offset;
  f.location.end_offset = offset + static_cast<std::uint32_t>(f.snippet.size());
  return f;
}

std::string id_of(const std::vector<Finding>& fs, std::uint32_t line) {
  for (const auto& f : fs)
    if (f.location.line == line) return f.id;
  throw std::logic_error("no finding on line " + std::to_string(line));
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "capmig-report-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, ec);
    fs::remove_all(path_, ec);
  }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A small scan: a capability mint with parameters and mapping, a hardcoded auth token next to
// it, a capability token in a log, a finding already in the baseline, and a read error.
ScanReport sample_report() {
  ScanReport r;
  r.table = &map::MappingTable::builtin();
  r.root = "/srv/app";
  r.files_scanned = 1234;
  r.errors.push_back({"vendor/huge.min.js", "larger than --max-filesize (1048576 bytes)"});

  r.rules.push_back({"node-client-capability",
                     "twilio-node 3.x-6.x ClientCapability",
                     {Language::javascript, Language::typescript},
                     Category::capability_mint,
                     Severity::medium,
                     "Mints a Twilio Capability Token",
                     "Mint an **Access Token** with a VoiceGrant instead: `capmig fix` writes the code."});
  r.rules.push_back({"auth-token-literal",
                     "auth token next to its use",
                     {Language::javascript, Language::python},
                     Category::hardcoded_secret,
                     Severity::high,
                     "Auth token written in the code",
                     "Rotate the auth token and read it from the environment."});
  r.rules.push_back({"embedded-capability-jwt",
                     "capability token literal",
                     {Language::text},
                     Category::embedded_token,
                     Severity::low,
                     "A Capability Token is embedded here",
                     "Remove the token; mint Access Tokens at run time."});

  Finding secret = finding({.id = "cm1-0000000000000000000a",
                            .rule_id = "auth-token-literal",
                            .category = Category::hardcoded_secret,
                            .severity = Severity::high,
                            .language = Language::javascript,
                            .path = "src/legacy app/token.js",
                            .location = {3, 19, 3, 55, 80, 116},
                            .message = "Auth token written in the code",
                            .snippet = "'0123…'"});
  secret.capability.fields["auth_token"] = lit("0123…", "'0123…'");
  r.findings.push_back(secret);

  Finding mint = finding({.id = "cm1-0000000000000000000b",
                          .rule_id = "node-client-capability",
                          .category = Category::capability_mint,
                          .severity = Severity::medium,
                          .language = Language::javascript,
                          .path = "src/legacy app/token.js",
                          .location = {12, 5, 16, 6, 300, 460},
                          .message = "Mints a Twilio Capability Token",
                          .snippet = "new ClientCapability({\n      accountSid,\n      authToken: '0123…',\n    })"});
  mint.capability.fields["account_sid"] = expr("accountSid");
  mint.capability.fields["auth_token"] = lit("0123…", "'0123…'");
  mint.capability.fields["incoming_client_name"] = lit("alice", "'alice'");
  mint.capability.fields["outgoing_application_sid"] = lit("AP00000000000000000000000000000000", "APP_SID");
  mint.capability.fields["ttl"] = lit(600, "600");
  AccessTokenMapping m;
  m.fields["account_sid"] = expr("accountSid");
  m.fields["identity"] = lit("alice", "'alice'");
  m.fields["ttl"] = lit(600, "600");
  m.fields["voice.incoming_allow"] = lit(true, "true");
  m.fields["voice.outgoing_application_sid"] = lit("AP00000000000000000000000000000000", "APP_SID");
  mint.mapping = m;
  r.findings.push_back(mint);

  Finding token = finding({.id = "cm1-0000000000000000000c",
                           .rule_id = "embedded-capability-jwt",
                           .category = Category::embedded_token,
                           .severity = Severity::low,
                           .language = Language::text,
                           .path = "logs/client.log",
                           .location = {7, 31, 7, 211, 900, 1080},
                           .message = "A Capability Token is embedded here",
                           .snippet = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29w…"});
  token.capability.fields["account_sid"] =
      lit("AC00000000000000000000000000000000", "AC00000000000000000000000000000000");
  token.capability.fields["outgoing_application_sid"] =
      lit("AP11111111111111111111111111111111", "AP11111111111111111111111111111111");
  token.capability.fields["ttl"] = lit(3600, "3600");
  AccessTokenMapping tm;
  tm.fields["ttl"] = lit(3600, "3600");
  tm.fields["voice.outgoing_application_sid"] =
      lit("AP11111111111111111111111111111111", "AP11111111111111111111111111111111");
  tm.diagnostics = {"identity-missing"};
  tm.grants_layout = map::MappingTable::builtin().grants_layout();
  token.mapping = tm;
  token.token = decoded_capability({{"alg", "HS256"}, {"typ", "JWT"}},
                                   {{"iss", "AC00000000000000000000000000000000"},
                                    {"scope", "scope:client:outgoing?appSid=AP11111111111111111111111111111111"},
                                    {"exp", 1700003600}});
  r.findings.push_back(token);

  Finding old = secret;
  old.id = "cm1-0000000000000000000d";
  old.path = "tools/old.py";
  old.language = Language::python;
  old.location = {1, 1, 1, 40, 0, 39};
  old.is_new = false;
  r.findings.push_back(old);

  // The scanner's order: (path, line, column, rule_id).
  std::sort(r.findings.begin(), r.findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.path, a.location.line, a.location.column, a.rule_id) <
           std::tie(b.path, b.location.line, b.location.column, b.rule_id);
  });
  return r;
}

}  // namespace

// ---------------------------------------------------------------------------------------
TEST_CASE("finding ids: the scheme is fixed, so old baselines keep matching", "[report]") {
  // SHA-256 of length-prefixed fields "4:cm1-" "22:node-client-capability" … "1:0".
  CHECK(fingerprint("node-client-capability", "src/token.js", "newClientCapability(sid,token)", 0) ==
        "cm1-bbacb27efddfe6eb1611");
  CHECK(fingerprint("node-client-capability", "src/token.js", "newClientCapability(sid,token)", 1) ==
        "cm1-6067137a981065cab25f");
  CHECK(normalize_snippet(" new ClientCapability(\n\tsid,\r\n  token) ") == "newClientCapability(sid,token)");
}

TEST_CASE("finding ids: stable under line shifts and re-indentation", "[report]") {
  std::vector<Finding> before{at("r1", "a.js", "new ClientCapability(\n  sid,\n  token)", 10, 200),
                              at("r2", "a.js", "capability.allowClientIncoming('alice')", 20, 400)};
  std::vector<Finding> after{// 15 lines added above, and the first construct re-indented and re-wrapped.
                             at("r1", "a.js", "new ClientCapability(\n      sid,\n      token\n    )", 25, 700),
                             at("r2", "a.js", "capability.allowClientIncoming('alice')", 35, 1000)};
  assign_ids(before);
  assign_ids(after);
  CHECK(before[0].id == after[0].id);
  CHECK(before[1].id == after[1].id);
  CHECK(before[0].id != before[1].id);
  CHECK(before[0].id.rfind("cm1-", 0) == 0);
  CHECK(before[0].id.size() == 4 + 20);
  CHECK(before[0].id.find_first_not_of("0123456789abcdef", 4) == std::string::npos);
}

TEST_CASE("finding ids: rule, path and snippet each change the id", "[report]") {
  std::vector<Finding> fs{at("r1", "a.js", "x('alice')", 1, 0), at("r2", "a.js", "x('alice')", 1, 0),
                          at("r1", "b.js", "x('alice')", 1, 0), at("r1", "a.js", "x('bob')", 1, 0)};
  assign_ids(fs);
  std::vector<std::string> ids;
  for (const auto& f : fs) ids.push_back(f.id);
  std::sort(ids.begin(), ids.end());
  CHECK(std::unique(ids.begin(), ids.end()) == ids.end());
}

TEST_CASE("finding ids: identical constructs in one file get distinct ids in file order", "[report]") {
  const std::string dup = "capability.allowClientIncoming('alice')";
  std::vector<Finding> fs{at("r", "a.js", dup, 30, 900), at("r", "a.js", dup, 5, 100), at("r", "a.js", dup, 12, 400),
                          at("r", "b.js", dup, 5, 100)};
  assign_ids(fs);
  const std::string first = id_of(fs, 5), second = id_of(fs, 12), third = id_of(fs, 30);
  CHECK(first != second);
  CHECK(second != third);
  CHECK(first != third);
  CHECK(first == fingerprint("r", "a.js", normalize_snippet(dup), 0));
  CHECK(second == fingerprint("r", "a.js", normalize_snippet(dup), 1));
  CHECK(third == fingerprint("r", "a.js", normalize_snippet(dup), 2));
  CHECK(fs[3].id == fingerprint("r", "b.js", normalize_snippet(dup), 0));  // counted per file

  SECTION("an unrelated finding added in between changes nothing") {
    fs.push_back(at("r", "a.js", "somethingElse()", 8, 250));
    assign_ids(fs);
    CHECK(id_of(fs, 5) == first);
    CHECK(id_of(fs, 12) == second);
    CHECK(id_of(fs, 30) == third);
  }
}

TEST_CASE("finding ids: independent of the input order", "[report]") {
  std::vector<Finding> fs;
  for (std::uint32_t i = 0; i < 12; ++i)
    fs.push_back(at(i % 2 ? "r1" : "r2", i % 3 ? "a.js" : "b.js", i % 4 ? "dup()" : "other()", i + 1, 10 * i));
  assign_ids(fs);
  std::map<std::uint32_t, std::string> expected;
  for (const auto& f : fs) expected[f.location.line] = f.id;

  std::mt19937 rng(42);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(fs.begin(), fs.end(), rng);
    for (auto& f : fs) f.id.clear();
    assign_ids(fs);
    for (const auto& f : fs) CHECK(f.id == expected[f.location.line]);
  }
}

// ---------------------------------------------------------------------------------------
TEST_CASE("baseline: write, load, apply", "[report]") {
  TempDir dir;
  ScanReport r = sample_report();
  const std::string path = dir / "capmig-baseline.json";

  auto written = write_baseline(r, path);
  REQUIRE(written.ok());
  CHECK(*written == r.findings.size());

  const std::string text = read_file(path);
  const json::value doc = json::parse(text);
  CHECK(doc.at("version") == 1);
  CHECK(doc.at("tool") == "capmig");
  const auto& entries = doc.at("findings").as_array();
  REQUIRE(entries.size() == 4);
  // Sorted by path, then line; one per line for readable diffs.
  CHECK(json::serialize(entries[0]) ==
        R"({"id":"cm1-0000000000000000000c","rule_id":"embedded-capability-jwt","path":"logs/client.log","line":7})");
  CHECK(entries[1].at("path") == "src/legacy app/token.js");
  CHECK(entries[1].at("line") == 3);
  CHECK(entries[3].at("path") == "tools/old.py");
  CHECK(std::count(text.begin(), text.end(), '\n') == 4 + 6);
  // No temporary file is left beside it.
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);

  auto ids = load_baseline(path);
  REQUIRE(ids.ok());
  CHECK(ids->size() == 4);

  ScanReport next = sample_report();
  for (auto& f : next.findings) f.is_new = true;
  Finding extra = next.findings.front();
  extra.id = "cm1-ffffffffffffffffffff";
  next.findings.push_back(extra);
  CHECK(apply_baseline(next, *ids) == 4);
  CHECK(std::count_if(next.findings.begin(), next.findings.end(), [](const Finding& f) { return f.is_new; }) == 1);
  CHECK(next.findings.back().is_new);

  SECTION("rewriting replaces the file; an empty report writes an empty list") {
    ScanReport empty;
    empty.table = &map::MappingTable::builtin();
    REQUIRE(write_baseline(empty, path).ok());
    CHECK(read_file(path) == "{\n  \"version\": 1,\n  \"tool\": \"capmig\",\n  \"findings\": []\n}\n");
    auto none = load_baseline(path);
    REQUIRE(none.ok());
    CHECK(none->empty());
  }
}

TEST_CASE("baseline: unusable files give one clear line, never an exception", "[report]") {
  TempDir dir;
  auto error_for = [&](const std::string& text) {
    const std::string path = dir / "b.json";
    write_file(path, text);
    auto r = load_baseline(path);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().find(path) != std::string::npos);
    CHECK(r.error().find('\n') == std::string::npos);
    return r.error();
  };

  auto missing = load_baseline(dir / "nope.json");
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error(), Catch::Contains("cannot read") && Catch::Contains("No such file"));
  auto directory = load_baseline(dir.path().string());
  REQUIRE_FALSE(directory.ok());
  CHECK_THAT(directory.error(), Catch::Contains("cannot read"));

  CHECK_THAT(error_for(""), Catch::Contains("not JSON") && Catch::Contains("empty"));
  CHECK_THAT(error_for("{\"version\": 1,\n \"findings\": [,]}"),
             Catch::Contains("not JSON") && Catch::Contains("line 2"));
  CHECK_THAT(error_for("[1, 2]"), Catch::Contains("expected {") && Catch::Contains("got an array"));
  CHECK_THAT(error_for(R"({"findings": []})"), Catch::Contains("\"version\" is missing"));
  CHECK_THAT(error_for(R"({"version": 2, "findings": []})"), Catch::Contains("unsupported version 2"));
  CHECK_THAT(error_for(R"({"version": "1", "findings": []})"), Catch::Contains("unsupported version \"1\""));
  CHECK_THAT(error_for(R"({"version": 1, "tool": "gitleaks", "findings": []})"),
             Catch::Contains("not a capmig baseline"));
  CHECK_THAT(error_for(R"({"version": 1, "findings": {}})"), Catch::Contains("\"findings\" is an object"));
  CHECK_THAT(error_for(R"({"version": 1})"), Catch::Contains("\"findings\" is missing"));
  CHECK_THAT(error_for(R"({"version": 1, "findings": [{"id": "cm1-a"}, {"rule_id": "x"}]})"),
             Catch::Contains("findings[1]") && Catch::Contains("\"id\""));
  CHECK_THAT(error_for(R"({"version": 1, "findings": [{"id": 5}]})"), Catch::Contains("findings[0]"));

  // A hand-written baseline without "tool" and with extra keys is fine.
  write_file(dir / "ok.json", R"({"version": 1, "findings": [{"id": "cm1-a", "note": "accepted risk"}]})");
  auto ok = load_baseline(dir / "ok.json");
  REQUIRE(ok.ok());
  CHECK(ok->count("cm1-a") == 1);
}

TEST_CASE("baseline: a failed write is an error value and leaves no litter", "[report]") {
  TempDir dir;
  const ScanReport r = sample_report();

  auto no_dir = write_baseline(r, dir / "missing/sub/b.json");
  REQUIRE_FALSE(no_dir.ok());
  CHECK_THAT(no_dir.error(), Catch::Contains("missing/sub/b.json") && Catch::Contains("No such file"));

  auto onto_dir = write_baseline(r, dir.path().string());
  REQUIRE_FALSE(onto_dir.ok());
  CHECK_THAT(onto_dir.error(), Catch::Contains("is a directory"));

  if (geteuid() != 0) {  // root ignores directory permissions
    const std::string locked = dir / "locked";
    fs::create_directory(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    auto denied = write_baseline(r, locked + "/b.json");
    REQUIRE_FALSE(denied.ok());
    CHECK_THAT(denied.error(), Catch::Contains("Permission denied"));
    fs::permissions(locked, fs::perms::owner_all);
  }
  CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) <= 1);
}

// ---------------------------------------------------------------------------------------
TEST_CASE("gate: --fail-on values", "[report]") {
  CHECK(parse_fail_on("info").value() == Severity::info);
  CHECK(parse_fail_on("low").value() == Severity::low);
  CHECK(parse_fail_on("medium").value() == Severity::medium);
  CHECK(parse_fail_on("high").value() == Severity::high);
  CHECK(parse_fail_on(kDefaultFailOn).value() == Severity::low);
  auto never = parse_fail_on("never");
  REQUIRE(never.ok());
  CHECK_FALSE(never->has_value());
  for (const char* bad : {"", "HIGH", "critical", "none", "low "}) {
    auto r = parse_fail_on(bad);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error(), Catch::Contains("--fail-on") && Catch::Contains("info, low, medium, high or never"));
  }
}

TEST_CASE("gate: new findings at or above the threshold fail", "[report]") {
  const ScanReport r = sample_report();  // new: high, medium, low; baseline: high
  CHECK(scan_fails(r, Severity::info));
  CHECK(scan_fails(r, Severity::low));
  CHECK(scan_fails(r, Severity::medium));
  CHECK(scan_fails(r, Severity::high));
  CHECK_FALSE(scan_fails(r, std::nullopt));

  ScanReport only_low = r;
  std::erase_if(only_low.findings, [](const Finding& f) { return f.is_new && f.severity != Severity::low; });
  CHECK(scan_fails(only_low, Severity::low));
  CHECK_FALSE(scan_fails(only_low, Severity::medium));
  CHECK_FALSE(scan_fails(only_low, Severity::high));  // the high one is in the baseline

  ScanReport none;

  none.table = &map::MappingTable::builtin();
  none.errors.push_back({"x", "unreadable"});  // errors are the CLI's business, not the gate's
  CHECK_FALSE(scan_fails(none, Severity::info));
}

// ---------------------------------------------------------------------------------------
TEST_CASE("json: the SPEC's shape, keys in order", "[report]") {
  const std::string expected = R"json({
"version": 1, "root": "/srv/app", "files_scanned": 1234,
"errors": [{"path": "vendor/huge.min.js", "message": "larger than --max-filesize (1048576 bytes)"}],
"findings": [
 {"id": "cm1-0000000000000000000c", "rule_id": "embedded-capability-jwt", "category": "embedded-token",
  "severity": "low", "language": "text", "path": "logs/client.log",
  "line": 7, "column": 31, "end_line": 7, "end_column": 211,
  "message": "A Capability Token is embedded here",
  "snippet": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29w…",
  "capability": {"account_sid": {"text": "AC00000000000000000000000000000000", "value": "AC00000000000000000000000000000000"},
                 "auth_token": null, "incoming_client_name": null,
                 "outgoing_application_sid": {"text": "AP11111111111111111111111111111111", "value": "AP11111111111111111111111111111111"},
                 "outgoing_client_name": null, "outgoing_params": null, "event_stream": null,
                 "ttl": {"text": "3600", "value": 3600}},
  "mapping": {"identity": null, "ttl": {"text": "3600", "value": 3600},
              "voice_grant": {"incoming_allow": null,
                              "outgoing_application_sid": {"text": "AP11111111111111111111111111111111", "value": "AP11111111111111111111111111111111"},
                              "outgoing_application_params": null},
              "diagnostics": ["identity-missing"]},
  "token": {"kind": "capability", "header": {"alg": "HS256", "typ": "JWT"},
            "payload": {"iss": "AC00000000000000000000000000000000",
                        "scope": "scope:client:outgoing?appSid=AP11111111111111111111111111111111", "exp": 1700003600},
            "signature": {"alg": "HS256", "verified": null}, "lint": []},
  "new": true},
 {"id": "cm1-0000000000000000000a", "rule_id": "auth-token-literal", "category": "hardcoded-secret",
  "severity": "high", "language": "javascript", "path": "src/legacy app/token.js",
  "line": 3, "column": 19, "end_line": 3, "end_column": 55,
  "message": "Auth token written in the code", "snippet": "'0123…'",
  "capability": {"account_sid": null, "auth_token": {"text": "'0123…'", "value": "0123…"},
                 "incoming_client_name": null, "outgoing_application_sid": null, "outgoing_client_name": null,
                 "outgoing_params": null, "event_stream": null, "ttl": null},
  "mapping": null,
  "new": true},
 {"id": "cm1-0000000000000000000b", "rule_id": "node-client-capability", "category": "capability-mint",
  "severity": "medium", "language": "javascript", "path": "src/legacy app/token.js",
  "line": 12, "column": 5, "end_line": 16, "end_column": 6,
  "message": "Mints a Twilio Capability Token",
  "snippet": "new ClientCapability({\n      accountSid,\n      authToken: '0123…',\n    })",
  "capability": {"account_sid": {"text": "accountSid", "value": null},
                 "auth_token": {"text": "'0123…'", "value": "0123…"},
                 "incoming_client_name": {"text": "'alice'", "value": "alice"},
                 "outgoing_application_sid": {"text": "APP_SID", "value": "AP00000000000000000000000000000000"},
                 "outgoing_client_name": null, "outgoing_params": null, "event_stream": null,
                 "ttl": {"text": "600", "value": 600}},
  "mapping": {"identity": {"text": "'alice'", "value": "alice"}, "ttl": {"text": "600", "value": 600},
              "voice_grant": {"incoming_allow": {"text": "true", "value": true},
                              "outgoing_application_sid": {"text": "APP_SID", "value": "AP00000000000000000000000000000000"},
                              "outgoing_application_params": null},
              "diagnostics": []},
  "new": true},
 {"id": "cm1-0000000000000000000d", "rule_id": "auth-token-literal", "category": "hardcoded-secret",
  "severity": "high", "language": "python", "path": "tools/old.py",
  "line": 1, "column": 1, "end_line": 1, "end_column": 40,
  "message": "Auth token written in the code", "snippet": "'0123…'",
  "capability": {"account_sid": null, "auth_token": {"text": "'0123…'", "value": "0123…"},
                 "incoming_client_name": null, "outgoing_application_sid": null, "outgoing_client_name": null,
                 "outgoing_params": null, "event_stream": null, "ttl": null},
  "mapping": null,
  "new": false}
],
"summary": {"findings": 4, "new": 3, "baseline": 1, "files_with_findings": 3, "errors": 1,
            "by_severity": {"high": 2, "medium": 1, "low": 1, "info": 0},
            "by_category": {"capability-mint": 1, "capability-client": 0, "embedded-token": 1, "hardcoded-secret": 2},
            "by_language": {"javascript": 2, "python": 1, "text": 1}},
"skipped": {"binary": 0, "ignored": 0, "symlinks": 0, "special": 0, "other_filesystem": 0,
            "unreadable": 0, "too_deep": 0},
"large_files": 0,
"complete": true
})json";
  // Serialising both compares key order too (json::object equality would not).
  CHECK(json::serialize(scan_to_json(sample_report())) == json::serialize(json::parse(expected)));
}

TEST_CASE("json: the report written a finding at a time is the same bytes as the document", "[report]") {
  ScanReport r = sample_report();
  r.repository = "github.com/acme/app";
  r.errors.push_back({"a\"findings\":[]", "odd path"});
  for (const ScanReport& each : {r, ScanReport{}}) {
    std::ostringstream streamed;
    write_scan_json(streamed, each);
    CHECK(streamed.str() == json::serialize(scan_to_json(each)));
  }
  std::ostringstream with_plan;
  write_scan_json(with_plan, r, json::object{{"fix_plan", json::object{{"rewritten", 1}}}});
  json::object whole = scan_to_json(r);
  whole["fix_plan"] = json::object{{"rewritten", 1}};
  CHECK(with_plan.str() == json::serialize(whole));
}

TEST_CASE("json: an empty scan", "[report]") {
  ScanReport r;
  r.table = &map::MappingTable::builtin();
  r.root = ".";
  CHECK(
      json::serialize(scan_to_json(r)) ==
      R"({"version":1,"root":".","files_scanned":0,"errors":[],"findings":[],)"
      R"("summary":{"findings":0,"new":0,"baseline":0,"files_with_findings":0,"errors":0,)"
      R"("by_severity":{"high":0,"medium":0,"low":0,"info":0},)"
      R"("by_category":{"capability-mint":0,"capability-client":0,"embedded-token":0,"hardcoded-secret":0},)"
      R"("by_language":{}},)"
      R"("skipped":{"binary":0,"ignored":0,"symlinks":0,"special":0,"other_filesystem":0,"unreadable":0,"too_deep":0},)"
      R"("large_files":0,"complete":true})");
}

TEST_CASE("json: files not scanned are counted by reason; an incomplete scan says so", "[report]") {
  ScanReport r;
  r.table = &map::MappingTable::builtin();
  r.root = ".";
  r.files_scanned = 5;
  r.large_files = 1;
  r.skipped.binary = 2;
  r.skipped.ignored = 7;
  r.skipped.unreadable = 1;
  r.incomplete = true;
  const auto o = scan_to_json(r);
  CHECK(json::serialize(o.at("skipped")) ==
        R"({"binary":2,"ignored":7,"symlinks":0,"special":0,"other_filesystem":0,"unreadable":1,"too_deep":0})");
  CHECK(o.at("large_files") == 1);
  CHECK(o.at("complete") == false);
  CHECK(scan_summary_line(r, TextStyle{false}) ==
        "no findings in 5 files · 1 large file searched by keyword · skipped 2 binary, 7 ignored, 1 unreadable · "
        "incomplete");
}

TEST_CASE("json: a non-finite literal prints as null, never as Infinity", "[report]") {
  Finding f;
  f.capability.fields["ttl"] = lit(std::numeric_limits<double>::infinity(), "1e999");
  const std::string out = json::serialize(finding_to_json(f));
  CHECK_THAT(out, Catch::Contains(R"("ttl":{"text":"1e999","value":null})"));
  CHECK_THAT(out, !Catch::Contains("Infinity"));
}

// ---------------------------------------------------------------------------------------
TEST_CASE("text: golden output without colour", "[report]") {
  std::ostringstream out;
  write_scan_text(out, sample_report(), TextStyle{false});
  const std::string expected =
      "logs/client.log\n"
      "7:31  low     embedded-token    A Capability Token is embedded here  [embedded-capability-jwt]\n"
      "      eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29w…\n"
      "      account sid               'AC00000000000000000000000000000000'\n"
      "      outgoing application sid  'AP11111111111111111111111111111111'\n"
      "      ttl                       3600\n"
      "      token                     capability, expires 2023-11-14 23:13:20 UTC\n"
      "      → AccessToken identity (none), ttl 3600, VoiceGrant outgoingApplicationSid "
      "'AP11111111111111111111111111111111'\n"
      "      ! identity-missing\n"
      "\n"
      "src/legacy app/token.js\n"
      "3:19  high    hardcoded-secret  Auth token written in the code  [auth-token-literal]\n"
      "      '0123…'\n"
      "      auth token  '0123…'\n"
      "12:5  medium  capability-mint   Mints a Twilio Capability Token  [node-client-capability]\n"
      "      new ClientCapability({ accountSid, authToken: '0123…', })\n"
      "      account sid               accountSid\n"
      "      auth token                '0123…'\n"
      "      incoming client name      'alice'\n"
      "      outgoing application sid  'AP00000000000000000000000000000000'\n"
      "      ttl                       600\n"
      "      → AccessToken identity 'alice', ttl 600, VoiceGrant incomingAllow, outgoingApplicationSid "
      "'AP00000000000000000000000000000000'\n"
      "\n"
      "error: vendor/huge.min.js: larger than --max-filesize (1048576 bytes)\n"
      "\n"
      "3 findings (1 high, 1 medium, 1 low) in 2 of 1,234 files · 1 in baseline · 1 error\n"
      "remaining work:\n"
      "  1  capability construct mints tokens: run capmig fix to migrate them\n"
      "  1  hard-coded secret: rotate each auth token or API key in the Twilio Console, then read it from the "
      "environment\n"
      "  1  token written into a file: remove each; a capability token is signed with a live auth token\n";
  CHECK(out.str() == expected);

  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK((line.empty() || line.back() != ' '));
  }
}

TEST_CASE("text: summary wording, colour, hostile input", "[report]") {
  ScanReport r;
  r.table = &map::MappingTable::builtin();
  r.files_scanned = 1;
  CHECK(scan_summary_line(r, TextStyle{false}) == "no findings in 1 file");
  std::ostringstream empty;
  write_scan_text(empty, r, TextStyle{false});
  CHECK(empty.str() == "no findings in 1 file\n");

  r = sample_report();
  for (auto& f : r.findings) f.is_new = false;
  r.errors.clear();
  r.files_scanned = 1000000;
  std::ostringstream all_baseline;
  write_scan_text(all_baseline, r, TextStyle{false});
  CHECK(all_baseline.str() == "no findings in 1,000,000 files · 4 in baseline\n");

  r = sample_report();
  r.findings.resize(1);
  r.errors.push_back({"b", "x"});
  CHECK(scan_summary_line(r, TextStyle{false}) == "1 finding (1 low) in 1 of 1,234 files · 2 errors");

  std::ostringstream coloured;
  write_scan_text(coloured, sample_report(), TextStyle{true});
  CHECK_THAT(coloured.str(), Catch::Contains("\x1b[1;31mhigh  \x1b[0m"));
  CHECK_THAT(coloured.str(), Catch::Contains("\x1b[1;35mlogs/client.log\x1b[0m"));

  // Scanned files are untrusted: an escape sequence in a path or value must not reach the terminal.
  r = sample_report();
  r.findings[0].path = "evil\x1b]0;title\x07.js";
  r.findings[0].capability.fields["account_sid"] = lit("AC\x1b[2J", "x");
  r.findings[0].message = "two\nlines \xc2\x9b";
  std::ostringstream hostile;
  write_scan_text(hostile, r, TextStyle{false});
  CHECK(hostile.str().find('\x1b') == std::string::npos);
  CHECK(hostile.str().find('\x07') == std::string::npos);
  CHECK(hostile.str().find("\xc2\x9b") == std::string::npos);
  CHECK_THAT(hostile.str(), Catch::Contains("evil\\x1b]0;title\\x07.js"));
  CHECK_THAT(hostile.str(), Catch::Contains("two lines \\x9b"));
  CHECK(terminal_safe("tab\there\nnl") == "tab\\there\\nnl");
  // Long values are cut to 60 code points, the last an ellipsis.
  r = sample_report();
  r.findings[0].capability.fields["outgoing_params"] =
      lit(json::string(std::string(40, 'x') + std::string(40, 'y')), "params");
  std::ostringstream long_value;
  write_scan_text(long_value, r, TextStyle{false});
  CHECK_THAT(long_value.str(),
             Catch::Contains("outgoing params           '" + std::string(40, 'x') + std::string(19, 'y') + "…'\n"));

  CHECK(terminal_safe("naïve → ok") == "naïve → ok");
}

// ---------------------------------------------------------------------------------------
TEST_CASE("sarif: structure GitHub code scanning reads", "[report]") {
  const ScanReport report = sample_report();
  const json::object log = scan_to_sarif(report);

  CHECK(log.at("$schema") == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(log.at("version") == "2.1.0");
  REQUIRE(log.at("runs").as_array().size() == 1);
  const json::object& run = log.at("runs").at(0).as_object();

  const json::object& driver = run.at("tool").at("driver").as_object();
  CHECK(driver.at("name") == "capmig");
  CHECK(driver.at("version") == "0.1.0");
  CHECK(driver.at("informationUri") == "https://github.com/capmig/capmig");
  const json::array& rules = driver.at("rules").as_array();
  REQUIRE(rules.size() == 3);
  const json::object& rule = rules[0].as_object();
  CHECK(rule.at("id") == "node-client-capability");
  CHECK(rule.at("name") == "NodeClientCapability");
  CHECK(rule.at("shortDescription").at("text") == "Mints a Twilio Capability Token.");
  CHECK(rule.at("fullDescription").at("text") ==
        "Mints a Twilio Capability Token. Dialect: twilio-node 3.x-6.x ClientCapability.");
  CHECK(rule.at("help").at("markdown") == json::value(report.rules[0].help));
  CHECK(rule.at("defaultConfiguration").at("level") == "warning");
  CHECK(rule.at("properties").at("security-severity") == "5.0");
  CHECK(rule.at("properties").at("precision") == "high");
  CHECK(json::serialize(rule.at("properties").at("tags")) ==
        R"(["security","capability-mint","javascript","typescript"])");
  CHECK(rules[1].at("defaultConfiguration").at("level") == "error");
  CHECK(rules[1].at("properties").at("security-severity") == "8.0");
  CHECK(rules[2].at("defaultConfiguration").at("level") == "note");
  CHECK(rules[2].at("properties").at("security-severity") == "3.0");

  CHECK(run.at("columnKind") == "unicodeCodePoints");
  const std::string root_uri(run.at("originalUriBaseIds").at("%SRCROOT%").at("uri").as_string());
  CHECK(root_uri == "file:///srv/app/");

  const json::array& results = run.at("results").as_array();
  REQUIRE(results.size() == report.findings.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    const json::object& res = results[i].as_object();
    const Finding& f = report.findings[i];
    CHECK(res.at("ruleId") == json::value(f.rule_id));
    const auto index = static_cast<std::size_t>(res.at("ruleIndex").to_number<std::int64_t>());
    CHECK(rules.at(index).at("id") == json::value(f.rule_id));
    CHECK(res.at("partialFingerprints").at("capmigFindingId/v1") == json::value(f.id));
    CHECK_FALSE(res.contains("baselineState"));
    CHECK_FALSE(res.contains("fixes"));
    CHECK(res.at("properties").at("category") == json::value(to_string(f.category)));
  }
  const json::object& mint = results[2].as_object();  // src/legacy app/token.js:12
  CHECK(mint.at("level") == "warning");
  CHECK(mint.at("message").at("text") == "Mints a Twilio Capability Token.");
  const json::object& loc = mint.at("locations").at(0).at("physicalLocation").as_object();
  CHECK(loc.at("artifactLocation").at("uri") == "src/legacy%20app/token.js");
  CHECK(loc.at("artifactLocation").at("uriBaseId") == "%SRCROOT%");
  CHECK(json::serialize(loc.at("region").at("snippet")) ==
        json::serialize(json::object{{"text", report.findings[2].snippet}}));
  CHECK(loc.at("region").at("startLine") == 12);
  CHECK(loc.at("region").at("startColumn") == 5);
  CHECK(loc.at("region").at("endLine") == 16);
  CHECK(loc.at("region").at("endColumn") == 6);
  CHECK(mint.at("properties").at("mapping").at("identity").at("value") == "alice");
  CHECK(mint.at("properties").at("capability").at("ttl").at("value") == 600);

  const json::object& invocation = run.at("invocations").at(0).as_object();
  CHECK(invocation.at("executionSuccessful") == true);
  const json::object& note = invocation.at("toolExecutionNotifications").at(0).as_object();
  CHECK(note.at("level") == "error");
  CHECK(note.at("message").at("text") == "vendor/huge.min.js: larger than --max-filesize (1048576 bytes).");
  CHECK(note.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri") == "vendor/huge.min.js");

  SECTION("with a baseline: baselineState on every result") {
    SarifOptions options;
    options.baseline_given = true;
    const json::object with = scan_to_sarif(report, options);
    const json::array& rs = with.at("runs").at(0).at("results").as_array();
    CHECK(rs[0].at("baselineState") == "new");
    CHECK(rs[3].at("baselineState") == "unchanged");
  }
  SECTION("the fixes hook") {
    SarifOptions options;
    options.fixes = [](const Finding& f) {
      if (f.category != Category::capability_mint) return json::array{};
      return json::array{json::object{{"description", json::object{{"text", "Mint an Access Token."}}}}};
    };
    const json::object with = scan_to_sarif(report, options);
    const json::array& rs = with.at("runs").at(0).at("results").as_array();
    CHECK(rs[2].at("fixes").at(0).at("description").at("text") == "Mint an Access Token.");
    CHECK_FALSE(rs[0].as_object().contains("fixes"));
  }
}

TEST_CASE("sarif: URIs", "[report]") {
  CHECK(percent_encode_path("src/a b/naïve#1?.js") == "src/a%20b/na%C3%AFve%231%3F.js");
  CHECK(percent_encode_path("C:x/100%.js") == "C%3Ax/100%25.js");
  CHECK(root_file_uri("/srv/my app/") == "file:///srv/my%20app/");
  CHECK(root_file_uri("/") == "file:///");
  const std::string cwd = fs::current_path().generic_string();
  CHECK(root_file_uri(".") == "file://" + percent_encode_path(cwd == "/" ? "/" : cwd + "/"));

  ScanReport r;

  r.table = &map::MappingTable::builtin();
  r.root = "/x";
  SarifOptions options;
  options.root_uri = "file:///checkout/";
  const json::object log = scan_to_sarif(r, options);
  CHECK(log.at("runs").at(0).at("originalUriBaseIds").at("%SRCROOT%").at("uri") == "file:///checkout/");
  CHECK(log.at("runs").at(0).at("results").as_array().empty());
  CHECK_FALSE(log.at("runs").at(0).at("invocations").at(0).as_object().contains("toolExecutionNotifications"));
}

TEST_CASE("sarif: representative report for the validator", "[report][sarif-out]") {
  ScanReport r = sample_report();
  assign_ids(r.findings);  // real ids, as the scanner would give
  SarifOptions options;
  options.baseline_given = true;
  const json::object log = scan_to_sarif(r, options);
  CHECK(log.at("runs").at(0).at("results").as_array().size() == 4);
  if (const char* out = std::getenv("CAPMIG_SARIF_OUT"); out && *out) {
    std::ofstream file(out, std::ios::binary);
    file << json::serialize(log) << '\n';
    REQUIRE(file.good());
  }
}
