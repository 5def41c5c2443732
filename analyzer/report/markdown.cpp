#include "analyzer/report/markdown.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <sstream>

#include "analyzer/report/line_diff.h"
#include "analyzer/report/mapping_rows.h"
#include "analyzer/report/overview.h"
#include "analyzer/report/patch_redaction.h"
#include "analyzer/report/skipped.h"
#include "analyzer/report/token_json.h"

namespace capmig::report {
namespace json = boost::json;
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Control characters other than tab would be invisible or break a line: shown as \xNN.
std::string visible(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
  return out;
}

std::size_t longest_backtick_run(std::string_view s) {
  std::size_t longest = 0, run = 0;
  for (char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

std::string location(const Finding& f) {
  std::string where = f.path;
  if (f.location.line > 0) where += ":" + std::to_string(f.location.line);
  if (f.location.column > 0) where += ":" + std::to_string(f.location.column);
  return where;
}

// JSON with two-space indentation and keys in the object's own order.
void pretty(std::string& out, const json::value& v, std::size_t depth) {
  const std::string indent(2 * (depth + 1), ' '), close(2 * depth, ' ');
  if (const auto* o = v.if_object(); o && !o->empty()) {
    out += "{\n";
    std::size_t i = 0;
    for (const auto& kv : *o) {
      out += indent + json::serialize(json::string(kv.key())) + ": ";
      pretty(out, kv.value(), depth + 1);
      out += ++i < o->size() ? ",\n" : "\n";
    }
    out += close + "}";
  } else if (const auto* a = v.if_array(); a && !a->empty()) {
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      out += indent;
      pretty(out, (*a)[i], depth + 1);
      out += i + 1 < a->size() ? ",\n" : "\n";
    }
    out += close + "]";
  } else {
    out += json::serialize(v);
  }
}

void write_count_table(std::ostream& out, std::string_view first_column,
                       const std::vector<std::pair<std::string, std::array<std::uint64_t, 4>>>& rows,
                       const std::array<std::uint64_t, 4>& totals) {
  out << "| " << first_column;
  for (Severity s : kSeverityOrder) out << " | " << to_string(s);
  out << " | total |\n|---|---:|---:|---:|---:|---:|\n";
  auto line = [&](const std::string& label, const std::array<std::uint64_t, 4>& n, bool bold) {
    std::uint64_t total = 0;
    out << "| " << label;
    for (Severity s : kSeverityOrder) {
      const auto v = n[static_cast<std::size_t>(s)];
      total += v;
      out << " | " << v;
    }
    out << " | " << (bold ? "**" + std::to_string(total) + "**" : std::to_string(total)) << " |\n";
  };
  for (const auto& [label, n] : rows) line(label, n, false);
  line("**total**", totals, true);
}

std::string html_text(std::string_view s) {
  std::string out;
  for (char c : visible(s)) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

void write_remaining_work(std::ostream& out, const Overview& o) {
  const auto items = remaining_work(o);
  if (items.empty()) return;
  out << "## Remaining work\n\n| | what | next step |\n|---:|---|---|\n";
  for (const auto& w : items) {
    out << "| **" << with_commas(w.count) << "** | " << w.what;
    if (!w.detail.empty()) out << " (" << markdown_text(w.detail) << ")";
    out << " | " << w.action << " |\n";
  }
  out << "\n";
}

void write_summary(std::ostream& out, const ScanReport& report, const Overview& o) {
  out << "# capmig report\n\n";
  out << "Scanned " << markdown_code(report.root.empty() ? "." : report.root) << ": "
      << count_of(o.files_scanned, "file", "files") << ", **" << count_of(o.findings, "finding", "findings") << "** in "
      << count_of(o.files_with_findings, "file", "files");
  if (o.baseline) out << ", " << o.baseline << " more in the baseline (not listed)";
  if (o.errors) out << ", " << count_of(o.errors, "error", "errors");
  out << ".\n\n";
  if (const auto line = not_scanned_line(report); !line.empty()) out << markdown_text(line) << "\n\n";
  if (o.findings == 0) return;
  write_remaining_work(out, o);

  out << "## Summary\n\n";
  std::vector<std::pair<std::string, std::array<std::uint64_t, 4>>> rows;
  for (Category c : kCategoryOrder) {
    const auto& n = o.by_category_severity[static_cast<std::size_t>(c)];
    if (n[0] + n[1] + n[2] + n[3]) rows.emplace_back(std::string(to_string(c)), n);
  }
  write_count_table(out, "Category", rows, o.by_severity);
  out << "\n";
  rows.clear();
  for (const auto& [lang, n] : o.by_language) rows.emplace_back(std::string(to_string(lang)), n);
  write_count_table(out, "Language", rows, o.by_severity);
  out << "\n";
}

void write_values(std::ostream& out, const MappingRow& r) {
  if (r.values.empty()) {
    out << markdown_text(r.note);
  } else {
    for (std::size_t i = 0; i < r.values.size(); ++i) {
      const auto& v = r.values[i];
      out << (i ? ", " : "") << v.name << (v.value.expression ? " ← " : " = ") << markdown_code(v.value.text, true);
    }
  }
  for (const auto& d : r.diagnostics) out << " ⚠ " << markdown_code(d, true);
}

void write_mapping_table(std::ostream& out, const std::vector<MappingRow>& rows) {
  out << "| Capability token parameter | as written | Access Token setting | value |\n|---|---|---|---|\n";
  for (const auto& r : rows) {
    out << "| " << markdown_text(r.capability) << " | " << (r.written ? markdown_code(*r.written, true) : "—") << " | ";
    if (r.values.empty() && r.setting == "Do Not Use")
      out << "**Do Not Use**";
    else
      out << markdown_text(r.setting);
    out << " | ";
    write_values(out, r);
    out << " |\n";
  }
  out << "\n";
}

void write_token(std::ostream& out, const token::DecodeResult& r) {
  if (!r.token) return;  // the scanner reports only JWTs that decode
  out << "**Decoded token**";
  const token::DecodedToken& t = *r.token;
  out << " (" << markdown_text(to_string(t.kind)) << ")";
  out << ", signature " << (!t.verified ? "not verified (no key given)" : *t.verified ? "verified" : "**invalid**");
  out << ". Claims (the signature is not shown):\n\n";
  const json::object claims{{"header", finite_only(t.header)}, {"payload", finite_only(t.payload)}};
  std::string text;
  pretty(text, claims, 0);
  out << markdown_fence(visible(text), "json") << "\n";
  if (!t.lint.empty()) {
    for (const auto& l : t.lint) out << "- " << markdown_code(l.code) << ": " << markdown_text(l.message) << "\n";
    out << "\n";
  }
}

void write_patch(std::ostream& out, const fix::Rewrite& r, const PatchRedactor& redact, bool show_patch) {
  auto diff_block = [&](const std::string& before_text, const std::string& after_text) {
    std::string body;
    const std::string before = redact(before_text), after = redact(after_text);  // line_diff views them
    for (const auto& d : line_diff(before, after)) {
      body += d.op;
      body += d.text;
      body += '\n';
    }
    out << markdown_fence(visible(body), "diff") << "\n";
  };
  auto note_list = [&](const char* heading, const std::vector<std::string>& notes) {
    if (notes.empty()) return;
    out << heading << "\n\n";
    for (const auto& note : notes) out << "- " << markdown_text(note) << "\n";
    out << "\n";
  };
  if (r.status == fix::Status::rewritten) {
    out << "**Patch** (`capmig fix` rewrites this construct):\n\n";
    diff_block(r.before, r.after);
    note_list("**Before merging:**", r.notes);
  } else {
    out << "**Needs input:** `capmig fix` leaves this construct to a person:\n\n";
    for (const auto& reason : r.reasons) out << "- " << markdown_text(reason) << "\n";
    if (r.reasons.empty()) out << "- (no reason given)\n";
    out << "\n";
    // The same rewrite with the person's piece marked TODO(capmig): a start, never applied unasked.
    if (r.draft && show_patch) {
      out << (r.draft->in_patch ? "**Draft** (in the patch: `--include-drafts`; fill in each `TODO(capmig)`):\n\n"
                                : "**Draft** (not in the patch; fill in each `TODO(capmig)`, or rerun with "
                                  "`--include-drafts`):\n\n");
      diff_block(r.draft->before, r.draft->after);
      note_list("**Draft notes:**", r.draft->notes);
    }
  }
}

const char* fix_cell(const fix::Rewrite* r, fix::Delivery delivery) {
  if (!r) return "";
  if (r->status != fix::Status::rewritten) return "needs a person";
  switch (delivery) {
    case fix::Delivery::plan:
      return "automatic";
    case fix::Delivery::patch:
      return "in the patch";
    case fix::Delivery::applied:
      return "migrated";
  }
  return "";
}

// One finding's whole section, collapsed: the index table above already says what and where.
void write_finding(std::ostream& out, std::size_t n, const Finding& f, const fix::Rewrite* rewrite,
                   const PatchRedactor& redact, bool show_patch, const ReportMapping& mapping) {
  out << "<details><summary>" << n << ". " << to_string(f.severity) << " " << to_string(f.category) << " in <code>"
      << html_text(location(f)) << "</code></summary>\n\n";
  out << markdown_text(f.message) << "\n\n";
  out << "Rule " << markdown_code(f.rule_id) << " · " << to_string(f.language) << " · id " << markdown_code(f.id)
      << "\n\n";
  if (!f.snippet.empty()) {
    std::string snippet = visible(f.snippet);
    if (snippet.back() != '\n') snippet += '\n';
    out << markdown_fence(snippet, to_string(f.language)) << "\n";
  }
  if (const auto rows = mapping.rows(f); !rows.empty()) write_mapping_table(out, rows);
  if (const auto& diags = finding_diagnostics(f); !diags.empty()) {
    out << "**Diagnostics:**\n\n";
    for (const auto& d : diags) {
      out << "- ⚠ " << markdown_code(d);
      if (const auto why = mapping.explanation(d); !why.empty()) out << ": " << markdown_text(why);
      out << "\n";
    }
    out << "\n";
  }
  if (f.token) write_token(out, *f.token);
  if (rewrite && (show_patch || rewrite->status != fix::Status::rewritten))
    write_patch(out, *rewrite, redact, show_patch);
  out << "</details>\n\n";
}

}  // namespace

std::string markdown_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const std::string v = visible(s);
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    switch (c) {
      case '\n':
      case '\r':
        out += ' ';
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
        out += '\\';
        out += c;
        break;
      case '&':  // only where it could start an entity (&lt; &#60;)
        if (i + 1 < v.size() && (is_alnum(v[i + 1]) || v[i + 1] == '#')) out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  // At the start of a paragraph these make a heading, list or quote.
  if (!out.empty() && (out[0] == '#' || out[0] == '-' || out[0] == '+' || out[0] == '=')) out.insert(0, "\\");
  std::size_t digits = 0;
  while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9') ++digits;
  if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')')) out.insert(digits, "\\");
  return out;
}

std::string markdown_code(std::string_view s, bool in_table) {
  std::string body;
  for (char c : visible(s)) {
    if (c == '\n' || c == '\r')
      body += ' ';
    else if (c == '|' && in_table)
      body += "\\|";
    else
      body += c;
  }
  if (body.empty()) return "(empty)";
  const std::string fence(longest_backtick_run(body) + 1, '`');
  // A space on each side keeps a leading/trailing backtick off the fence; CommonMark strips it.
  const bool pad = body.front() == '`' || body.back() == '`' || (body.front() == ' ' && body.back() == ' ');
  return pad ? fence + " " + body + " " + fence : fence + body + fence;
}

std::string markdown_fence(std::string_view body, std::string_view info) {
  const std::string fence(std::max<std::size_t>(3, longest_backtick_run(body) + 1), '`');
  std::string out = fence + std::string(info) + "\n" + std::string(body);
  if (out.back() != '\n') out += '\n';
  return out + fence + "\n";
}

void write_markdown(std::ostream& out, const ScanReport& report, const fix::FixReport* fixes, std::size_t limit) {
  // Everything is built first, then cut to `limit`: the summary always, then the index rows,
  // the collapsed details and the patch while they fit, each cut said in one closing line.
  constexpr std::size_t kClosing = 400;  // room kept for the closing line
  const Overview o = make_overview(report, fixes);
  std::ostringstream head;
  write_summary(head, report, o);
  if (!report.errors.empty()) {
    constexpr std::size_t kErrorsListed = 20;
    head << "## Errors\n\n";
    for (std::size_t i = 0; i < report.errors.size() && i < kErrorsListed; ++i) {
      const auto& e = report.errors[i];
      head << "- " << (e.path.empty() ? "" : markdown_code(abbreviate_path(e.path)) + ": ") << markdown_text(e.message)
           << "\n";
    }
    if (report.errors.size() > kErrorsListed)
      head << "- … and " << with_commas(report.errors.size() - kErrorsListed) << " more (`--format json` lists all)\n";
    head << "\n";
  }
  std::string doc = head.str();
  const std::size_t budget = limit > doc.size() + kClosing ? limit - kClosing : doc.size();
  std::vector<std::string> cuts;

  const auto listed = listed_findings(report);
  const RewriteIndex index(fixes);
  const PatchRedactor redact(fixes);
  const bool show_patches = fixes && fixes->delivery != fix::Delivery::plan;
  if (!listed.empty()) {
    std::string table = "## Findings\n\n| # | severity | category | where | rule |" +
                        std::string(fixes ? " fix |\n|---:|---|---|---|---|---|\n" : "\n|---:|---|---|---|---|\n");
    std::size_t rows = 0;
    for (; rows < listed.size(); ++rows) {
      const Finding& f = *listed[rows];
      std::string row = "| " + std::to_string(rows + 1) + " | " + std::string(to_string(f.severity)) + " | " +
                        std::string(to_string(f.category)) + " | " + markdown_code(location(f), true) + " | " +
                        markdown_code(f.rule_id, true) + " |";
      if (fixes) row += std::string(" ") + fix_cell(index.find(f), fixes->delivery) + " |";
      row += "\n";
      if (doc.size() + table.size() + row.size() + 1 > budget) break;
      table += row;
    }
    doc += table + "\n";
    if (rows < listed.size())
      cuts.push_back("findings " + std::to_string(rows + 1) + "–" + std::to_string(listed.size()) + " are not listed");
    const ReportMapping mapping(mapping_table_of(report));
    std::size_t detailed = 0;
    for (; detailed < rows; ++detailed) {
      std::ostringstream one;
      write_finding(one, detailed + 1, *listed[detailed], index.find(*listed[detailed]), redact, show_patches, mapping);
      const std::string text = one.str();
      if (doc.size() + text.size() > budget) break;
      doc += text;
    }
    if (detailed < rows)
      cuts.push_back("the details of findings " + std::to_string(detailed + 1) + "–" + std::to_string(rows) +
                     " are left out");
  }

  if (show_patches && !fixes->files.empty()) {
    std::string diff;
    for (const auto& file : fixes->files) diff += file.diff;
    // Secrets redacted, so this copy may not apply: `capmig fix` writes the diff to apply.
    std::ostringstream patch;
    patch << "## Patch\n\n<details><summary>" << count_of(fixes->files.size(), "file", "files")
          << " (to apply it, use <code>capmig fix</code>'s own diff: secrets are redacted here)</summary>\n\n"
          << markdown_fence(redact(diff), "diff") << "\n</details>\n";
    if (doc.size() + patch.str().size() <= budget)
      doc += patch.str();
    else
      cuts.push_back("the patch is left out (`capmig fix -o migrate.diff` writes it)");
  }
  if (!cuts.empty()) {
    doc += "\n---\n*To fit in " + with_commas(limit) + " characters, ";
    for (std::size_t i = 0; i < cuts.size(); ++i) doc += (i ? "; " : "") + cuts[i];
    doc += ". `--format html` or `--format json` has every finding.*\n";
  }
  out << doc;
}

}  // namespace capmig::report
