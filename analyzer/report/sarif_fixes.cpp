#include "analyzer/report/sarif_fixes.h"

#include <boost/json/object.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "analyzer/report/overview.h"
#include "analyzer/report/patch_redaction.h"
#include "analyzer/report/sarif.h"

namespace capmig::report {
namespace json = boost::json;
namespace {

json::object replacement(const fix::Edit& e, const PatchRedactor& redact) {
  json::object region;
  if (e.line > 0) {
    // An insertion deletes nothing: its region is empty (the located end of an empty range is
    // one column on, as a finding's would be).
    const bool insertion = e.begin == e.end;
    region = {{"startLine", e.line},
              {"startColumn", e.column},
              {"endLine", insertion ? e.line : e.end_line},
              {"endColumn", insertion ? e.column : e.end_column}};
  } else {
    // Only byte offsets known: SARIF takes those too.
    region = {{"byteOffset", e.begin}, {"byteLength", e.end - e.begin}};
  }
  return json::object{{"deletedRegion", std::move(region)},
                      {"insertedContent", json::object{{"text", redact(e.text)}}}};
}

bool touches(const fix::Edit& a, const fix::Edit& b) { return std::max(a.begin, b.begin) <= std::min(a.end, b.end); }

// What `fix --apply` writes is the file's edits, which may differ from a rewrite's own: a
// removal widened to whole lines, the imports the new code needs. Each file edit goes to the
// rewrite whose edits it touches, and the rest (imports) to the file's first rewrite, so that
// applying every fix of a file gives exactly the patched file, and the first fix alone leaves
// code whose imports are in place. finding id -> its edits.
using EditsByFinding = std::map<std::string, std::vector<const fix::Edit*>, std::less<>>;

EditsByFinding assign_file_edits(const fix::FixReport& fixes) {
  EditsByFinding out;
  for (const auto& file : fixes.files) {
    std::vector<const fix::Rewrite*> rewrites;
    for (const auto& r : fixes.rewrites)
      if (r.path == file.path && r.status == fix::Status::rewritten && !r.edits.empty()) rewrites.push_back(&r);
    if (rewrites.empty()) continue;
    for (const auto& e : file.edits) {
      const fix::Rewrite* owner = rewrites.front();
      for (const fix::Rewrite* r : rewrites)
        if (std::any_of(r->edits.begin(), r->edits.end(), [&](const fix::Edit& re) { return touches(e, re); })) {
          owner = r;
          break;
        }
      out[owner->finding_id].push_back(&e);
    }
  }
  return out;
}

}  // namespace

std::function<json::array(const Finding&)> sarif_fixes(const fix::FixReport& fixes) {
  auto index = std::make_shared<RewriteIndex>(&fixes);
  auto by_finding = std::make_shared<EditsByFinding>(assign_file_edits(fixes));
  // New code never needs a secret the old code held; redacted all the same, should one be kept.
  auto redact = std::make_shared<PatchRedactor>(&fixes);
  return [index, by_finding, redact](const Finding& f) {
    json::array out;
    const fix::Rewrite* r = index->find(f);
    if (!r || r->status != fix::Status::rewritten || r->edits.empty()) return out;
    std::vector<const fix::Edit*> edits;
    if (auto it = by_finding->find(r->finding_id); it != by_finding->end()) {
      edits = it->second;
    } else {  // no file patch for it: the rewrite's own edits
      for (const auto& e : r->edits) edits.push_back(&e);
    }
    std::sort(edits.begin(), edits.end(), [](const fix::Edit* a, const fix::Edit* b) { return a->begin < b->begin; });
    json::array replacements;
    for (const fix::Edit* e : edits) replacements.emplace_back(replacement(*e, *redact));
    json::object change{
        {"artifactLocation", json::object{{"uri", percent_encode_path(r->path)}, {"uriBaseId", "%SRCROOT%"}}},
        {"replacements", std::move(replacements)}};
    out.emplace_back(json::object{{"description", json::object{{"text", kFixDescription}}},
                                  {"artifactChanges", json::array{std::move(change)}}});
    return out;
  };
}

}  // namespace capmig::report
