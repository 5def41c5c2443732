// libFuzzer target: `capmig fix` on one file (scan, then rewrite every capability construct).
// The first byte picks the file's language; the rest is the file.
//
// Invariants: no crash, hang or UB whatever the bytes; a patch's edits are sorted, disjoint and
// inside the file, and applying them gives the patched text; the diff names the file and has
// hunks; every construct is either rewritten with edits or needs input with a reason.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/fix/fixer.h"
#include "analyzer/fix/text_edit.h"
#include "analyzer/scan/scanner.h"
#include "fuzz/fuzz_util.h"

namespace {
constexpr const char* kNames[] = {"a.js", "a.ts", "a.py", "a.rb", "a.php", "A.java", "A.kt", "A.cs"};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using capmig::fuzz::fail;
  namespace fix = capmig::fix;
  static const auto rules = capmig::scan::load_rules({});
  if (!rules) fail("built-in rules do not load");
  if (size == 0) return 0;
  const char* name = kNames[data[0] % (sizeof kNames / sizeof *kNames)];
  const std::string_view file(reinterpret_cast<const char*>(data + 1), size - 1);
  capmig::scan::MatchOptions opts;
  opts.table = &capmig::map::MappingTable::builtin();
  opts.now = 1700000000;
  capmig::scan::ParsedFile parsed;
  const auto found = capmig::scan::scan_source(name, file, *rules, opts, &parsed);
  std::vector<const capmig::scan::Finding*> mints;
  for (const auto& f : found)
    if (f.category == capmig::scan::Category::capability_mint) mints.push_back(&f);
  fix::RewriteOptions ro;
  if (data[0] & 0x80) ro.identity = "user_id";
  if (mints.empty()) return 0;
  if (!parsed.file) fail("a file with mints kept no parse");
  const auto ff = fix::fix_source(parsed, name, mints, *rules, ro);
  if (ff.rewrites.size() != mints.size()) fail("a construct without a rewrite verdict");
  for (const auto& r : ff.rewrites) {
    if (r.status == fix::Status::rewritten && r.edits.empty()) fail("rewritten without edits");
    if (r.status == fix::Status::needs_input && r.reasons.empty()) fail("needs input without a reason");
  }
  if (!ff.patch) return 0;
  std::uint32_t prev_end = 0;
  for (const auto& e : ff.patch->edits) {
    if (e.begin > e.end || e.end > file.size()) fail("edit outside the file");
    if (e.begin < prev_end) fail("overlapping or unsorted edits");
    prev_end = e.end;
  }
  if (fix::apply_edits(file, ff.patch->edits) != ff.patched) fail("edits do not give the patched text");
  if (ff.patch->diff.rfind("--- a/", 0) != 0 || ff.patch->diff.find("\n@@ -") == std::string::npos)
    fail("diff without a header or a hunk");
  return 0;
}
