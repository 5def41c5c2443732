#include "analyzer/report/audit_report.h"

#include <algorithm>
#include <vector>

#include "analyzer/report/markdown.h"
#include "analyzer/report/terminal_safe.h"

namespace capmig {
namespace {

using Row = std::pair<const token::AuditKey, token::AuditCounts>;

// The rows whose kind `keep` takes, most tokens first.
std::vector<const Row*> rows_of(const std::map<token::AuditKey, token::AuditCounts>& t,
                                bool (*keep)(token::AuditKind)) {
  std::vector<const Row*> rows;
  for (const auto& r : t)
    if (keep(std::get<0>(r.first))) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->second.tokens > b->second.tokens; });
  return rows;
}
bool voice_capability(token::AuditKind k) { return k == token::AuditKind::Capability; }
bool access_kind(token::AuditKind k) { return k == token::AuditKind::Access; }
bool any_kind(token::AuditKind) { return true; }

std::string none_or(std::string_view s) { return s.empty() ? "(none)" : std::string(s); }

std::string pad(std::string s, std::size_t width) {
  // Display width: count UTF-8 lead bytes, not bytes.
  std::size_t cols = 0;
  for (unsigned char c : s) cols += (c & 0xC0) != 0x80;
  if (cols < width) s.append(width - cols, ' ');
  return s;
}

std::string signature_text(const token::AuditCounts& c) {
  return std::to_string(c.verified) + " verified, " + std::to_string(c.failed) + " failed, " +
         std::to_string(c.unverified) + " unknown";
}

struct Column {
  std::string title;
  std::vector<std::string> cells;
};

// Aligned columns; the cells are already terminal-safe.
std::string table(const TextStyle& st, const std::vector<Column>& cols) {
  std::string out;
  if (cols.empty() || cols[0].cells.empty()) return "  (none)\n";
  std::vector<std::size_t> width(cols.size());
  for (std::size_t c = 0; c < cols.size(); ++c) {
    width[c] = cols[c].title.size();
    for (const auto& cell : cols[c].cells) width[c] = std::max(width[c], pad(cell, 0).size());
  }
  std::string head = " ";
  for (std::size_t c = 0; c < cols.size(); ++c) head += " " + pad(cols[c].title, width[c]);
  while (!head.empty() && head.back() == ' ') head.pop_back();
  out += st.dim(head) + "\n";
  for (std::size_t r = 0; r < cols[0].cells.size(); ++r) {
    std::string line = " ";
    for (std::size_t c = 0; c < cols.size(); ++c) line += " " + pad(cols[c].cells[r], width[c]);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::vector<Column> row_columns(const std::vector<const Row*>& rows, std::string_view name_title) {
  std::vector<Column> cols{{"kind", {}}, {"account", {}}};
  if (!name_title.empty()) cols.push_back({std::string(name_title), {}});
  for (const char* t : {"tokens", "live", "expired", "signature", "first seen", "last seen"}) cols.push_back({t, {}});
  for (const auto* r : rows) {
    const auto& [kind, account, name] = r->first;
    const token::AuditCounts& c = r->second;
    std::size_t i = 0;
    cols[i++].cells.push_back(std::string(to_string(kind)));
    cols[i++].cells.push_back(terminal_safe(none_or(account)));
    if (!name_title.empty()) cols[i++].cells.push_back(terminal_safe(none_or(name)));
    cols[i++].cells.push_back(std::to_string(c.tokens));
    cols[i++].cells.push_back(std::to_string(c.live));
    cols[i++].cells.push_back(std::to_string(c.expired));
    cols[i++].cells.push_back(signature_text(c));
    cols[i++].cells.push_back(terminal_safe(c.first));
    cols[i++].cells.push_back(terminal_safe(c.last));
  }
  return cols;
}

}  // namespace

std::string audit_to_text(const token::TokenAudit& a, const TextStyle& st) {
  std::string out;
  const auto& cap = a.by_kind[static_cast<std::size_t>(token::AuditKind::Capability)];
  out += st.bold("Token audit") + ": " + std::to_string(a.total.tokens) + (a.total.tokens == 1 ? " token" : " tokens");
  if (a.total.tokens) out += ", first at " + terminal_safe(a.total.first) + ", last at " + terminal_safe(a.total.last);
  out += "\n";
  out +=
      cap.tokens
          ? st.red("  " + std::to_string(cap.tokens) + " capability token(s): these clients must move to Access Tokens")
          : st.green("  no capability tokens");
  out += "\n\n" + st.bold("By kind") + "\n";
  std::vector<Column> kinds{{"kind", {}},      {"tokens", {}},     {"live", {}},     {"expired", {}},
                            {"signature", {}}, {"first seen", {}}, {"last seen", {}}};
  for (std::size_t k = 0; k < token::kAuditKinds; ++k) {
    const token::AuditCounts& c = a.by_kind[k];
    kinds[0].cells.push_back(std::string(to_string(static_cast<token::AuditKind>(k))));
    kinds[1].cells.push_back(std::to_string(c.tokens));
    kinds[2].cells.push_back(std::to_string(c.live));
    kinds[3].cells.push_back(std::to_string(c.expired));
    kinds[4].cells.push_back(static_cast<token::AuditKind>(k) == token::AuditKind::Malformed ? "-" : signature_text(c));
    kinds[5].cells.push_back(terminal_safe(c.first));
    kinds[6].cells.push_back(terminal_safe(c.last));
  }
  out += table(st, kinds);
  out += "\n" + st.bold("Clients that still get capability tokens") + "\n";
  out += table(st, row_columns(rows_of(a.clients, voice_capability), "client"));
  out += "\n" + st.bold("TwiML apps that still get capability tokens") + "\n";
  out += table(st, row_columns(rows_of(a.apps, voice_capability), "application"));
  out += "\n" + st.bold("By account") + "\n";
  out += table(st, row_columns(rows_of(a.accounts, any_kind), ""));
  out += "\n" + st.bold("Access token identities") + "\n";
  out += table(st, row_columns(rows_of(a.clients, access_kind), "identity"));
  if (a.dropped)
    out += "\n" +
           st.yellow(std::to_string(a.dropped) + " token(s) not listed: a table reached " +
                     std::to_string(token::TokenAudit::kMaxRows) + " rows") +
           "\n";
  return out;
}

namespace {

std::string md_cell(std::string_view s) { return report::markdown_code(terminal_safe(s), true); }

std::string md_table(const std::vector<const Row*>& rows, std::string_view name_title) {
  if (rows.empty()) return "None.\n";
  std::string out = "| kind | account |";
  if (!name_title.empty()) out += " " + std::string(name_title) + " |";
  out += " tokens | live | expired | verified | failed | unknown | first seen | last seen |\n|---|---|";
  if (!name_title.empty()) out += "---|";
  out += "---:|---:|---:|---:|---:|---:|---|---|\n";
  for (const auto* r : rows) {
    const auto& [kind, account, name] = r->first;
    const token::AuditCounts& c = r->second;
    out += "| " + std::string(to_string(kind)) + " | " + md_cell(none_or(account)) + " |";
    if (!name_title.empty()) out += " " + md_cell(none_or(name)) + " |";
    out += " " + std::to_string(c.tokens) + " | " + std::to_string(c.live) + " | " + std::to_string(c.expired) + " | " +
           std::to_string(c.verified) + " | " + std::to_string(c.failed) + " | " + std::to_string(c.unverified) +
           " | " + md_cell(c.first) + " | " + md_cell(c.last) + " |\n";
  }
  return out;
}

}  // namespace

std::string audit_to_markdown(const token::TokenAudit& a) {
  std::string out = "# Token audit\n\n";
  const auto& cap = a.by_kind[static_cast<std::size_t>(token::AuditKind::Capability)];
  out += std::to_string(a.total.tokens) + (a.total.tokens == 1 ? " token" : " tokens");
  if (a.total.tokens) out += ", first at " + md_cell(a.total.first) + ", last at " + md_cell(a.total.last);
  out += ". ";
  out += cap.tokens
             ? "**" + std::to_string(cap.tokens) + " capability token(s)**: these clients must move to Access Tokens.\n"
             : "No capability tokens.\n";
  out +=
      "\n## By kind\n\n| kind | tokens | live | expired | verified | failed | unknown | first seen | last seen |\n"
      "|---|---:|---:|---:|---:|---:|---:|---|---|\n";
  for (std::size_t k = 0; k < token::kAuditKinds; ++k) {
    const token::AuditCounts& c = a.by_kind[k];
    out += "| " + std::string(to_string(static_cast<token::AuditKind>(k))) + " | " + std::to_string(c.tokens) + " | " +
           std::to_string(c.live) + " | " + std::to_string(c.expired) + " | " + std::to_string(c.verified) + " | " +
           std::to_string(c.failed) + " | " + std::to_string(c.unverified) + " | " +
           (c.first.empty() ? "" : md_cell(c.first)) + " | " + (c.last.empty() ? "" : md_cell(c.last)) + " |\n";
  }
  out += "\n## Clients that still get capability tokens\n\n" + md_table(rows_of(a.clients, voice_capability), "client");
  out += "\n## TwiML apps that still get capability tokens\n\n" +
         md_table(rows_of(a.apps, voice_capability), "application");
  out += "\n## By account\n\n" + md_table(rows_of(a.accounts, any_kind), "");
  out += "\n## Access token identities\n\n" + md_table(rows_of(a.clients, access_kind), "identity");
  if (a.dropped)
    out += "\n" + std::to_string(a.dropped) + " token(s) not listed: a table reached " +
           std::to_string(token::TokenAudit::kMaxRows) + " rows.\n";
  return out;
}

}  // namespace capmig
