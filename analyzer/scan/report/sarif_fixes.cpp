#include "analyzer/scan/report/sarif_fixes.h"

#include <boost/json/object.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "analyzer/scan/report/overview.h"
#include "analyzer/scan/report/patch_redaction.h"
#include "analyzer/scan/report/sarif.h"

namespace capmig::scan {
namespace json = boost::json;
namespace {

json::object replacement(const fix::Edit& e, const PatchRedactor& redact) {
  json::object region;
  if (e.line > 0) {
    region = {{"startLine", e.line}, {"startColumn", e.column}, {"endLine", e.end_line}, {"endColumn", e.end_column}};
  } else {
    // Only byte offsets known: SARIF takes those too.
    region = {{"byteOffset", e.begin}, {"byteLength", e.end - e.begin}};
  }
  return json::object{{"deletedRegion", std::move(region)}, {"insertedContent", json::object{{"text", redact(e.text)}}}};
}

auto edit_key(const fix::Edit& e) { return std::tie(e.begin, e.end, e.text); }

// Per file, the edits no rewrite claims (the imports the new code needs), and the first
// rewritten finding of that file, whose fix carries them: applying each file's fixes must add
// them once, and the first fix alone must leave code that compiles.
struct FileExtras {
  std::string first_rewrite;
  std::vector<const fix::Edit*> edits;
};

}  // namespace

std::function<json::array(const Finding&)> sarif_fixes(const fix::FixReport& fixes) {
  auto index = std::make_shared<RewriteIndex>(&fixes);
  auto extras = std::make_shared<std::map<std::string, FileExtras, std::less<>>>();
  // New code never needs a secret the old code held; redacted all the same, should one be kept.
  auto redact = std::make_shared<PatchRedactor>(&fixes);
  for (const auto& file : fixes.files) {
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> claimed;
    FileExtras x;
    for (const auto& r : fixes.rewrites) {
      if (r.path != file.path || r.status != fix::Status::rewritten) continue;
      if (x.first_rewrite.empty()) x.first_rewrite = r.finding_id;
      for (const auto& e : r.edits) claimed.emplace(edit_key(e));
    }
    for (const auto& e : file.edits)
      if (!claimed.count(edit_key(e))) x.edits.push_back(&e);
    (*extras)[file.path] = std::move(x);
  }
  return [index, extras, redact](const Finding& f) {
    json::array out;
    const fix::Rewrite* r = index->find(f);
    if (!r || r->status != fix::Status::rewritten || r->edits.empty()) return out;
    std::vector<const fix::Edit*> edits;
    for (const auto& e : r->edits) edits.push_back(&e);
    if (auto it = extras->find(r->path); it != extras->end() && it->second.first_rewrite == r->finding_id)
      edits.insert(edits.end(), it->second.edits.begin(), it->second.edits.end());
    std::sort(edits.begin(), edits.end(), [](const fix::Edit* a, const fix::Edit* b) { return a->begin < b->begin; });
    json::array replacements;
    for (const fix::Edit* e : edits) replacements.emplace_back(replacement(*e, *redact));
    json::object change{{"artifactLocation", json::object{{"uri", percent_encode_path(r->path)}, {"uriBaseId", "%SRCROOT%"}}},
                        {"replacements", std::move(replacements)}};
    out.emplace_back(json::object{{"description", json::object{{"text", kFixDescription}}},
                                  {"artifactChanges", json::array{std::move(change)}}});
    return out;
  };
}

}  // namespace capmig::scan
