#include "analyzer/report/org_merge.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <set>

#include "analyzer/core/utf8.h"
#include "analyzer/report/overview.h"
#include "analyzer/report/skipped.h"

namespace capmig::report {
namespace json = boost::json;
namespace {

// A field of the wrong shape: the error says which, so a foreign file is told apart from a
// damaged report.
struct Shape {
  std::string problem;

  const json::value* field(const json::object& o, std::string_view key, json::kind kind, std::string_view where) {
    const json::value* v = o.if_contains(key);
    if (!v || v->kind() != kind) {
      if (problem.empty())
        problem =
            std::string(where) + " has no " + std::string(json::to_string(kind)) + " \"" + std::string(key) + "\"";
      return nullptr;
    }
    return v;
  }
  std::string text(const json::object& o, std::string_view key, std::string_view where) {
    const json::value* v = field(o, key, json::kind::string, where);
    return v ? std::string(v->get_string()) : std::string();
  }
  std::uint64_t count(const json::object& o, std::string_view key, std::string_view where) {
    const json::value* v = o.if_contains(key);
    if (v && v->is_uint64()) return v->get_uint64();
    if (v && v->is_int64() && v->get_int64() >= 0) return static_cast<std::uint64_t>(v->get_int64());
    if (problem.empty()) problem = std::string(where) + " has no count \"" + std::string(key) + "\"";
    return 0;
  }
  std::uint32_t position(const json::object& o, std::string_view key, std::string_view where) {
    const std::uint64_t n = count(o, key, where);
    if (n > std::numeric_limits<std::uint32_t>::max() && problem.empty())
      problem = std::string(where) + " \"" + std::string(key) + "\" is out of range";
    return static_cast<std::uint32_t>(n);
  }
};

std::optional<Category> category_from_string(std::string_view s) {
  for (Category c : kCategoryOrder)
    if (to_string(c) == s) return c;
  return std::nullopt;
}

Finding finding_from_json(const json::object& o, std::size_t index, Shape& shape) {
  const std::string where = "finding " + std::to_string(index + 1);
  Finding f;
  f.id = shape.text(o, "id", where);
  f.rule_id = shape.text(o, "rule_id", where);
  f.path = shape.text(o, "path", where);
  f.message = shape.text(o, "message", where);
  f.snippet = shape.text(o, "snippet", where);
  f.location.line = shape.position(o, "line", where);
  f.location.column = shape.position(o, "column", where);
  f.location.end_line = shape.position(o, "end_line", where);
  f.location.end_column = shape.position(o, "end_column", where);
  const auto category = category_from_string(shape.text(o, "category", where));
  const auto severity = severity_from_string(shape.text(o, "severity", where));
  const auto language = lang::language_from_string(shape.text(o, "language", where));
  if (const json::value* is_new = shape.field(o, "new", json::kind::bool_, where)) f.is_new = is_new->get_bool();
  shape.field(o, "capability", json::kind::object, where);  // SARIF copies these two
  if (!o.contains("mapping") && shape.problem.empty()) shape.problem = where + " has no \"mapping\"";
  if (shape.problem.empty() && (!category || !severity || !language))
    shape.problem = where + " has an unknown category, severity or language";
  if (shape.problem.empty() && f.id.empty()) shape.problem = where + " has an empty id";
  if (category) f.category = *category;
  if (severity) f.severity = *severity;
  if (language) f.language = *language;
  return f;
}

SkipCounts skips_from_json(const json::object& o, Shape& shape) {
  SkipCounts s;
  s.binary = shape.count(o, "binary", "skipped");
  s.ignored = shape.count(o, "ignored", "skipped");
  s.symlinks = shape.count(o, "symlinks", "skipped");
  s.special = shape.count(o, "special", "skipped");
  s.other_filesystem = shape.count(o, "other_filesystem", "skipped");
  s.unreadable = shape.count(o, "unreadable", "skipped");
  s.too_deep = shape.count(o, "too_deep", "skipped");
  return s;
}

// "/src/acme/billing/" -> "billing"; "." or "/" name nothing.
std::string root_name(const std::string& root) {
  std::filesystem::path p = std::filesystem::path(root).lexically_normal();
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  const std::string name = p.filename().generic_string();
  return name == "." || name == ".." ? std::string() : name;
}

}  // namespace

std::optional<std::string> repository_name_problem(std::string_view name) {
  if (name.empty()) return "a repository name is empty";
  if (name.size() > kMaxRepositoryName)
    return "a repository name is longer than " + std::to_string(kMaxRepositoryName) + " bytes";
  if (!is_valid_utf8(name)) return "a repository name is not valid UTF-8";
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return "a repository name holds a control character";
    if (c == ':') return "a repository name holds ':' (it separates the repository from the id in org_id)";
  }
  return std::nullopt;
}

Result<RepoReport, std::string> parse_scan_report(std::string_view text, const std::string& source) {
  auto fail = [&](const std::string& why) { return Unexpected(source + ": " + why); };
  if (!is_valid_utf8(text)) return fail("not a capmig scan report (not UTF-8 text)");
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return fail("not a capmig scan report (not JSON, or cut short: " + ec.message() + ")");
  RepoReport r;
  r.source = source;
  if (!doc.is_object()) return fail("not a capmig scan report (not a JSON object)");
  r.json = std::move(doc.get_object());
  const json::object& o = r.json;
  // The keys every scan report has: without them this is some other JSON.
  for (std::string_view key : {"version", "root", "findings", "summary", "complete"})
    if (!o.contains(key))
      return fail("not a capmig scan report (no \"" + std::string(key) + "\"; made by `scan --format json`?)");
  const json::value& version = o.at("version");
  if (!version.is_int64() || version.get_int64() != kScanReportVersion)
    return fail("scan report version " + abbreviate_path(json::serialize(version), 40) +
                ", this capmig reads version " + std::to_string(kScanReportVersion) + " (rescan with this capmig)");
  Shape shape;
  ScanReport& s = r.scan;
  s.root = shape.text(o, "root", "the report");
  s.files_scanned = shape.count(o, "files_scanned", "the report");
  s.large_files = shape.count(o, "large_files", "the report");
  if (const auto* c = shape.field(o, "complete", json::kind::bool_, "the report")) s.incomplete = !c->get_bool();
  if (const auto* sk = shape.field(o, "skipped", json::kind::object, "the report"))
    s.skipped = skips_from_json(sk->get_object(), shape);
  if (const auto* errors = shape.field(o, "errors", json::kind::array, "the report")) {
    for (const auto& e : errors->get_array()) {
      if (!e.is_object()) {
        shape.problem = "an error is not an object";
        break;
      }
      s.errors.push_back(
          {shape.text(e.get_object(), "path", "an error"), shape.text(e.get_object(), "message", "an error")});
    }
  }
  if (const auto* findings = shape.field(o, "findings", json::kind::array, "the report")) {
    std::set<std::string_view> ids;
    const auto& list = findings->get_array();
    s.findings.reserve(list.size());
    for (std::size_t i = 0; i < list.size() && shape.problem.empty(); ++i) {
      if (!list[i].is_object()) {
        shape.problem = "finding " + std::to_string(i + 1) + " is not an object";
        break;
      }
      s.findings.push_back(finding_from_json(list[i].get_object(), i, shape));
    }
    for (const auto& f : s.findings)
      if (shape.problem.empty() && !ids.insert(f.id).second)
        shape.problem = "finding id " + abbreviate_path(f.id, 80) + " appears twice";
  }
  if (!shape.problem.empty()) return fail("damaged scan report: " + shape.problem);
  if (const json::value* plan = o.if_contains("fix_plan")) {
    const json::object* p = plan->if_object();
    const auto count = [&](std::string_view key) -> std::optional<std::uint64_t> {
      const json::value* v = p ? p->if_contains(key) : nullptr;
      if (v && v->is_uint64()) return v->get_uint64();
      if (v && v->is_int64() && v->get_int64() >= 0) return static_cast<std::uint64_t>(v->get_int64());
      return std::nullopt;
    };
    const json::value* reasons = p ? p->if_contains("needs_input_reasons") : nullptr;
    if (!count("rewritten") || !count("needs_input") || !reasons || !reasons->is_object())
      return fail("damaged scan report: \"fix_plan\" needs rewritten, needs_input and needs_input_reasons");
    FixPlanCounts c{*count("rewritten"), *count("needs_input"), {}};
    for (const auto& [code, n] : reasons->get_object()) {
      if (!n.is_uint64() && !(n.is_int64() && n.get_int64() >= 0))
        return fail("damaged scan report: a \"fix_plan\" reason count is not a count");
      c.needs_input_reasons[std::string(code)] =
          n.is_uint64() ? n.get_uint64() : static_cast<std::uint64_t>(n.get_int64());
    }
    r.fix_plan = std::move(c);
  }
  if (const json::value* name = o.if_contains("repository")) {
    if (!name->is_string()) return fail("damaged scan report: \"repository\" is not a string");
    r.repository = std::string(name->get_string());
  } else {
    r.repository = root_name(s.root);
    if (r.repository.empty())
      return fail("cannot name the repository from root \"" + abbreviate_path(s.root) +
                  "\": rescan with --repository NAME");
  }
  if (auto why = repository_name_problem(r.repository)) return fail(*why);
  s.repository = r.repository;
  return r;
}

Result<OrgReport, std::string> merge_reports(std::vector<RepoReport> reports) {
  // Stable: of two reports for one repository, the first given is the one kept.
  std::stable_sort(reports.begin(), reports.end(),
                   [](const RepoReport& a, const RepoReport& b) { return a.repository < b.repository; });
  OrgReport org;
  for (auto& r : reports) {
    if (!org.repos.empty() && org.repos.back().repository == r.repository) {
      const RepoReport& kept = org.repos.back();
      // Reruns of one scan differ in nothing that matters here when their findings, errors
      // and completeness agree; anything else is two different repositories under one name.
      auto same = [&](std::string_view key) {
        const json::value *a = kept.json.if_contains(key), *b = r.json.if_contains(key);
        return (a == nullptr) == (b == nullptr) && (a == nullptr || *a == *b);
      };
      if (!same("findings") || !same("errors") || !same("complete"))
        return Unexpected(r.source + ": repository \"" + r.repository + "\" also comes from " + kept.source +
                          " with different findings (name each scan with --repository NAME)");
      org.warnings.push_back(r.source + ": the same report for repository \"" + r.repository + "\" as " + kept.source +
                             ", counted once");
      continue;
    }
    if (r.scan.incomplete)
      org.warnings.push_back(r.source + ": repository \"" + r.repository +
                             "\" was scanned incompletely (files it should have read were not)");
    org.repos.push_back(std::move(r));
  }
  return org;
}

ScanReport combined_scan(const OrgReport& org) {
  ScanReport all;
  all.root = ".";
  std::size_t n = 0;
  for (const auto& r : org.repos) n += r.scan.findings.size();
  all.findings.reserve(n);  // a Finding's move may throw, so growth would copy every one
  for (const auto& r : org.repos) {
    const ScanReport& s = r.scan;
    all.files_scanned += s.files_scanned;
    all.large_files += s.large_files;
    all.incomplete = all.incomplete || s.incomplete;
    for (const auto& e : s.errors) all.errors.push_back({r.repository + "/" + e.path, e.message});
    for (const auto& f : s.findings) {
      all.findings.push_back(f);
      all.findings.back().path = r.repository + "/" + f.path;
    }
  }
  return all;
}

std::vector<std::size_t> worst_first(const OrgReport& org) {
  std::vector<std::array<std::uint64_t, 4>> severity(org.repos.size());
  for (std::size_t i = 0; i < org.repos.size(); ++i)
    severity[i] = make_overview(org.repos[i].scan, nullptr).by_severity;
  std::vector<std::size_t> order(org.repos.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto key = [&](std::size_t i) {
    const auto& n = severity[i];
    return std::make_tuple(n[static_cast<std::size_t>(Severity::high)], n[static_cast<std::size_t>(Severity::medium)],
                           n[static_cast<std::size_t>(Severity::low)], n[static_cast<std::size_t>(Severity::info)],
                           org.repos[i].scan.incomplete);
  };
  // Repositories are sorted by name already: a stable sort keeps ties in name order.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  return order;
}

int org_exit_code(const OrgReport& org) {
  for (const auto& r : org.repos) {
    if (r.scan.incomplete) return 1;
    for (const auto& f : r.scan.findings)
      if (f.is_new) return 1;
  }
  return 0;
}

Overview org_overview(const OrgReport& org, const ScanReport& all) {
  Overview total = make_overview(all, nullptr);
  const bool planned = !org.repos.empty() && std::all_of(org.repos.begin(), org.repos.end(),
                                                         [](const RepoReport& r) { return r.fix_plan.has_value(); });
  if (!planned) return total;
  std::uint64_t rewritten = 0, needs_input = 0;
  std::map<std::string, std::uint64_t> reasons;
  for (const auto& r : org.repos) {
    rewritten += r.fix_plan->rewritten;
    needs_input += r.fix_plan->needs_input;
    for (const auto& [code, n] : r.fix_plan->needs_input_reasons) reasons[code] += n;
  }
  total.rewritten = rewritten;
  total.needs_input = needs_input;
  total.needs_input_reasons.assign(reasons.begin(), reasons.end());
  std::stable_sort(total.needs_input_reasons.begin(), total.needs_input_reasons.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return total;
}

OrgSummary summarize(const OrgReport& org) {
  OrgSummary s;
  s.all = combined_scan(org);
  s.total = org_overview(org, s.all);
  s.rows.reserve(org.repos.size());
  for (const auto& r : org.repos) {
    s.rows.push_back(make_overview(r.scan, nullptr));
    s.incomplete += r.scan.incomplete ? 1 : 0;
    s.with_findings += s.rows.back().findings ? 1 : 0;
  }
  return s;
}

}  // namespace capmig::report
