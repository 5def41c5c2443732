#include "analyzer/scan/large_file.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>
#include <tuple>
#include <vector>

#include "analyzer/scan/lang_names.h"
#include "analyzer/scan/scanner.h"

namespace capmig::scan {
namespace {

constexpr std::size_t kPiece = 1 << 20;                // read per step of a pass over the file
constexpr std::uint64_t kContext = 16 * 1024;          // lexed on each side of a keyword hit
constexpr std::uint64_t kMaxWindow = 4 * 1024 * 1024;  // what one lexer run may hold

// Up to `len` bytes at `offset`; fewer only at the end of the file.
std::size_t read_at(int fd, char* buf, std::size_t len, std::uint64_t offset) {
  std::size_t got = 0;
  while (got < len) {
    const ssize_t r = ::pread(fd, buf + got, len - got, static_cast<off_t>(offset + got));
    if (r < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "read");
    }
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  return got;
}

// Calls on_piece(file offset, bytes) over the whole file in pieces of kPiece, each starting
// `overlap` bytes before the previous one ended, so no needle up to overlap + 1 bytes is cut.
// on_piece returns false to stop early.
template <class OnPiece>
void for_each_piece(int fd, std::size_t overlap, OnPiece&& on_piece) {
  std::vector<char> buf(kPiece + overlap);
  std::size_t carry = 0;
  std::uint64_t offset = 0;  // of buf[0]
  for (;;) {
    const std::size_t got = read_at(fd, buf.data() + carry, kPiece, offset + carry);
    if (got == 0 && offset + carry > 0) break;
    const std::size_t n = carry + got;
    if (!on_piece(offset, std::string_view(buf.data(), n)) || got < kPiece) break;
    carry = std::min(overlap, n);
    std::memmove(buf.data(), buf.data() + n - carry, carry);
    offset += n - carry;
  }
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Code points in `s` (UTF-8 lead and ASCII bytes), eight bytes at a time: a minified bundle
// is one line, so a column there means counting up to 50 MB.
std::uint64_t code_points(std::string_view s) {
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  std::uint64_t continuation = 0;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    continuation += static_cast<std::uint64_t>(__builtin_popcountll(w & ~(w << 1) & kHigh));  // 10xxxxxx
  }
  for (; i < s.size(); ++i) continuation += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80 ? 1 : 0;
  return s.size() - continuation;
}

std::uint64_t newlines(std::string_view s) {
  std::uint64_t n = 0;
  for (const char* p = s.data();
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(s.data() + s.size() - p)))); ++p)
    ++n;
  return n;
}

// Several needles in one pass over the bytes: a table of their first two bytes (case-folded
// for file_requires) picks the few positions worth comparing, instead of one memmem pass per
// needle.
class Needles {
 public:
  Needles(const std::vector<std::string>& needles, bool fold) : needles_(needles), fold_(fold), first_(1 << 16) {
    for (const auto& n : needles_)
      if (n.size() >= 2) first_[key(n[0], n[1])] = 1;
  }

  // on_match(needle index, position), positions increasing for each needle.
  template <class OnMatch>
  void find_all(std::string_view hay, OnMatch&& on_match) const {
    const char* d = hay.data();
    const std::size_t n = hay.size();
    for (std::size_t i = 0; i + 1 < n; ++i) {
      if (!first_[key(d[i], d[i + 1])]) continue;
      for (std::size_t k = 0; k < needles_.size(); ++k)
        if (matches(needles_[k], d + i, n - i)) on_match(k, i);
    }
    for (std::size_t k = 0; k < needles_.size(); ++k)  // one-byte needles (none in the built-in rules)
      if (needles_[k].size() == 1)
        for (std::size_t i = 0; i < n; ++i)
          if (same(d[i], needles_[k][0])) on_match(k, i);
  }

 private:
  char fold(char c) const { return fold_ ? lower(c) : c; }
  bool same(char a, char b) const { return fold(a) == fold(b); }
  std::size_t key(char a, char b) const {
    return static_cast<unsigned char>(fold(a)) | (static_cast<std::size_t>(static_cast<unsigned char>(fold(b))) << 8);
  }
  bool matches(const std::string& needle, const char* at, std::size_t left) const {
    if (needle.size() < 2 || needle.size() > left) return false;
    for (std::size_t j = 0; j < needle.size(); ++j)
      if (!same(at[j], needle[j])) return false;
    return true;
  }

  const std::vector<std::string>& needles_;
  bool fold_;
  std::vector<unsigned char> first_;
};

struct Hit {
  std::uint64_t begin, end;
};

struct Window {
  std::uint64_t begin, end;
  std::uint64_t lines_before = 0;   // newlines in [0, begin)
  std::uint64_t column_before = 0;  // code points from the start of begin's line to begin
};

// Windows of kContext around the hits, merged where they touch, none over kMaxWindow
// (a long run of hits continues in the next window, which overlaps it by kContext).
std::vector<Window> windows_around(std::vector<Hit> hits, std::uint64_t size) {
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.begin < b.begin; });
  std::vector<Window> out;
  for (const Hit& h : hits) {
    const std::uint64_t begin = h.begin > kContext ? h.begin - kContext : 0;
    const std::uint64_t end = std::min(size, h.end + kContext);
    if (!out.empty() && begin <= out.back().end) {
      if (end <= out.back().end) continue;
      if (end - out.back().begin <= kMaxWindow) {
        out.back().end = end;
        continue;
      }
      const std::uint64_t from = out.back().end > kContext ? out.back().end - kContext : 0;
      out.push_back({std::max(from, out.back().begin + 1), end});
      continue;
    }
    out.push_back({begin, end});
  }
  return out;
}

// Where each window starts in lines and columns: one pass counting newlines up to the last.
void place_windows(int fd, std::vector<Window>& windows) {
  std::uint64_t lines = 0, column = 0;  // at the start of the current piece
  std::size_t next = 0;
  for_each_piece(fd, 0, [&](std::uint64_t offset, std::string_view piece) {
    for (; next < windows.size() && windows[next].begin < offset + piece.size(); ++next) {
      const std::string_view before = piece.substr(0, windows[next].begin - offset);
      windows[next].lines_before = lines + newlines(before);
      const std::size_t nl = before.rfind('\n');
      const std::string_view on_line = nl == std::string_view::npos ? before : before.substr(nl + 1);
      windows[next].column_before = (nl == std::string_view::npos ? column : 0) + code_points(on_line);
    }
    lines += newlines(piece);
    const std::size_t nl = piece.rfind('\n');
    const std::string_view tail = nl == std::string_view::npos ? piece : piece.substr(nl + 1);
    column = (nl == std::string_view::npos ? column : 0) + code_points(tail);
    return next < windows.size();
  });
}

// A window cut mid-statement would start the lexer inside some construct: start it after the
// first line break in its leading context instead (or after a `;` or `}` on a minified line),
// and end it at the last line break of its trailing context, when those exist.
std::string_view trim_to_boundaries(std::string_view bytes, bool at_file_start, bool at_file_end,
                                    std::uint64_t& begin) {
  if (!at_file_start) {
    const std::string_view lead = bytes.substr(0, std::min<std::size_t>(bytes.size(), kContext / 2));
    std::size_t cut = lead.find('\n');
    if (cut == std::string_view::npos) cut = lead.find_first_of(";}");
    if (cut != std::string_view::npos) {
      bytes.remove_prefix(cut + 1);
      begin += cut + 1;
    }
  }
  if (!at_file_end && bytes.size() > kContext / 2) {
    const std::size_t from = bytes.size() - kContext / 2;
    const std::size_t nl = bytes.find_last_of('\n');
    if (nl != std::string_view::npos && nl >= from) bytes = bytes.substr(0, nl + 1);
  }
  return bytes;
}

std::uint32_t clamp32(std::uint64_t v) {
  return static_cast<std::uint32_t>(std::min<std::uint64_t>(v, std::numeric_limits<std::uint32_t>::max()));
}

void shift(Finding& f, const Window& w, std::uint64_t begin) {
  Location& l = f.location;
  if (l.line == 1) l.column = clamp32(l.column + w.column_before);
  if (l.end_line == 1) l.end_column = clamp32(l.end_column + w.column_before);
  l.line = clamp32(l.line + w.lines_before);
  if (l.end_line > 0) l.end_line = clamp32(l.end_line + w.lines_before);
  l.begin_offset = clamp32(l.begin_offset + begin);
  l.end_offset = clamp32(l.end_offset + begin);
}

}  // namespace

std::vector<Finding> scan_large_file(std::string_view rel_path, int fd, std::uint64_t size, const RuleSet& rules,
                                     const MatchOptions& options) {
  const Language lang = language_for_path(rel_path);
  std::vector<const Rule*> candidates;
  std::vector<std::string> keywords;  // distinct, over every candidate rule
  bool every_byte = false;            // a rule without keywords must see the whole file
  for (const auto& r : rules.rules) {
    if (!rule_runs_on_files(r) || !rule_applies(r, lang, rel_path)) continue;
    candidates.push_back(&r);
    every_byte = every_byte || r.keywords.empty();
    for (const auto& k : r.keywords)
      if (!k.empty() && std::find(keywords.begin(), keywords.end(), k) == keywords.end()) keywords.push_back(k);
  }
  if (candidates.empty()) return {};

  // Pass 1: the keywords.
  std::size_t longest = 1;
  for (const auto& k : keywords) longest = std::max(longest, k.size());
  std::vector<std::vector<Hit>> hits(keywords.size());
  const Needles keyword_search(keywords, false);
  for_each_piece(fd, longest - 1, [&](std::uint64_t offset, std::string_view piece) {
    keyword_search.find_all(piece, [&](std::size_t k, std::size_t pos) {
      const std::uint64_t at = offset + pos;
      if (hits[k].empty() || hits[k].back().begin < at)
        hits[k].push_back({at, at + keywords[k].size()});  // not the overlap's repeat
    });
    return true;
  });
  auto hit = [&](const std::string& kw) {
    const auto i = static_cast<std::size_t>(std::find(keywords.begin(), keywords.end(), kw) - keywords.begin());
    return i < keywords.size() && !hits[i].empty();
  };

  // Pass 2, only for rules whose keywords hit: their file-wide `file_requires` and
  // `file_excludes` words, in one search.
  std::vector<const Rule*> active;
  std::vector<std::string> requires_;  // lower case
  for (const Rule* r : candidates) {
    if (!r->keywords.empty() && std::none_of(r->keywords.begin(), r->keywords.end(), hit)) continue;
    active.push_back(r);
    for (const auto* words : {&r->file_requires, &r->file_excludes})
      for (const auto& w : *words) {
        std::string l;
        for (char c : w) l += lower(c);
        if (!l.empty() && std::find(requires_.begin(), requires_.end(), l) == requires_.end()) requires_.push_back(l);
      }
  }
  if (active.empty()) return {};
  std::vector<bool> present(requires_.size(), false);
  if (!requires_.empty()) {
    std::size_t longest_req = 1;
    for (const auto& w : requires_) longest_req = std::max(longest_req, w.size());
    const Needles requires_search(requires_, true);
    for_each_piece(fd, longest_req - 1, [&](std::uint64_t, std::string_view piece) {
      requires_search.find_all(piece, [&](std::size_t k, std::size_t) { present[k] = true; });
      return !std::all_of(present.begin(), present.end(), [](bool b) { return b; });
    });
  }
  auto seen = [&](const std::string& w) {
    std::string l;
    for (char c : w) l += lower(c);
    const auto i = static_cast<std::size_t>(std::find(requires_.begin(), requires_.end(), l) - requires_.begin());
    return i < requires_.size() && present[i];
  };
  std::erase_if(active, [&](const Rule* r) {
    if (std::any_of(r->file_excludes.begin(), r->file_excludes.end(), seen)) return true;
    return !r->file_requires.empty() && std::none_of(r->file_requires.begin(), r->file_requires.end(), seen);
  });
  if (active.empty()) return {};

  // Pass 3: lex and match windows around the hits of the rules that apply.
  std::vector<Hit> around;
  if (every_byte && std::any_of(active.begin(), active.end(), [](const Rule* r) { return r->keywords.empty(); })) {
    for (std::uint64_t at = 0; at < size; at += kContext) around.push_back({at, std::min(size, at + 1)});
  }
  for (const Rule* r : active)
    for (const auto& kw : r->keywords) {
      const auto i = static_cast<std::size_t>(std::find(keywords.begin(), keywords.end(), kw) - keywords.begin());
      if (i < keywords.size()) around.insert(around.end(), hits[i].begin(), hits[i].end());
    }
  std::vector<Window> windows = windows_around(std::move(around), size);
  place_windows(fd, windows);

  std::vector<Finding> out;
  std::string buf;
  for (Window& w : windows) {
    buf.resize(static_cast<std::size_t>(w.end - w.begin));
    buf.resize(read_at(fd, buf.data(), buf.size(), w.begin));
    std::uint64_t begin = w.begin;
    const std::string_view bytes = trim_to_boundaries(buf, w.begin == 0, w.end >= size, begin);
    // The trimmed start moved on: recount its line and column from the window's start.
    const std::string_view skipped = std::string_view(buf).substr(0, static_cast<std::size_t>(begin - w.begin));
    if (!skipped.empty()) {
      w.lines_before += newlines(skipped);
      const std::size_t nl = skipped.rfind('\n');
      const std::string_view on_line = nl == std::string_view::npos ? skipped : skipped.substr(nl + 1);
      w.column_before = (nl == std::string_view::npos ? w.column_before : 0) + code_points(on_line);
    }
    for (Finding& f : scan_with_rules(rel_path, language_for_path(rel_path), bytes, active, rules, options)) {
      shift(f, w, begin);
      out.push_back(std::move(f));
    }
  }
  // Overlapping windows (a long run of hits) find the same construct twice.
  std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.begin_offset, a.location.end_offset, a.rule_id) <
           std::tie(b.location.begin_offset, b.location.end_offset, b.rule_id);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Finding& a, const Finding& b) {
                          return a.location.begin_offset == b.location.begin_offset &&
                                 a.location.end_offset == b.location.end_offset && a.rule_id == b.rule_id;
                        }),
            out.end());
  return out;
}

}  // namespace capmig::scan
