#pragma once
// A file over --max-filesize (a minified bundle, a log dump) is searched without being read
// whole: one pass over it in bounded pieces looks for the rules' keywords (memmem, as the
// prefilter does for every file), and only windows around the hits are lexed and matched.
// A file without a keyword costs that one pass; memory stays bounded by the piece and window
// sizes whatever the file's size. Findings carry the file's own lines, columns and offsets.
#include <cstdint>
#include <string_view>
#include <vector>

#include "analyzer/scan/finding.h"
#include "analyzer/scan/match/context.h"
#include "analyzer/scan/rules/rule.h"

namespace capmig::scan {

// `fd` is open for pread(2); `size` is the size fstat gave (the file is read to its end).
// Throws std::system_error when the file cannot be read.
std::vector<Finding> scan_large_file(std::string_view rel_path, int fd, std::uint64_t size, const RuleSet& rules,
                                     const MatchOptions& options);

}  // namespace capmig::scan
