#include "analyzer/report/trace_report.h"

#include <boost/json/array.hpp>

#include <algorithm>
#include <set>

#include "analyzer/report/markdown.h"
#include "analyzer/report/terminal_safe.h"

namespace capmig::report {
namespace json = boost::json;
namespace {

std::string where(const TraceConstruct& c) { return c.path + ":" + std::to_string(c.location.line); }

// Constructs named as a candidate of an ambiguous group may be live: not silent.
std::set<std::size_t> maybe_live(const TokenTrace& t) {
  std::set<std::size_t> out;
  for (const auto& [candidates, s] : t.ambiguous) out.insert(candidates.begin(), candidates.end());
  return out;
}

std::vector<std::size_t> silent(const TokenTrace& t, const std::vector<TraceConstruct>& constructs) {
  const auto maybe = maybe_live(t);
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < constructs.size(); ++i)
    if (!t.live.count(i) && !maybe.count(i)) out.push_back(i);
  return out;
}

// Live constructs, most tokens first (then in scan order).
std::vector<std::pair<std::size_t, const TraceSighting*>> live_rows(const TokenTrace& t) {
  std::vector<std::pair<std::size_t, const TraceSighting*>> rows;
  rows.reserve(t.live.size());
  for (const auto& [i, s] : t.live) rows.emplace_back(i, &s);
  std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.second->tokens > b.second->tokens; });
  return rows;
}

template <class Map>
std::vector<const typename Map::value_type*> by_tokens(const Map& m) {
  std::vector<const typename Map::value_type*> rows;
  rows.reserve(m.size());
  for (const auto& r : m) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->second.tokens > b->second.tokens; });
  return rows;
}

json::object sighting_json(const TraceSighting& s) {
  json::object o;
  o["tokens"] = s.tokens;
  o["first_seen"] = s.first;
  o["last_seen"] = s.last;
  o["last_fingerprint"] = s.last_fingerprint;
  o["last_issued_at"] = s.last_issued ? json::value(*s.last_issued) : json::value(nullptr);
  o["last_expires_at"] = s.last_expires;
  o["signature"] = {{"verified", s.verified}, {"failed", s.failed}, {"unknown", s.unverified}};
  return o;
}

json::object construct_json(const TraceConstruct& c) {
  return {{"path", c.path},
          {"line", c.location.line},
          {"column", c.location.column},
          {"rule_id", c.rule_id},
          {"id", c.finding_id}};
}

std::string none_or(std::string_view s) { return s.empty() ? "(none)" : std::string(s); }

std::string times(const TraceSighting& s) {
  std::string out = "last seen " + s.last;
  if (s.last_issued) out += ", issued " + format_utc(*s.last_issued);
  out += ", expires " + format_utc(s.last_expires) + ", " + s.last_fingerprint;
  // Not signed with the auth token given: a forgery, or another account's key.
  if (s.failed) out += ", " + std::to_string(s.failed) + " with a bad signature";
  return out;
}

std::string count(std::uint64_t n, std::string_view what) {
  return std::to_string(n) + " " + std::string(what) + (n == 1 ? "" : "s");
}

}  // namespace

json::object trace_to_json(const TokenTrace& t, const std::vector<TraceConstruct>& constructs) {
  json::object o;
  json::array live, quiet, ambiguous, unexplained;
  for (const auto& [i, s] : live_rows(t)) {
    json::object r = construct_json(constructs[i]);
    for (auto& kv : sighting_json(*s)) r[kv.key()] = kv.value();
    live.push_back(std::move(r));
  }
  for (std::size_t i : silent(t, constructs)) quiet.push_back(construct_json(constructs[i]));
  for (const auto* r : by_tokens(t.ambiguous)) {
    json::object g = sighting_json(r->second);
    json::array c;
    for (std::size_t i : r->first) c.push_back(construct_json(constructs[i]));
    g["candidates"] = std::move(c);
    ambiguous.push_back(std::move(g));
  }
  for (const auto* r : by_tokens(t.unexplained)) {
    json::object g;
    const auto& [account, app, client] = r->first;
    g["account_sid"] = account;
    g["application_sid"] = app.empty() ? json::value(nullptr) : json::value(app);
    g["client_name"] = client.empty() ? json::value(nullptr) : json::value(client);
    for (auto& kv : sighting_json(r->second)) g[kv.key()] = kv.value();
    unexplained.push_back(std::move(g));
  }
  std::uint64_t traced = 0, in_ambiguous = 0, in_unexplained = 0;
  for (const auto& [i, s] : t.live) traced += s.tokens;
  for (const auto& [k, s] : t.ambiguous) in_ambiguous += s.tokens;
  for (const auto& [k, s] : t.unexplained) in_unexplained += s.tokens;
  o["summary"] = {{"capability_tokens", t.capability},
                  {"traced", traced},
                  {"ambiguous", in_ambiguous},
                  {"unexplained", in_unexplained},
                  {"dropped", t.dropped},
                  {"other_tokens", t.other},
                  {"malformed", t.malformed},
                  {"constructs", constructs.size()},
                  {"live_constructs", live.size()},
                  {"silent_constructs", quiet.size()}};
  o["live"] = std::move(live);
  o["ambiguous"] = std::move(ambiguous);
  o["silent"] = std::move(quiet);
  o["unexplained"] = std::move(unexplained);
  return o;
}

std::string trace_to_text(const TokenTrace& t, const std::vector<TraceConstruct>& constructs, const TextStyle& st) {
  std::string out;
  out += st.bold("capmig trace") + ": " + count(t.capability, "capability token") + " in the logs, " +
         count(constructs.size(), "construct") + " in the code\n";
  if (t.other || t.malformed)
    out += st.dim("  (" + count(t.other, "other JWT") + " and " + std::to_string(t.malformed) +
                  " malformed, not traced)") +
           "\n";
  out += "\n" + st.bold("Live constructs") + " (still minting tokens in production)\n";
  const auto live = live_rows(t);
  if (live.empty()) out += "  (none)\n";
  for (const auto& [i, s] : live)
    out += "  " + st.red(terminal_safe(where(constructs[i]))) + "  " + terminal_safe(constructs[i].rule_id) + "  " +
           count(s->tokens, "token") + ", " + terminal_safe(times(*s)) + "\n";
  if (!t.ambiguous.empty()) {
    out += "\n" + st.bold("Ambiguous tokens") + " (several constructs fit equally; any of them may mint these)\n";
    for (const auto* r : by_tokens(t.ambiguous)) {
      std::string names;
      for (std::size_t i : r->first) names += (names.empty() ? "" : ", ") + where(constructs[i]);
      out += "  " + count(r->second.tokens, "token") + ", " + terminal_safe(times(r->second)) +
             "\n    candidates: " + terminal_safe(names) + "\n";
    }
  }
  out += "\n" + st.bold("Silent constructs") + " (no token in the logs)\n";
  const auto quiet = silent(t, constructs);
  if (quiet.empty()) out += "  (none)\n";
  for (std::size_t i : quiet)
    out += "  " + st.green(terminal_safe(where(constructs[i]))) + "  " + terminal_safe(constructs[i].rule_id) + "\n";
  out += "\n" + st.bold("Unexplained tokens") + " (no scanned code mints them: another service does)\n";
  if (t.unexplained.empty()) out += "  (none)\n";
  for (const auto* r : by_tokens(t.unexplained)) {
    const auto& [account, app, client] = r->first;
    out += "  account " + terminal_safe(account) + "  app " + terminal_safe(none_or(app)) + "  client " +
           st.yellow(terminal_safe(none_or(client))) + "\n    " + count(r->second.tokens, "token") + ", " +
           terminal_safe(times(r->second)) + "\n";
  }
  if (t.dropped) out += "\n" + std::to_string(t.dropped) + " tokens not grouped (over the table size limit)\n";
  return out;
}

std::string trace_to_markdown(const TokenTrace& t, const std::vector<TraceConstruct>& constructs) {
  std::string out = "# capmig trace\n\n";
  out += count(t.capability, "capability token") + " in the logs, " + count(constructs.size(), "construct") +
         " in the code.\n\n## Live constructs\n\n";
  const auto live = live_rows(t);
  if (live.empty())
    out += "None.\n";
  else
    out += "| construct | rule | tokens | last seen | issued | expires | last token |\n|---|---|---|---|---|---|---|\n";
  for (const auto& [i, s] : live)
    out += "| " + markdown_code(where(constructs[i]), true) + " | " + markdown_code(constructs[i].rule_id, true) +
           " | " + std::to_string(s->tokens) + " | " + markdown_code(s->last, true) + " | " +
           (s->last_issued ? format_utc(*s->last_issued) : "") + " | " + format_utc(s->last_expires) + " | " +
           markdown_code(s->last_fingerprint, true) + " |\n";
  if (!t.ambiguous.empty()) {
    out += "\n## Ambiguous tokens\n\n| candidates | tokens | last seen |\n|---|---|---|\n";
    for (const auto* r : by_tokens(t.ambiguous)) {
      std::string names;
      for (std::size_t i : r->first) names += (names.empty() ? "" : " ") + markdown_code(where(constructs[i]), true);
      out += "| " + names + " | " + std::to_string(r->second.tokens) + " | " + markdown_code(r->second.last, true) +
             " |\n";
    }
  }
  out += "\n## Silent constructs\n\n";
  const auto quiet = silent(t, constructs);
  if (quiet.empty()) out += "None.\n";
  for (std::size_t i : quiet)
    out += "- " + markdown_code(where(constructs[i])) + " " + markdown_code(constructs[i].rule_id) + "\n";
  out += "\n## Unexplained tokens\n\n";
  if (t.unexplained.empty())
    out += "None.\n";
  else
    out += "| account | app | client | tokens | last seen |\n|---|---|---|---|---|\n";
  for (const auto* r : by_tokens(t.unexplained)) {
    const auto& [account, app, client] = r->first;
    out += "| " + markdown_code(account, true) + " | " + markdown_code(none_or(app), true) + " | " +
           markdown_code(none_or(client), true) + " | " + std::to_string(r->second.tokens) + " | " +
           markdown_code(r->second.last, true) + " |\n";
  }
  return out;
}

}  // namespace capmig::report
