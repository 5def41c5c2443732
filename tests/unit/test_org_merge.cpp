// `capmig merge`'s library: scan reports read back from their JSON, joined by repository, and
// the organisation reports (JSON, SARIF, Markdown, HTML dashboard) written from them.
#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "analyzer/report/json.h"
#include "analyzer/report/org_dashboard.h"
#include "analyzer/report/org_json.h"
#include "analyzer/report/org_markdown.h"
#include "analyzer/report/org_merge.h"
#include "analyzer/report/org_sarif.h"
#include "analyzer/scan/fingerprint.h"
#include "tests/unit/finding_builder.h"

using namespace capmig;
using namespace capmig::report;
namespace json = boost::json;
using capmig::scan::testing::finding;

namespace {

// A scan report as `scan --format json` writes it, with `high` high-severity and `medium`
// medium-severity findings, each in its own file.
std::string report_text(const std::string& root, int high, int medium, const std::string& repository = "") {
  ScanReport r;
  r.root = root;
  r.repository = repository;
  r.files_scanned = 10;
  for (int i = 0; i < high + medium; ++i) {
    const bool is_high = i < high;
    r.findings.push_back(
        finding({"", is_high ? "node-client-capability" : "hardcoded-auth-token",
                 is_high ? Category::capability_mint : Category::hardcoded_secret,
                 is_high ? Severity::high : Severity::medium, Language::javascript, "src/f" + std::to_string(i) + ".js",
                 Location{3, 5, 3, 20, 40, 55}, "a message", "new ClientCapability(x)"}));
  }
  scan::assign_ids(r.findings);
  return json::serialize(scan_to_json(r));
}

RepoReport parsed(const std::string& text, const std::string& source) {
  auto r = parse_scan_report(text, source);
  if (!r) FAIL(r.error());
  return std::move(*r);
}

OrgReport merged(std::vector<RepoReport> reports) {
  auto org = merge_reports(std::move(reports));
  if (!org) FAIL(org.error());
  return std::move(*org);
}

}  // namespace

TEST_CASE("org: a scan report reads back finding for finding", "[org]") {
  const std::string text = report_text("/src/acme/billing", 2, 1);
  const RepoReport r = parsed(text, "billing.json");
  CHECK(r.repository == "billing");  // no "repository": the root's last component
  const json::value doc = json::parse(text);
  const json::array& written = doc.at("findings").get_array();
  REQUIRE(r.scan.findings.size() == 3);
  for (std::size_t i = 0; i < written.size(); ++i) {
    const Finding& f = r.scan.findings[i];
    const json::object& w = written[i].get_object();
    CHECK(f.id == w.at("id").get_string());
    CHECK(f.rule_id == w.at("rule_id").get_string());
    CHECK(f.path == w.at("path").get_string());
    CHECK(to_string(f.severity) == w.at("severity").get_string());
    CHECK(to_string(f.category) == w.at("category").get_string());
    CHECK(f.location.line == 3);
    CHECK(f.location.end_column == 20);
  }
  // The summary the org report keeps per repository equals the one the scan wrote.
  CHECK(summary_to_json(r.scan) == doc.at("summary"));
}

TEST_CASE("org: repository names", "[org]") {
  CHECK(parsed(report_text("/src/acme/billing/", 0, 0), "a.json").repository == "billing");
  CHECK(parsed(report_text("relative/dir", 0, 0), "a.json").repository == "dir");
  CHECK(parsed(report_text(".", 0, 0, "acme/softphone"), "a.json").repository == "acme/softphone");
  auto unnamed = parse_scan_report(report_text(".", 0, 0), "dot.json");
  REQUIRE_FALSE(unnamed);
  CHECK_THAT(unnamed.error(),
             Catch::Contains("dot.json: cannot name the repository") && Catch::Contains("--repository"));
  CHECK_FALSE(repository_name_problem("acme/billing-2"));
  CHECK(repository_name_problem(""));
  CHECK(repository_name_problem("a:b"));
  CHECK(repository_name_problem("a\nb"));
  CHECK(repository_name_problem("\xff"));
  CHECK(repository_name_problem(std::string(kMaxRepositoryName + 1, 'a')));
}

TEST_CASE("org: bad reports are errors that name the file and say why", "[org]") {
  const std::string good = report_text("/r/x", 1, 0);
  auto error_of = [](const std::string& text) {
    auto r = parse_scan_report(text, "in.json");
    return r ? std::string("accepted") : r.error();
  };
  CHECK_THAT(error_of(good.substr(0, good.size() / 2)),
             Catch::StartsWith("in.json: not a capmig scan report (not JSON"));
  CHECK_THAT(error_of("[1, 2]"), Catch::Contains("not a JSON object"));
  CHECK_THAT(error_of(R"({"version": 1, "name": "pkg"})"), Catch::Contains("no \"root\""));
  json::object v2 = json::parse(good).get_object();
  v2["version"] = 2;
  CHECK_THAT(error_of(json::serialize(v2)), Catch::Contains("scan report version 2, this capmig reads version 1"));
  json::object bad_severity = json::parse(good).get_object();
  bad_severity["findings"].get_array()[0].get_object()["severity"] = "critical";
  CHECK_THAT(error_of(json::serialize(bad_severity)), Catch::Contains("finding 1 has an unknown"));
  json::object no_path = json::parse(good).get_object();
  no_path["findings"].get_array()[0].get_object().erase("path");
  CHECK_THAT(error_of(json::serialize(no_path)), Catch::Contains("finding 1 has no string \"path\""));
  json::object twice = json::parse(good).get_object();
  twice["findings"].get_array().push_back(twice["findings"].get_array()[0]);
  CHECK_THAT(error_of(json::serialize(twice)), Catch::Contains("appears twice"));
  json::object huge_line = json::parse(good).get_object();
  huge_line["findings"].get_array()[0].get_object()["line"] = 1ULL << 40;
  CHECK_THAT(error_of(json::serialize(huge_line)), Catch::Contains("out of range"));
}

TEST_CASE("org: one repository twice", "[org]") {
  const std::string a = report_text("/r/app", 1, 0), b = report_text("/other/app", 2, 0);
  const OrgReport same = merged({parsed(a, "1.json"), parsed(a, "2.json")});
  CHECK(same.repos.size() == 1);
  REQUIRE(same.warnings.size() == 1);
  CHECK_THAT(same.warnings[0], Catch::Contains("2.json: the same report") && Catch::Contains("counted once"));
  auto differ = merge_reports({parsed(a, "1.json"), parsed(b, "2.json")});
  REQUIRE_FALSE(differ);
  CHECK_THAT(differ.error(), Catch::Contains("repository \"app\" also comes from 1.json"));
}

TEST_CASE("org: repositories by name, worst first, exit code", "[org]") {
  const OrgReport org =
      merged({parsed(report_text("/r/c", 0, 5), "c.json"), parsed(report_text("/r/a", 1, 0), "a.json"),
              parsed(report_text("/r/d", 0, 0), "d.json"), parsed(report_text("/r/b", 1, 2), "b.json")});
  std::vector<std::string> names, worst;
  for (const auto& r : org.repos) names.push_back(r.repository);
  for (std::size_t i : worst_first(org)) worst.push_back(org.repos[i].repository);
  CHECK(names == std::vector<std::string>{"a", "b", "c", "d"});
  CHECK(worst == std::vector<std::string>{"b", "a", "c", "d"});
  CHECK(org_exit_code(org) == 1);
  CHECK(org_exit_code(merged({parsed(report_text("/r/d", 0, 0), "d.json")})) == 0);
  json::object incomplete = json::parse(report_text("/r/e", 0, 0)).get_object();
  incomplete["complete"] = false;
  const OrgReport half = merged({parsed(json::serialize(incomplete), "e.json")});
  CHECK(org_exit_code(half) == 1);
  CHECK_THAT(half.warnings.at(0), Catch::Contains("scanned incompletely"));
}

TEST_CASE("org: JSON keeps each finding and its id, and namespaces it", "[org]") {
  const std::string text = report_text("/r/one", 1, 1);
  // The same file in two repositories: the same id in both, told apart by org_id.
  const OrgReport org = merged({parsed(text, "1.json"), parsed(report_text("/r/two", 1, 1), "2.json")});
  std::ostringstream text_out;
  write_org_json(text_out, org);
  const json::value parsed_out = json::parse(text_out.str());
  const json::object& out = parsed_out.get_object();
  CHECK(text_out.str().back() == '\n');
  std::vector<std::string> keys;
  for (const auto& kv : out) keys.emplace_back(kv.key());
  CHECK(keys == std::vector<std::string>{"version", "kind", "totals", "repositories", "findings", "errors"});
  const json::array& findings = out.at("findings").get_array();
  REQUIRE(findings.size() == 4);
  const json::value doc = json::parse(text);
  const json::array& own = doc.at("findings").get_array();
  CHECK(findings[0].at("id") == own[0].at("id"));
  CHECK(findings[2].at("id") == own[0].at("id"));
  CHECK(findings[0].at("org_id").get_string() == "one:" + std::string(own[0].at("id").get_string()));
  CHECK(findings[2].at("org_id").get_string() == "two:" + std::string(own[0].at("id").get_string()));
  CHECK(findings[0].at("capability") == own[0].at("capability"));
  const json::object& totals = out.at("totals").get_object();
  CHECK(totals.at("repositories") == 2);
  CHECK(totals.at("findings") == 4);
  CHECK(totals.at("files_scanned") == 20);
  CHECK(totals.at("by_severity").at("high") == 2);
  CHECK(out.at("repositories").at(1).at("summary").at("findings") == 2);
}

TEST_CASE("org: SARIF has a run per repository", "[org]") {
  const OrgReport org =
      merged({parsed(report_text("/r/one", 1, 0), "1.json"), parsed(report_text("rel/two", 0, 2), "2.json")});
  std::ostringstream text;
  write_org_sarif(text, org, {});
  const json::value doc = json::parse(text.str());
  const json::object& sarif = doc.get_object();
  CHECK(sarif.at("version") == "2.1.0");
  const json::array& runs = sarif.at("runs").get_array();
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].at("automationDetails").at("id") == "capmig/one/");
  CHECK(runs[1].at("results").get_array().size() == 2);
  CHECK(runs[0].at("originalUriBaseIds").at("%SRCROOT%").at("uri") == "file:///r/one/");
  CHECK_FALSE(runs[1].get_object().contains("originalUriBaseIds"));  // a relative root means nothing here
}

TEST_CASE("org: Markdown and the dashboard list repositories worst first, escaped", "[org]") {
  const OrgReport org = merged(
      {parsed(report_text("/r/calm", 0, 1), "1.json"), parsed(report_text("/r/x", 2, 0, "<b>&\"worst"), "2.json")});
  std::ostringstream md, html;
  write_org_markdown(md, org);
  write_org_dashboard(html, org);
  CHECK_THAT(md.str(), Catch::Contains("2 repositories, 20 files scanned: **3 findings** in 2 repositories."));
  CHECK(md.str().find("| calm |") > md.str().find("worst |"));
  const std::string page = html.str();
  CHECK_THAT(page, Catch::Contains("data-repository=\"&lt;b&gt;&amp;&quot;worst\""));
  CHECK(page.find("<b>&") == std::string::npos);
  CHECK(page.find("data-repository=\"calm\"") > page.find("worst\""));
  CHECK_THAT(page, Catch::Contains("id=\"remaining-work\""));
  CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE("org: fix plans are summed only when every report has one", "[org]") {
  const auto with_plan = [](std::string text, int rewritten, int needs, const std::string& reason) {
    json::object o = json::parse(text).as_object();
    o["fix_plan"] = json::object{
        {"rewritten", rewritten}, {"needs_input", needs}, {"needs_input_reasons", json::object{{reason, needs}}}};
    return json::serialize(o);
  };
  const auto a = parsed(with_plan(report_text("/src/a", 3, 0), 2, 1, "identity-missing"), "a.json");
  const auto b = parsed(with_plan(report_text("/src/b", 4, 0), 1, 3, "hand-rolled"), "b.json");
  REQUIRE(a.fix_plan);
  CHECK(a.fix_plan->needs_input_reasons.at("identity-missing") == 1);

  const OrgReport both = merged({a, b});
  const Overview total = org_overview(both, combined_scan(both));
  CHECK(total.rewritten == 3);
  CHECK(total.needs_input == 4);
  REQUIRE(total.needs_input_reasons.size() == 2);
  CHECK(total.needs_input_reasons.front() == std::pair<std::string, std::uint64_t>{"hand-rolled", 3});

  // One report without a plan: the split is unknown, never a partial sum.
  const OrgReport mixed = merged({a, parsed(report_text("/src/c", 1, 0), "c.json")});
  CHECK_FALSE(org_overview(mixed, combined_scan(mixed)).rewritten.has_value());

  json::object damaged = json::parse(report_text("/src/d", 1, 0)).as_object();
  damaged["fix_plan"] = json::object{{"rewritten", -1}};
  const auto bad = parse_scan_report(json::serialize(damaged), "d.json");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().find("fix_plan") != std::string::npos);
}
