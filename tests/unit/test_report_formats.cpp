// The audit and CI reports over hand-built reports: Markdown (escaping, mapping table, patches),
// HTML (the data block survives hostile text), GitHub workflow commands (escaping, levels),
// SARIF fixes (shape), and the line diff under the patch views.
// With CAPMIG_HTML_OUT=FILE the "[html-out]" case writes its report with patches there, and
// with CAPMIG_SARIF_FIXES_OUT=FILE the "[sarif-fixes-out]" case writes SARIF with fixes, for
// tests/e2e/html_report.sh (Chromium) and tests/e2e/sarif_fixes_validate.sh (Multitool).
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/fix/model.h"
#include "analyzer/map/table.h"
#include "analyzer/report/github.h"
#include "analyzer/report/html.h"
#include "analyzer/report/json_dedup.h"
#include "analyzer/report/line_diff.h"
#include "analyzer/report/mapping_rows.h"
#include "analyzer/report/markdown.h"
#include "analyzer/report/overview.h"
#include "analyzer/report/patch_redaction.h"
#include "analyzer/report/sarif.h"
#include "analyzer/report/sarif_fixes.h"
#include "tests/unit/finding_builder.h"

using namespace capmig;
using namespace capmig::scan;
using namespace capmig::report;
namespace json = boost::json;
using capmig::scan::testing::decoded_capability;
using capmig::scan::testing::expr;
using capmig::scan::testing::finding;
using capmig::scan::testing::lit;

namespace {

Finding mint_finding(std::string id, std::string path, std::uint32_t line) {
  Finding f = finding({.id = std::move(id),
                       .rule_id = "node-client-capability",
                       .category = Category::capability_mint,
                       .severity = Severity::high,
                       .language = Language::javascript,
                       .path = std::move(path),
                       .location = {line, 18, line, 60, 0, 0},
                       .message = "Mints a Twilio Capability Token with `jwt.ClientCapability`",
                       .snippet = "const capability = new ClientCapability({ accountSid, authToken });"});
  f.capability.fields["account_sid"] = expr("accountSid");
  f.capability.fields["auth_token"] = expr("authToken");
  f.capability.fields["incoming_client_name"] = lit("alice", "'alice'");
  f.capability.fields["outgoing_application_sid"] = expr("process.env.APP_SID");
  f.mapping = map::MappingTable::builtin().apply(f.capability);
  return f;
}

// A report with a rewritten construct, one that needs input, and an embedded token; the fix
// report rewrites the first (plus an import line) and explains the second.
struct Sample {
  ScanReport scan;
  fix::FixReport fixes;
};

Sample sample() {
  Sample s;
  ScanReport& r = s.scan;
  r.table = &map::MappingTable::builtin();
  r.root = "app";
  r.files_scanned = 3;
  r.rules.push_back({"node-client-capability",
                     "twilio-node 3.x-6.x ClientCapability",
                     {Language::javascript},
                     Category::capability_mint,
                     Severity::high,
                     "Mints a Twilio Capability Token",
                     ""});
  r.rules.push_back({"embedded-token",
                     "JWT literal",
                     {Language::text},
                     Category::embedded_token,
                     Severity::medium,
                     "A JWT is embedded here",
                     ""});

  Finding rewritten = mint_finding("cm1-rewritten", "src/token.js", 4);
  Finding needs = mint_finding("cm1-needs-input", "src/other.js", 9);
  needs.capability.fields["incoming_client_name"] = expr("req.user.name");
  needs.capability.fields["outgoing_client_name"] = expr("req.query.as");
  needs.mapping = map::MappingTable::builtin().apply(needs.capability);

  Finding token = finding({.id = "cm1-token",
                           .rule_id = "embedded-token",
                           .category = Category::embedded_token,
                           .severity = Severity::medium,
                           .language = Language::text,
                           .path = "config/app.yaml",
                           .location = {2, 10, 2, 80, 0, 0},
                           .message = "Embedded capability token (signature not verified)",
                           .snippet = "token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJBQzEifQ.abcd…"});
  token.capability.fields["account_sid"] = lit("AC1", "AC1");
  token.capability.fields["incoming_client_name"] = lit("bob", "bob");
  token.mapping = map::MappingTable::builtin().apply(token.capability);  // as the scanner's map step does
  token.token =
      decoded_capability({{"alg", "HS256"}, {"typ", "JWT"}},
                         {{"scope", "scope:client:incoming?clientName=bob"}, {"iss", "AC1"}, {"exp", 1700000600}},
                         {{"capability-token", token::LintSeverity::Error, "deprecated"}});
  r.findings = {token, needs, rewritten};

  fix::Rewrite rw;
  rw.finding_id = "cm1-rewritten";
  rw.path = "src/token.js";
  rw.line = 4;
  rw.status = fix::Status::rewritten;
  rw.before =
      "const capability = new ClientCapability({ accountSid, authToken });\n"
      "capability.addScope(new ClientCapability.IncomingClientScope('alice'));\n"
      "return capability.toJwt();\n";
  rw.after =
      "const token = new AccessToken(accountSid, apiKeySid, apiKeySecret, { identity: 'alice' });\n"
      "token.addGrant(new VoiceGrant({ incomingAllow: true, outgoingApplicationSid: process.env.APP_SID }));\n"
      "return token.toJwt();\n";
  rw.edits.push_back({100, 165, 4, 1, 4, 66,
                      "const token = new AccessToken(accountSid, apiKeySid, apiKeySecret, { identity: 'alice' });"});
  rw.edits.push_back(
      {166, 236, 5, 1, 5, 71,
       "token.addGrant(new VoiceGrant({ incomingAllow: true, outgoingApplicationSid: process.env.APP_SID }));"});
  rw.edits.push_back({244, 254, 6, 8, 6, 18, "token"});
  rw.notes = {"Add TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET to the environment."};
  fix::Rewrite ni;
  ni.finding_id = "cm1-needs-input";
  ni.path = "src/other.js";
  ni.line = 9;
  ni.status = fix::Status::needs_input;
  ni.reasons = {
      "The identity is computed at run time from two different client names (identity-conflict); choose one."};
  ni.reason_code = "identity-conflict";
  s.fixes.rewrites = {rw, ni};

  fix::FilePatch patch;
  patch.path = "src/token.js";
  patch.display_path = "app/src/token.js";
  fix::Edit import{0, 0, 1, 1, 1, 2, "const { AccessToken } = require('twilio').jwt;\n"};  // located as fix does
  patch.edits = {import, rw.edits[0], rw.edits[1], rw.edits[2]};
  patch.diff =
      "--- a/app/src/token.js\n+++ b/app/src/token.js\n@@ -1 +1,2 @@\n+const { AccessToken } = "
      "require('twilio').jwt;\n const twilio = require('twilio');\n";
  s.fixes.files = {patch};
  s.fixes.scan = r;
  return s;
}

std::string markdown(const ScanReport& r, const fix::FixReport* fixes) {
  std::ostringstream out;
  write_markdown(out, r, fixes);
  return out.str();
}

std::string html(const ScanReport& r, const fix::FixReport* fixes) {
  std::ostringstream out;
  write_html(out, r, fixes);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Cell separators GFM sees: `|` not escaped with a backslash.
std::size_t unescaped_pipes(const std::string& line) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size(); ++i)
    if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++n;
  return n;
}

// The JSON inside <script type="application/json" id="capmig-data">…</script>.
json::value page_data(const std::string& page) {
  const std::string open = "<script type=\"application/json\" id=\"capmig-data\">";
  auto begin = page.find(open);
  REQUIRE(begin != std::string::npos);
  begin += open.size();
  const auto end = page.find("</script>", begin);
  REQUIRE(end != std::string::npos);
  const json::value block = json::parse(page.substr(begin, end - begin));
  return resolve_json(block.at("data"), block.at("table").as_array());
}

}  // namespace

TEST_CASE("markdown: code spans and fences survive backticks and pipes", "[report][markdown]") {
  CHECK(markdown_code("accountSid") == "`accountSid`");
  CHECK(markdown_code("a`b") == "``a`b``");
  CHECK(markdown_code("`tick") == "`` `tick ``");
  CHECK(markdown_code("x || y", true) == "`x \\|\\| y`");
  CHECK(markdown_code("x || y") == "`x || y`");
  CHECK(markdown_code("line1\nline2") == "`line1 line2`");
  CHECK(markdown_code("") == "(empty)");
  CHECK(markdown_fence("plain\n", "js") == "```js\nplain\n```\n");
  CHECK(markdown_fence("a ``` b\n", "") == "````\na ``` b\n````\n");
  CHECK(markdown_fence("no newline", "") == "```\nno newline\n```\n");
}

TEST_CASE("markdown: text is escaped, control characters shown", "[report][markdown]") {
  CHECK(markdown_text("a|b") == "a\\|b");
  CHECK(markdown_text("*bold* _it_ `code` <b>") == "\\*bold\\* \\_it\\_ \\`code\\` \\<b\\>");
  CHECK(markdown_text("[link](x)") == "\\[link\\](x)");
  CHECK(markdown_text("# not a heading") == "\\# not a heading");
  CHECK(markdown_text("1. not a list") == "1\\. not a list");
  CHECK(markdown_text("a & b &amp;") == "a & b \\&amp;");
  CHECK(markdown_text("two\nlines") == "two lines");
  CHECK(markdown_text("bell\x07") == "bell\\\\x07");
}

TEST_CASE("markdown: hostile finding text cannot break the tables or fences", "[report][markdown]") {
  ScanReport r;
  r.table = &map::MappingTable::builtin();
  r.root = "app";
  r.files_scanned = 1;
  Finding f = mint_finding("cm1-hostile", "src/a|b.js", 3);
  f.message = "pipes | and ``` fences";
  f.snippet = "x = `a` + ```not a fence``` | y";
  f.capability.fields["incoming_client_name"] = expr("a || b ? `c` : d");
  f.mapping = map::MappingTable::builtin().apply(f.capability);
  r.findings = {f};
  const std::string md = markdown(r, nullptr);
  // Every row of the mapping table has exactly its five separators.
  bool in_table = false;
  std::size_t rows = 0;
  for (const auto& line : lines_of(md)) {
    if (line.starts_with("| Capability token parameter")) in_table = true;
    if (in_table && line.empty()) in_table = false;
    if (in_table) {
      CHECK(unescaped_pipes(line) == 5);
      ++rows;
    }
  }
  CHECK(rows >= 6);
  CHECK(md.find("````javascript\nx = `a` + ```not a fence``` | y\n````\n") != std::string::npos);
  CHECK(md.find("``a \\|\\| b ? `c` : d``") != std::string::npos);
  CHECK(md.find("pipes \\| and \\`\\`\\` fences") != std::string::npos);
  CHECK(md.find("| `src/a\\|b.js:3:18` |") != std::string::npos);  // the index row: escaped
  CHECK(md.find("<summary>1. high capability-mint in <code>src/a|b.js:3:18</code></summary>") != std::string::npos);
}

TEST_CASE("markdown: summary, mapping table and diagnostics", "[report][markdown]") {
  Sample s = sample();
  const std::string md = markdown(s.scan, nullptr);
  CHECK(md.starts_with("# capmig report\n\nScanned `app`: 3 files, **3 findings** in 3 files.\n"));
  CHECK(md.find("| capability-mint | 2 | 0 | 0 | 0 | 2 |") != std::string::npos);
  CHECK(md.find("| embedded-token | 0 | 1 | 0 | 0 | 1 |") != std::string::npos);
  CHECK(md.find("| javascript | 2 | 0 | 0 | 0 | 2 |") != std::string::npos);
  // No rewrites planned: the split is unknown, so the report says to run fix.
  CHECK(md.find("## Remaining work\n\n| | what | next step |\n|---:|---|---|\n"
                "| **2** | capability constructs mint tokens | run `capmig fix` to migrate them |\n"
                "| **1** | token written into a file |") != std::string::npos);
  CHECK(md.find("| authToken | `authToken` | **Do Not Use** |") != std::string::npos);
  CHECK(md.find("| Incoming: clientName | `'alice'` | identity & incomingAllow=true | identity = `alice`, "
                "incomingAllow = `true` |") != std::string::npos);
  CHECK(md.find("| Outgoing: applicationSid | `process.env.APP_SID` | outgoingApplicationSid | outgoingApplicationSid "
                "← `process.env.APP_SID` |") != std::string::npos);
  CHECK(md.find("| ttl | — | ttl | ttl = `3600` ⚠ `ttl-unknown` |") != std::string::npos);
  CHECK(md.find("- ⚠ `identity-conflict`: The incoming and outgoing client names differ") != std::string::npos);
  // The decoded claims, without a signature.
  CHECK(md.find("**Decoded token** (capability), signature not verified (no key given).") != std::string::npos);
  CHECK(md.find("\"scope\": \"scope:client:incoming?clientName=bob\"") != std::string::npos);
  CHECK(md.find("**Patch**") == std::string::npos);
  // Deterministic.
  CHECK(md == markdown(s.scan, nullptr));
}

TEST_CASE("markdown: patches and needs-input from a FixReport", "[report][markdown]") {
  Sample s = sample();
  const std::string md = markdown(s.scan, &s.fixes);
  // A patch fix printed and did not write: never "migrated".
  CHECK(md.find("| **1** | capability construct the patch migrates (not applied yet) | review the patch, then "
                "`git apply` it or rerun with `--apply` |\n"
                "| **1** | capability construct needs a person (1 identity-conflict) | migrate by hand") !=
        std::string::npos);
  CHECK(md.find("migrated") == std::string::npos);
  CHECK(md.find("| 2 | high | capability-mint | `src/other.js:9:18` | `node-client-capability` | needs a person |") !=
        std::string::npos);
  CHECK(md.find("| 3 | high | capability-mint | `src/token.js:4:18` | `node-client-capability` | in the patch |") !=
        std::string::npos);
  CHECK(md.find("```diff\n-const capability = new ClientCapability({ accountSid, authToken });\n"
                "-capability.addScope(new ClientCapability.IncomingClientScope('alice'));\n"
                "-return capability.toJwt();\n"
                "+const token = new AccessToken(") != std::string::npos);
  CHECK(md.find("+return token.toJwt();\n```\n\n**Before merging:**\n\n- Add TWILIO\\_API\\_KEY\\_SID and "
                "TWILIO\\_API\\_KEY\\_SECRET to the environment.\n") != std::string::npos);
  CHECK(md.find("**Needs input:** `capmig fix` leaves this construct to a person:\n\n- The identity is computed at run "
                "time") != std::string::npos);
  CHECK(
      md.find("## Patch\n\n<details><summary>1 file (to apply it, use <code>capmig fix</code>'s own diff: secrets are "
              "redacted here)</summary>\n\n```diff\n--- a/app/src/token.js") != std::string::npos);
}

TEST_CASE("markdown: fits GitHub's body limit however many findings, and says what it cut", "[report][markdown]") {
  ScanReport r;
  r.table = &map::MappingTable::builtin();
  r.root = "monorepo";
  r.files_scanned = 20000;
  for (int i = 0; i < 10000; ++i)
    r.findings.push_back(mint_finding("cm1-" + std::to_string(i), "src/m" + std::to_string(i) + ".js", 4));
  const std::string md = markdown(r, nullptr);
  CHECK(md.size() <= kMarkdownLimit);
  CHECK(md.find("| **10,000** | capability constructs mint tokens |") != std::string::npos);
  CHECK(md.find("| 1 | high | capability-mint | `src/m0.js:4:18` | `node-client-capability` |") != std::string::npos);
  CHECK(md.find("To fit in 65,536 characters, findings ") != std::string::npos);
  CHECK(md.find("`--format html` or `--format json` has every finding.") != std::string::npos);
  // A small report keeps every detail, collapsed, and no closing line.
  Sample s = sample();
  const std::string small = markdown(s.scan, &s.fixes);
  CHECK(small.find("To fit in") == std::string::npos);
  CHECK(small.find("<details><summary>3. high capability-mint in <code>src/token.js:4:18</code></summary>") !=
        std::string::npos);
  // A tight limit keeps the summary and the index rows, and drops what does not fit.
  const std::string tight = [&] {
    std::ostringstream out;
    write_markdown(out, s.scan, &s.fixes, 4000);
    return out.str();
  }();
  INFO(tight);
  CHECK(tight.size() <= 4000);
  CHECK(tight.find("| 3 | high | capability-mint |") != std::string::npos);
  CHECK(tight.find("*To fit in 4,000 characters, the details of findings 2–3 are left out.") != std::string::npos);
}

TEST_CASE("remaining work: applied, planned, and nothing to do", "[report]") {
  Sample s = sample();
  s.fixes.delivery = fix::Delivery::applied;
  auto work = remaining_work(make_overview(s.scan, &s.fixes));
  REQUIRE(work.size() == 3);
  CHECK(work[0].what == "capability construct migrated by `capmig fix --apply`");
  CHECK(work[1].detail == "1 identity-conflict");
  CHECK(work[2].what == "token written into a file");
  s.fixes.delivery = fix::Delivery::plan;
  work = remaining_work(make_overview(s.scan, &s.fixes));
  CHECK(work[0].what == "capability construct `capmig fix` migrates automatically");
  // Without mints nothing points to `capmig fix`.
  s.scan.findings.erase(s.scan.findings.begin() + 1, s.scan.findings.end());
  work = remaining_work(make_overview(s.scan, nullptr));
  REQUIRE(work.size() == 1);
  CHECK(work[0].action.find("capmig fix") == std::string::npos);
  s.scan.findings.clear();
  CHECK(remaining_work(make_overview(s.scan, nullptr)).empty());
}

TEST_CASE("markdown: baseline findings are counted, not listed", "[report][markdown]") {
  Sample s = sample();
  s.scan.findings[0].is_new = false;
  const std::string md = markdown(s.scan, nullptr);
  CHECK(md.find("**2 findings** in 2 files, 1 more in the baseline (not listed).") != std::string::npos);
  CHECK(md.find("cm1-token") == std::string::npos);
}

TEST_CASE("html data: repeated values stored once, and resolved back to the same document", "[report][html]") {
  const json::value row = json::parse(R"({"capability":"authToken","setting":"Do Not Use","values":[]})");
  json::array findings;
  for (int i = 0; i < 50; ++i)
    findings.push_back(json::object{{"path", "src/f" + std::to_string(i) + ".js"},
                                    {"row", row},
                                    {"message", "Mints a Twilio Capability Token"},
                                    {"n", i}});
  // Data that looks like a reference, once and twice, must come back as it was.
  findings.push_back(json::object{{"snippet",
                                   "\x01"
                                   "0"},
                                  {"other",
                                   "\x01"
                                   "1 twice"},
                                  {"again",
                                   "\x01"
                                   "1 twice"}});
  const json::value doc = json::object{{"findings", findings}, {"root", "."}};
  const DedupedJson d = dedup_json(doc);
  CHECK(resolve_json(d.value, d.table) == doc);
  const auto before = json::serialize(doc).size();
  const auto after = json::serialize(d.value).size() + json::serialize(d.table).size();
  CHECK(after * 2 < before);
  // The row and the message are each stored once.
  std::size_t rows = 0;
  for (const auto& e : d.table)
    if (e.is_object() && e.as_object().contains("setting")) ++rows;
  CHECK(rows == 1);
  // Small or unique values stay in place.
  CHECK(d.value.at("findings").at(3).at("path") == "src/f3.js");
  CHECK(d.value.at("root") == ".");
}

TEST_CASE("html: hostile snippets cannot end the data block or run", "[report][html]") {
  ScanReport r;
  r.table = &map::MappingTable::builtin();
  r.root = "<root>";
  r.files_scanned = 1;
  Finding f = mint_finding("cm1-x", "src/</script>.js", 1);
  f.snippet = "</script><script>alert(1)</script><!-- -->& \u2028";
  f.message = "<img src=x onerror=alert(1)>";
  r.findings = {f};
  const std::string page = html(r, nullptr);
  // Only the report's own two script elements close.
  std::size_t closes = 0;
  for (auto at = page.find("</script>"); at != std::string::npos; at = page.find("</script>", at + 1)) ++closes;
  CHECK(closes == 2);
  CHECK(page.find("<!--") == std::string::npos);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("<title>capmig report: &lt;root&gt;</title>") != std::string::npos);
  const json::value data = page_data(page);
  const auto& finding = data.at("findings").at(0);
  CHECK(finding.at("snippet").as_string() == f.snippet);
  CHECK(finding.at("message").as_string() == f.message);
  CHECK(finding.at("path").as_string() == "src/</script>.js");
  CHECK(json_for_script("{\"a\":\"</script>&\"}") == "{\"a\":\"\\u003c/script\\u003e\\u0026\"}");
  CHECK(html_escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("html: self-contained, summary, chart and per-finding data", "[report][html]") {
  Sample s = sample();
  const std::string page = html(s.scan, &s.fixes);
  CHECK(page.find("http://") == std::string::npos);
  CHECK(page.find("https://") == std::string::npos);
  CHECK(page.find(
            "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:;") !=
        std::string::npos);
  CHECK(page.find("<svg class=\"chart\"") != std::string::npos);
  CHECK(page.find("<table id=\"remaining-work\"><caption>Remaining work</caption><tbody>\n"
                  "<tr><td class=\"count\">1</td><td>capability construct the patch migrates (not applied yet)</td>") !=
        std::string::npos);
  CHECK(page.find("<td class=\"count\">1</td><td>capability construct needs a person <span class=\"muted\">(1 "
                  "identity-conflict)</span></td>") != std::string::npos);
  CHECK(page.find("<details id=\"patch\">") != std::string::npos);
  const json::value data = page_data(page);
  CHECK(data.at("fixes").as_bool());
  const auto& findings = data.at("findings").as_array();
  REQUIRE(findings.size() == 3);
  const auto& token = findings[0].as_object();
  CHECK(token.at("token").at("payload").at("iss").as_string() == "AC1");
  CHECK(!token.contains("fix"));
  const auto& needs = findings[1].as_object();
  CHECK(needs.at("fix").at("status").as_string() == "needs-input");
  CHECK(needs.at("diagnostics").as_array() == json::array{"identity-conflict", "ttl-unknown"});
  const auto& rewritten = findings[2].as_object();
  CHECK(rewritten.at("fix").at("status").as_string() == "rewritten");
  CHECK(rewritten.at("fix").at("notes").at(0).as_string().starts_with("Add TWILIO_API_KEY_SID"));
  CHECK(rewritten.at("fix").at("diff").at(0) ==
        json::array{"-", "const capability = new ClientCapability({ accountSid, authToken });"});
  CHECK(data.at("diagnostics").at("ttl-unknown").as_string().starts_with("The capability's lifetime is unknown"));
  CHECK(page == html(s.scan, &s.fixes));  // deterministic
}

TEST_CASE("html: a report with patches for the browser test", "[report][html-out]") {
  Sample s = sample();
  const std::string page = html(s.scan, &s.fixes);
  CHECK(page_data(page).at("findings").as_array().size() == 3);
  if (const char* out = std::getenv("CAPMIG_HTML_OUT"); out && *out) {
    std::ofstream file(out, std::ios::binary);
    file << page;
    REQUIRE(file.good());
  }
}

TEST_CASE("github: workflow commands, levels and escaping", "[report][github]") {
  CHECK(github_escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext");
  CHECK(github_escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae");
  Sample s = sample();
  s.scan.findings[1].path = "src/odd,name:1.js";
  s.scan.findings[1].message = "two\nlines, 100%";
  s.scan.errors.push_back({"vendor/x.js", "unreadable"});
  std::ostringstream out;
  write_github(out, s.scan);
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 5);
  CHECK(
      lines[0].starts_with("::warning file=config/app.yaml,line=2,endLine=2,col=10,endColumn=80,"
                           "title=capmig embedded-token (embedded-token)::Embedded capability token"));
  CHECK(lines[1].starts_with(
      "::error file=src/odd%2Cname%3A1.js,line=9,endLine=9,col=18,endColumn=60,"
      "title=capmig capability-mint (node-client-capability)::two\\nlines, 100%25%0A→ Access Token + VoiceGrant: "));
  CHECK(lines[1].find("%0A⚠ identity-conflict: ") != std::string::npos);
  CHECK(lines[2].starts_with("::error file=src/token.js,line=4,"));
  CHECK(lines[3] == "::warning file=vendor/x.js::unreadable");
  CHECK(lines[4].starts_with("3 findings"));
  s.scan.findings[2].severity = Severity::info;
  s.scan.findings[0].is_new = false;
  std::ostringstream again;
  write_github(again, s.scan);
  const auto more = lines_of(again.str());
  REQUIRE(more.size() == 4);  // the baseline finding is not annotated
  CHECK(more[1].starts_with("::notice file=src/token.js"));
}

TEST_CASE("sarif: fixes from fix rewrites", "[report][sarif]") {
  Sample s = sample();
  SarifOptions options;
  options.fixes = sarif_fixes(s.fixes);
  const json::object log = scan_to_sarif(s.scan, options);
  const auto& results = log.at("runs").at(0).at("results").as_array();
  REQUIRE(results.size() == 3);
  CHECK(!results[0].as_object().contains("fixes"));  // embedded token: nothing to patch
  CHECK(!results[1].as_object().contains("fixes"));  // needs input
  const auto& fixes = results[2].at("fixes").as_array();
  REQUIRE(fixes.size() == 1);
  CHECK(fixes[0].at("description").at("text").as_string() == "Migrate to Access Token + VoiceGrant.");
  const auto& changes = fixes[0].at("artifactChanges").as_array();
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].at("artifactLocation") == json::object{{"uri", "src/token.js"}, {"uriBaseId", "%SRCROOT%"}});
  const auto& replacements = changes[0].at("replacements").as_array();
  REQUIRE(replacements.size() == 4);  // the import the new code needs comes first
  CHECK(replacements[0] ==
        json::parse(R"({"deletedRegion": {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1},
      "insertedContent": {"text": "const { AccessToken } = require('twilio').jwt;\n"}})"));
  CHECK(replacements[3] ==
        json::parse(R"({"deletedRegion": {"startLine": 6, "startColumn": 8, "endLine": 6, "endColumn": 18},
      "insertedContent": {"text": "token"}})"));
}

TEST_CASE("sarif: fixes carry a file's imports once", "[report][sarif]") {
  Sample s = sample();
  // A second rewritten construct in the same file.
  Finding second = mint_finding("cm1-second", "src/token.js", 20);
  s.scan.findings.push_back(second);
  fix::Rewrite rw;
  rw.finding_id = "cm1-second";
  rw.path = "src/token.js";
  rw.status = fix::Status::rewritten;
  rw.edits.push_back({900, 950, 20, 18, 20, 60, "new AccessToken(accountSid, apiKeySid, apiKeySecret)"});
  s.fixes.rewrites.push_back(rw);
  s.fixes.files[0].edits.push_back(rw.edits[0]);
  SarifOptions options;
  options.fixes = sarif_fixes(s.fixes);
  const json::object log = scan_to_sarif(s.scan, options);
  const auto& results = log.at("runs").at(0).at("results").as_array();
  CHECK(results[2].at("fixes").at(0).at("artifactChanges").at(0).at("replacements").as_array().size() == 4);
  CHECK(results[3].at("fixes").at(0).at("artifactChanges").at(0).at("replacements").as_array().size() == 1);
}

TEST_CASE("sarif: a report with fixes for the validator", "[report][sarif-fixes-out]") {
  Sample s = sample();
  SarifOptions options;
  options.fixes = sarif_fixes(s.fixes);
  options.root_uri = "file:///srv/app/";
  const json::object log = scan_to_sarif(s.scan, options);
  CHECK(log.at("runs").at(0).at("results").at(2).as_object().contains("fixes"));
  if (const char* out = std::getenv("CAPMIG_SARIF_FIXES_OUT"); out && *out) {
    std::ofstream file(out, std::ios::binary);
    file << json::serialize(log) << '\n';
    REQUIRE(file.good());
  }
}

TEST_CASE("patches: secrets on touched or context lines are redacted in every report", "[report][secrets]") {
  Sample s = sample();
  const std::string raw = "9bf31c7ff062936a96d3c8bd1f8f2ff3";
  // The rewritten construct's second line passes a literal auth token; line 2 holds another in context.
  fix::Rewrite& rw = s.fixes.rewrites[0];
  rw.before.replace(rw.before.find("authToken }"), 9, "authToken: '" + raw + "'");
  Finding secret;
  secret.id = "cm1-secret";
  secret.rule_id = "hardcoded-auth-token";
  secret.category = Category::hardcoded_secret;
  secret.severity = Severity::high;
  secret.path = "src/token.js";
  const auto col = static_cast<std::uint32_t>(rw.before.find('\'' + raw) + 1);
  secret.location = {4, col, 4, col + 34, 0, 0};
  secret.capability.fields["auth_token"] = lit("9bf3…", "'9bf3…'");
  const std::string other = "0123456789abcdef0123456789abcdef";
  Finding context = secret;
  context.id = "cm1-secret-2";
  context.location = {2, 15, 2, 49, 0, 0};
  context.capability.fields["auth_token"] = lit("0123…", "'0123…'");
  s.fixes.scan.findings = {secret, context};
  s.fixes.files[0].diff =
      "--- a/app/src/token.js\n+++ b/app/src/token.js\n@@ -1,2 +1,3 @@\n+const { AccessToken } = "
      "require('twilio').jwt;\n"
      " const twilio = require('twilio');\n const TOKEN = '" +
      other + "';\n";
  const PatchRedactor redact(&s.fixes);
  CHECK(redact.secrets() == std::vector<std::string>{other, raw});
  CHECK(redact("a '" + raw + "' b") == "a '9bf3…' b");
  CHECK(redact("AP" + raw + " " + raw + "x") == "AP" + raw + " " + raw + "x");  // part of a SID: not the secret
  for (const std::string& out : {markdown(s.scan, &s.fixes), html(s.scan, &s.fixes)}) {
    CHECK(out.find(raw) == std::string::npos);
    CHECK(out.find(other) == std::string::npos);
    CHECK(out.find("9bf3…") != std::string::npos);
  }
  // A finding whose columns do not hold a secret with that redaction teaches nothing.
  s.fixes.scan.findings[0].capability.fields["auth_token"] = lit("zzzz…", "'zzzz…'");
  CHECK(PatchRedactor(&s.fixes).secrets() == std::vector<std::string>{other});
  // A needs-input construct's draft is shown in the reports as well: its lines teach the same.
  s.fixes.scan.findings[0].capability.fields["auth_token"] = lit("9bf3…", "'9bf3…'");
  rw.draft = fix::Rewrite::Draft{rw.edits, rw.before, rw.after, {}, false};
  rw.edits.clear();
  rw.before.clear();
  CHECK(PatchRedactor(&s.fixes).secrets() == std::vector<std::string>{other, raw});
}

TEST_CASE("line diff: changed runs, removals first, common lines kept", "[report][diff]") {
  auto ops = [](std::string_view a, std::string_view b) {
    std::string out;
    for (const auto& d : line_diff(a, b)) out += std::string(1, d.op) + std::string(d.text) + "\n";
    return out;
  };
  CHECK(ops("a\nb\nc\n", "a\nb\nc\n") == " a\n b\n c\n");
  CHECK(ops("a\nb\nc\n", "a\nB\nc\n") == " a\n-b\n+B\n c\n");
  CHECK(ops("a\nb\nc\nd\n", "a\nX\nc\nY\nd\n") == " a\n-b\n+X\n c\n+Y\n d\n");
  CHECK(ops("x\r\ny\r\n", "x\ny\nz") == " x\n y\n+z\n");
  CHECK(ops("", "new\n") == "+new\n");
  CHECK(ops("old\n", "") == "-old\n");
  CHECK(ops("p\nq\nr\n", "r\nq\np\n") == "-p\n-q\n r\n+q\n+p\n");
}

TEST_CASE("mapping rows: the seed table's rows for a finding", "[report][mapping]") {
  Sample s = sample();
  const auto rows = ReportMapping(map::MappingTable::builtin()).rows(s.scan.findings[2]);
  std::vector<std::string> labels;
  for (const auto& r : rows) labels.push_back(r.capability + " -> " + r.setting);
  CHECK(labels == std::vector<std::string>{"accountSid -> accountSid", "authToken -> Do Not Use", "ttl -> ttl",
                                           "Incoming: clientName -> identity & incomingAllow=true",
                                           "Outgoing: applicationSid -> outgoingApplicationSid", "(none) -> apiKeySid",
                                           "(none) -> apiKeySecret"});
  CHECK(!rows[2].written);  // ttl is not written: the default fills it
  CHECK(rows[2].values.at(0).value.text == "3600");
  CHECK(rows[2].diagnostics == std::vector<std::string>{"ttl-unknown"});
  Finding no_identity = mint_finding("cm1-y", "a.js", 1);
  no_identity.capability.fields.erase("incoming_client_name");
  no_identity.mapping = map::MappingTable::builtin().apply(no_identity.capability);
  const auto rows2 = ReportMapping(map::MappingTable::builtin()).rows(no_identity);
  CHECK(rows2.back().setting == "identity");
  CHECK(rows2.back().diagnostics == std::vector<std::string>{"identity-missing"});
  CHECK(ReportMapping(map::MappingTable::builtin()).rows(Finding{}).empty());
  CHECK(ReportMapping(map::MappingTable::builtin()).explanation("no-such-code").empty());
}
