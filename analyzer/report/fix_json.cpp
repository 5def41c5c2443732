#include "analyzer/report/fix_json.h"

#include "analyzer/report/patch_redaction.h"
#include "analyzer/report/skipped.h"

namespace capmig::report {
namespace json = boost::json;

// A report, unlike the diff on stdout (which must apply to the user's own text), shows a
// hard-coded secret the way findings do.
json::object fix_to_json(const fix::FixReport& r) {
  const PatchRedactor redact(&r);
  json::array rewrites;
  for (const auto& rw : r.rewrites) {
    json::object o;
    o["finding_id"] = rw.finding_id;
    o["path"] = rw.path;
    o["line"] = rw.line;
    o["status"] = fix::to_string(rw.status);
    json::array reasons, notes;
    for (const auto& s : rw.reasons) reasons.emplace_back(s);
    for (const auto& s : rw.notes) notes.emplace_back(s);
    // A stable class of the first reason ("library-upgrade", "conditional-scopes"), for tallies.
    if (!rw.reason_code.empty()) o["reason_code"] = rw.reason_code;
    o["reasons"] = std::move(reasons);
    if (rw.draft) {
      json::array dnotes;
      for (const auto& n : rw.draft->notes) dnotes.emplace_back(n);
      o["draft"] = json::object{{"before", redact(rw.draft->before)},
                                {"after", redact(rw.draft->after)},
                                {"notes", std::move(dnotes)},
                                {"in_patch", rw.draft->in_patch}};
    }
    o["notes"] = std::move(notes);
    if (rw.status == fix::Status::rewritten) {
      o["before"] = redact(rw.before);
      o["after"] = redact(rw.after);
    }
    rewrites.push_back(std::move(o));
  }
  json::array files;
  for (const auto& f : r.files) files.push_back(json::object{{"path", f.path}, {"diff", redact(f.diff)}});
  json::object out;
  out["version"] = 1;
  out["root"] = r.scan.root;
  out["files_scanned"] = r.scan.files_scanned;
  out["skipped"] = skipped_to_json(r.scan.skipped);
  out["large_files"] = r.scan.large_files;
  out["complete"] = !r.scan.incomplete;
  out["rewrites"] = std::move(rewrites);
  out["files"] = std::move(files);
  out["summary"] = json::object{{"constructs", r.rewrites.size()},
                                {"rewritten", r.rewritten()},
                                {"needs_input", r.needs_input()},
                                {"files_patched", r.files.size()}};
  return out;
}

}  // namespace capmig::report
