#include "analyzer/report/history_report.h"

#include <boost/json.hpp>

#include <ctime>

#include "analyzer/report/terminal_safe.h"

namespace capmig::report {
namespace json = boost::json;
using history::CommitPoint;
using history::HistoryFinding;
using history::HistoryReport;

namespace {

std::string short_oid(const std::string& oid) { return oid.substr(0, 7); }

json::value point_json(const CommitPoint& p) {
  json::object o;
  o["commit"] = p.oid;
  o["short"] = short_oid(p.oid);
  o["date"] = iso_author_date(p.author_time, p.author_offset);
  o["unix"] = p.author_time;
  o["path"] = p.path;
  if (p.line) o["line"] = p.line;
  return o;
}

std::string point_text(const CommitPoint& p) {
  return short_oid(p.oid) + " " + iso_author_date(p.author_time, p.author_offset).substr(0, 10) + " " +
         terminal_safe(p.path) + (p.line ? ":" + std::to_string(p.line) : "");
}

std::string shallow_sentence(const std::string& oid) {
  return "shallow: history before " + short_oid(oid) + " not scanned";
}

}  // namespace

std::string iso_author_date(std::int64_t unix_seconds, int offset_minutes) {
  const std::time_t local = static_cast<std::time_t>(unix_seconds + std::int64_t{offset_minutes} * 60);
  std::tm tm{};
  if (!gmtime_r(&local, &tm)) return std::to_string(unix_seconds);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char zone[8];
  std::snprintf(zone, sizeof zone, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', (a / 60) % 100, a % 60);
  return std::string(buf) + zone;
}

bool must_rotate(const HistoryFinding& f) {
  return f.category == scan::Category::hardcoded_secret || f.category == scan::Category::embedded_token;
}

void write_history_json(std::ostream& out, const HistoryReport& r) {
  json::object o;
  o["repository"] = r.repository;
  o["range"] = r.range.empty() ? json::value(nullptr) : json::value(r.range);
  o["head"] = r.head.empty() ? json::value(nullptr) : json::value(r.head);
  o["refs"] = r.refs;
  o["commits"] = r.commits;
  o["blobs_scanned"] = r.blobs_scanned;
  o["bytes_scanned"] = r.bytes_scanned;
  json::array findings, rotate;
  for (const auto& f : r.findings) {
    json::object j;
    j["rule_id"] = f.rule_id;
    j["category"] = scan::to_string(f.category);
    j["severity"] = scan::to_string(f.severity);
    j["message"] = f.message;
    j["snippet"] = f.snippet;
    j["secret"] = f.shown.empty() ? json::value(nullptr) : json::value(f.shown);
    j["introduced"] = point_json(f.introduced);
    j["introduced_at_shallow_boundary"] = f.introduced_at_boundary;
    j["at_head"] = f.at_head;
    j["removed_by"] = f.removed_by ? point_json(*f.removed_by) : json::value(nullptr);
    if (must_rotate(f)) {
      json::object rj;
      rj["rule_id"] = f.rule_id;
      rj["secret"] = f.shown.empty() ? json::value(f.message) : json::value(f.shown);
      rj["introduced"] = short_oid(f.introduced.oid);
      rj["at_head"] = f.at_head;
      rotate.push_back(std::move(rj));
    }
    findings.push_back(std::move(j));
  }
  o["findings"] = std::move(findings);
  o["rotate"] = std::move(rotate);
  json::array skipped;
  for (const auto& s : r.skipped)
    skipped.push_back(json::object{{"path", s.path}, {"oid", s.oid}, {"commit", s.commit}, {"reason", s.reason}});
  o["skipped"] = std::move(skipped);
  json::array shallow;
  for (const auto& s : r.shallow) shallow.push_back(json::object{{"commit", s}, {"message", shallow_sentence(s)}});
  o["shallow"] = std::move(shallow);
  json::array errors;
  for (const auto& e : r.errors) errors.push_back(json::object{{"path", e.path}, {"message", e.message}});
  o["errors"] = std::move(errors);
  o["incomplete"] = r.incomplete;
  out << json::serialize(o) << '\n';
}

void write_history_text(std::ostream& out, const HistoryReport& r, const TextStyle& style) {
  out << style.bold("capmig scan --history") << " " << terminal_safe(r.repository)
      << (r.range.empty() ? "" : " " + terminal_safe(r.range)) << ": " << r.commits << " commits from " << r.refs
      << (r.refs == 1 ? " ref, " : " refs, ") << r.blobs_scanned << " blobs scanned\n";
  for (const auto& s : r.shallow) out << style.yellow(shallow_sentence(s)) << '\n';
  std::size_t secrets = 0, gone = 0, mints = 0, removed = 0;
  for (const auto& f : r.findings) {
    const bool secret = must_rotate(f);
    secrets += secret;
    gone += secret && !f.at_head;
    mints += !secret;
    removed += !secret && !f.at_head;
  }
  auto section = [&](bool secret_section) {
    for (const auto& f : r.findings) {
      if (must_rotate(f) != secret_section) continue;
      out << "  [" << scan::to_string(f.severity) << "] " << f.rule_id << "  " << terminal_safe(f.message) << '\n';
      out << "      introduced " << point_text(f.introduced)
          << (f.introduced_at_boundary ? " (shallow boundary: or before)" : "") << '\n';
      if (f.at_head)
        out << "      at HEAD: " << style.red("yes") << '\n';
      else if (f.removed_by)
        out << "      at HEAD: no; removed by " << point_text(*f.removed_by) << '\n';
      else
        out << "      at HEAD: no (only on other refs)\n";
    }
  };
  if (secrets) {
    out << '\n'
        << style.bold("Secrets and tokens ever committed") << " (" << secrets << ", " << gone
        << " no longer at HEAD: history still has them)\n";
    section(true);
    out << '\n' << style.bold("Rotate") << " (every one above, at HEAD or not):\n";
    for (const auto& f : r.findings)
      if (must_rotate(f))
        out << "  " << (f.shown.empty() ? terminal_safe(f.message) : f.shown) << "  (" << f.rule_id << ", since "
            << short_oid(f.introduced.oid) << ")\n";
  }
  if (mints) {
    out << '\n' << style.bold("Capability minting code") << " (" << mints << ", " << removed << " removed)\n";
    section(false);
  }
  if (!r.skipped.empty()) {
    out << '\n' << style.bold("Not scanned") << " (" << r.skipped.size() << "):\n";
    for (const auto& s : r.skipped)
      out << "  " << s.reason << "  " << terminal_safe(s.path) << " (" << short_oid(s.oid) << ", in commit "
          << short_oid(s.commit) << ")\n";
  }
  if (!r.errors.empty()) {
    out << '\n' << style.red("Errors") << " (history incomplete):\n";
    for (const auto& e : r.errors)
      out << "  " << (e.path.empty() ? "" : terminal_safe(e.path) + ": ") << terminal_safe(e.message) << '\n';
  }
  out << '\n'
      << (r.findings.empty()
              ? "No secrets, tokens or capability minting code in history.\n"
              : std::to_string(secrets) + " secrets/tokens (" + std::to_string(gone) + " left HEAD), " +
                    std::to_string(mints) + " capability mints (" + std::to_string(removed) + " removed)\n");
}

}  // namespace capmig::report
