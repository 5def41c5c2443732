#include "analyzer/report/text.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "analyzer/report/json.h"
#include "analyzer/report/overview.h"
#include "analyzer/report/skipped.h"

namespace capmig::report {
namespace json = boost::json;
namespace {

constexpr std::size_t kMaxValueWidth = 60;  // a parameter's value, in code points
constexpr std::size_t kMaxSnippetWidth = 100;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Runs of whitespace (newlines included) become one space: every item stays on one line.
std::string one_line(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (is_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

// Cuts to `max` code points, the last one an ellipsis marking the cut.
std::string truncate(std::string s, std::size_t max) {
  std::size_t count = 0, cut = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (count == max - 1) cut = i;
    ++count;
  }
  if (count <= max) return s;
  s.resize(cut);
  return s + "…";
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) { return count_of(n, one, many); }

std::string pad(std::string_view s, std::size_t width) {
  std::string out(s);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string paint_severity(Severity s, std::string_view text, const TextStyle& st) {
  switch (s) {
    case Severity::high:
      return st.paint(text, "1;31");
    case Severity::medium:
      return st.yellow(text);
    case Severity::low:
      return st.cyan(text);
    case Severity::info:
      return st.dim(text);
  }
  return std::string(text);
}

// A literal value quoted ('alice', 600, true); an expression as written, on one line.
std::string show_param(const Param& p) {
  std::string out;
  if (p.value && p.value->is_string()) {
    const std::string v = terminal_safe(p.value->get_string());
    const char q = v.find('\'') == std::string::npos ? '\'' : '"';
    out = q + truncate(v, kMaxValueWidth) + q;
  } else if (p.value) {
    out = truncate(terminal_safe(json::serialize(*p.value)), kMaxValueWidth);
  } else {
    out = truncate(terminal_safe(one_line(p.text)), kMaxValueWidth);
  }
  return out;
}

// "→ AccessToken identity 'alice', ttl 600, VoiceGrant incomingAllow, outgoingApplicationSid 'AP…'"
std::string mapping_line(const AccessTokenMapping& m) {
  std::string out = "→ AccessToken identity ";
  const Param* identity = m.get("identity");
  out += identity ? show_param(*identity) : "(none)";
  if (const Param* ttl = m.get("ttl")) out += ", ttl " + show_param(*ttl);
  out += ", VoiceGrant";
  std::vector<std::string> voice;
  if (const Param* in = m.get("voice.incoming_allow")) {
    const bool plain_true = in->value && in->value->is_bool() && in->value->get_bool();
    voice.push_back(plain_true ? "incomingAllow" : "incomingAllow " + show_param(*in));
  }
  if (const Param* sid = m.get("voice.outgoing_application_sid"))
    voice.push_back("outgoingApplicationSid " + show_param(*sid));
  if (const Param* params = m.get("voice.outgoing_application_params"))
    voice.push_back("outgoingApplicationParams " + show_param(*params));
  if (voice.empty()) out += " (empty)";
  for (std::size_t i = 0; i < voice.size(); ++i) out += (i == 0 ? " " : ", ") + voice[i];
  return out;
}

// "capability, expires 2023-11-14 22:13:20 UTC" from the decode output object.
std::string token_summary(const token::DecodeResult& r) {
  if (!r.token) return "JWT";
  std::string out = terminal_safe(to_string(r.token->kind));
  if (const auto* exp = r.token->payload.if_contains("exp"); exp && exp->is_int64())
    out += ", expires " + format_utc(exp->get_int64());
  return out;
}

void write_finding(std::ostream& out, const Finding& f, std::size_t loc_width, std::size_t cat_width,
                   const TextStyle& st) {
  const std::string loc = std::to_string(f.location.line) + ":" + std::to_string(f.location.column);
  const std::string_view severity = to_string(f.severity);
  out << st.green(pad(loc, loc_width)) << "  " << paint_severity(f.severity, pad(severity, 6), st) << "  "
      << pad(to_string(f.category), cat_width) << "  " << terminal_safe(one_line(f.message)) << "  "
      << st.dim("[" + terminal_safe(f.rule_id) + "]") << '\n';

  const std::string indent(loc_width + 2, ' ');
  if (const std::string snippet = one_line(f.snippet); !snippet.empty())
    out << indent << st.dim(truncate(terminal_safe(snippet), kMaxSnippetWidth)) << '\n';

  std::vector<std::pair<std::string_view, std::string>> rows;
  for (const auto& field : kCapabilityFields) {
    auto it = f.capability.fields.find(field.key);
    if (it != f.capability.fields.end()) rows.emplace_back(field.label, show_param(it->second));
  }
  // Written, but dropped by the library: shown so the reader knows the token lacks it.
  std::vector<std::string> ignored_labels;
  for (const auto& field : kCapabilityFields)
    if (auto it = f.capability.ignored.find(field.key); it != f.capability.ignored.end())
      rows.emplace_back(ignored_labels.emplace_back(std::string(field.label) + " (ignored by the library)"),
                        show_param(it->second));
  if (f.token) rows.emplace_back("token", token_summary(*f.token));
  if (f.provided_by)
    rows.emplace_back("built at", terminal_safe(f.provided_by->path) + ":" + std::to_string(f.provided_by->line));
  for (const auto& r : f.provides)
    rows.emplace_back("provided to", terminal_safe(r.path) + ":" + std::to_string(r.line));
  std::size_t label_width = 0;
  for (const auto& [label, value] : rows) label_width = std::max(label_width, label.size());
  for (const auto& [label, value] : rows) out << indent << pad(label, label_width) << "  " << value << '\n';

  if (f.mapping) out << indent << st.cyan(mapping_line(*f.mapping)) << '\n';
  const auto& diags = f.mapping ? f.mapping->diagnostics : f.capability.diagnostics;
  if (!diags.empty()) {
    std::string line = "! ";
    for (std::size_t i = 0; i < diags.size(); ++i) line += (i ? ", " : "") + terminal_safe(diags[i]);
    out << indent << st.yellow(line) << '\n';
  }
}

}  // namespace

std::string scan_summary_line(const ScanReport& r, const TextStyle& st) {
  std::array<std::uint64_t, 4> by_severity{};
  std::set<std::string_view> files;
  std::uint64_t shown = 0;
  for (const auto& f : r.findings) {
    if (!f.is_new) continue;
    ++shown;
    ++by_severity[static_cast<std::size_t>(f.severity)];
    files.insert(f.path);
  }
  const std::string of_files = plural(r.files_scanned, "file", "files");
  std::string out;
  if (shown == 0) {
    out = st.green("no findings") + " in " + of_files;
  } else {
    out = st.bold(plural(shown, "finding", "findings")) + " (";
    bool first = true;
    for (Severity s : {Severity::high, Severity::medium, Severity::low, Severity::info}) {
      const auto n = by_severity[static_cast<std::size_t>(s)];
      if (!n) continue;
      out += (first ? "" : ", ") + paint_severity(s, with_commas(n) + " " + std::string(to_string(s)), st);
      first = false;
    }
    out += ") in " + with_commas(files.size()) + " of " + of_files;
  }
  if (const auto baseline = r.findings.size() - shown) out += " · " + with_commas(baseline) + " in baseline";
  if (!r.errors.empty()) out += " · " + st.red(plural(r.errors.size(), "error", "errors"));
  if (const auto large = large_files_phrase(r); !large.empty()) out += " · " + large;
  if (const auto skipped = skipped_phrase(r); !skipped.empty()) out += " · " + skipped;
  if (r.incomplete) out += " · " + st.red("incomplete");
  return out;
}

void write_scan_text(std::ostream& out, const ScanReport& r, const TextStyle& st, const fix::FixReport* fixes) {
  // Group the listed (new) findings by file, keeping the report's order within a file.
  std::vector<std::string_view> order;
  std::map<std::string_view, std::vector<const Finding*>> by_file;
  std::size_t cat_width = 0;
  for (const auto& f : r.findings) {
    if (!f.is_new) continue;
    auto [it, inserted] = by_file.try_emplace(f.path);
    if (inserted) order.push_back(f.path);
    it->second.push_back(&f);
    cat_width = std::max(cat_width, to_string(f.category).size());
  }

  bool first_block = true;
  auto separate = [&] {
    if (!first_block) out << '\n';
    first_block = false;
  };
  for (std::string_view path : order) {
    const auto& findings = by_file[path];
    std::size_t loc_width = 0;
    for (const Finding* f : findings) {
      const auto width = std::to_string(f->location.line).size() + 1 + std::to_string(f->location.column).size();
      loc_width = std::max(loc_width, width);
    }
    separate();
    out << st.paint(terminal_safe(path), "1;35") << '\n';
    for (const Finding* f : findings) write_finding(out, *f, loc_width, cat_width, st);
  }

  if (!r.errors.empty()) {
    separate();
    for (const auto& e : r.errors) {
      out << st.red("error:") << ' ';
      if (!e.path.empty()) out << terminal_safe(abbreviate_path(e.path)) << ": ";
      out << terminal_safe(one_line(e.message)) << '\n';
    }
  }
  separate();
  out << scan_summary_line(r, st) << '\n';
  const auto work = remaining_work(make_overview(r, fixes));
  if (work.empty()) return;
  std::size_t width = 0;
  for (const auto& w : work) width = std::max(width, with_commas(w.count).size());
  auto plain = [](std::string s) {  // the items are written for Markdown: drop the code marks
    std::erase(s, '`');
    return s;
  };
  out << st.bold("remaining work:") << '\n';
  for (const auto& w : work) {
    const std::string n = with_commas(w.count);
    out << "  " << std::string(width - n.size(), ' ') << n << "  " << plain(w.what);
    if (!w.detail.empty()) out << " (" << terminal_safe(w.detail) << ")";
    out << ": " << plain(w.action) << '\n';
  }
}

}  // namespace capmig::report
