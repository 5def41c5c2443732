// libFuzzer target: the whole per-file scan (lexer → structure → matchers → mapping) with the
// built-in rules. The first byte picks the file's language; the rest is the file.
//
// Invariants: no crash, hang or UB whatever the bytes; every finding lies inside the file and
// its line/column are 1-based; snippets and parameter texts are valid UTF-8; a hard-coded
// secret never shows more than 4 characters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzer/scan/scanner.h"
#include "fuzz/fuzz_util.h"

namespace {
constexpr const char* kNames[] = {"a.js", "a.ts",  "a.py",     "a.rb",    "a.php", "A.java", "A.kt",   "A.cs",
                                  "a.c",  "a.cpp", "a.m",      "a.swift", "a.ex",  "a.vb",   "a.yaml", "a.html",
                                  "a.go", "A.cls", "a.coffee", "a.rs",    "a.md",  "a.rst"};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using capmig::fuzz::fail;
  using capmig::fuzz::valid_utf8;
  static const auto rules = capmig::scan::load_rules({});
  if (!rules) fail("built-in rules do not load");
  if (size == 0) return 0;
  const char* name = kNames[data[0] % (sizeof kNames / sizeof *kNames)];
  const std::string_view file(reinterpret_cast<const char*>(data + 1), size - 1);
  capmig::scan::MatchOptions opts;
  opts.table = &capmig::map::MappingTable::builtin();
  opts.now = 1700000000;
  for (const auto& f : capmig::scan::scan_source(name, file, *rules, opts)) {
    const auto& l = f.location;
    if (l.begin_offset > l.end_offset || l.end_offset > file.size()) fail("finding outside the file");
    if (l.line == 0 || l.column == 0 || l.end_line < l.line) fail("bad line/column");
    if (!valid_utf8(f.snippet) || !valid_utf8(f.message)) fail("invalid UTF-8 in a report string");
    for (const auto& [k, p] : f.capability.fields)
      if (!valid_utf8(p.text)) fail("invalid UTF-8 in a parameter text");
  }
  return 0;
}
