#include "analyzer/report/skipped.h"

#include "analyzer/report/overview.h"

namespace capmig::report {

std::vector<SkipReason> skip_reasons(const SkipCounts& s) {
  return {{"binary", "binary", s.binary, false},
          {"ignored", "ignored", s.ignored, false},
          {"symlinks", "symlinks not followed", s.symlinks, false},
          {"special", "special (FIFO, socket, device)", s.special, false},
          {"other_filesystem", "on another file system", s.other_filesystem, false},
          {"unreadable", "unreadable", s.unreadable, true},
          {"too_deep", "too deep to open", s.too_deep, true}};
}

boost::json::object skipped_to_json(const SkipCounts& s) {
  boost::json::object o;
  for (const auto& r : skip_reasons(s)) o[r.key] = r.count;
  return o;
}

std::string skipped_phrase(const ScanReport& r) {
  std::string out;
  for (const auto& reason : skip_reasons(r.skipped)) {
    if (!reason.count) continue;
    out += (out.empty() ? "skipped " : ", ") + count_of(reason.count, reason.words, reason.words);
  }
  return out;
}

std::string large_files_phrase(const ScanReport& r) {
  if (!r.large_files) return {};
  return count_of(r.large_files, "large file", "large files") + " searched by keyword";
}

std::string incomplete_sentence(const ScanReport& r) {
  if (!r.incomplete) return {};
  std::string why;
  if (r.skipped.unreadable) why += count_of(r.skipped.unreadable, "file unreadable", "files unreadable");
  if (r.skipped.too_deep)
    why += (why.empty() ? "" : ", ") + count_of(r.skipped.too_deep, "path too deep", "paths too deep");
  if (!r.errors.empty()) why += (why.empty() ? "" : ", ") + count_of(r.errors.size(), "error", "errors");
  return "incomplete scan (" + why + "): files it should have read were not read";
}

std::string not_scanned_line(const ScanReport& r) {
  std::string out;
  if (r.incomplete) {
    std::string s = incomplete_sentence(r);
    s[0] = 'I';
    out += s + ".";
  }
  if (auto skipped = skipped_phrase(r); !skipped.empty()) {
    skipped[0] = 'S';
    out += (out.empty() ? "" : " ") + skipped + ".";
  }
  if (auto large = large_files_phrase(r); !large.empty()) out += (out.empty() ? "" : " ") + large + ".";
  return out;
}

std::string abbreviate_path(std::string_view path, std::size_t max) {
  if (path.size() <= max || max < 8) return std::string(path);
  const std::size_t head = max / 3, tail = max - head - 3;
  auto boundary = [&](std::size_t i) {  // never split a UTF-8 sequence
    while (i > 0 && i < path.size() && (static_cast<unsigned char>(path[i]) & 0xC0) == 0x80) --i;
    return i;
  };
  const std::size_t h = boundary(head), t = boundary(path.size() - tail);
  return std::string(path.substr(0, h)) + "…" + std::string(path.substr(t));
}

}  // namespace capmig::report
