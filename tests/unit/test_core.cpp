// The core helpers every stage shares: the one UTF-8 decoder/validator and the one file reader.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

#include "analyzer/core/byte_scan.h"
#include "analyzer/core/file_io.h"
#include "analyzer/core/utf8.h"

using namespace capmig;
namespace fs = std::filesystem;

namespace {

const std::string kFFFD = "\xEF\xBF\xBD";

// decode_utf8 at 0: the code point and the bytes it took, or nullopt (pos must not move).
std::optional<std::pair<char32_t, std::size_t>> decode_at0(std::string_view s, Overlong o = Overlong::reject) {
  std::size_t pos = 0;
  const auto cp = decode_utf8(s, pos, o);
  if (!cp) {
    CHECK(pos == 0);
    return std::nullopt;
  }
  return std::make_pair(*cp, pos);
}

}  // namespace

TEST_CASE("utf8: valid sequences of every length decode", "[core][utf8]") {
  CHECK(decode_at0("A") == std::make_pair(char32_t{'A'}, std::size_t{1}));
  CHECK(decode_at0("\xC2\x80") == std::make_pair(char32_t{0x80}, std::size_t{2}));
  CHECK(decode_at0("\xDF\xBF") == std::make_pair(char32_t{0x7FF}, std::size_t{2}));
  CHECK(decode_at0("\xE0\xA0\x80") == std::make_pair(char32_t{0x800}, std::size_t{3}));
  CHECK(decode_at0("\xED\x9F\xBF") == std::make_pair(char32_t{0xD7FF}, std::size_t{3}));
  CHECK(decode_at0("\xEE\x80\x80") == std::make_pair(char32_t{0xE000}, std::size_t{3}));
  CHECK(decode_at0("\xF0\x9F\x98\x80") == std::make_pair(char32_t{0x1F600}, std::size_t{4}));  // 😀
  CHECK(decode_at0("\xF0\x90\x80\x80") == std::make_pair(char32_t{0x10000}, std::size_t{4}));
  CHECK(decode_at0("\xF4\x8F\xBF\xBF") == std::make_pair(char32_t{0x10FFFF}, std::size_t{4}));
  CHECK(is_valid_utf8("h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80"));
  CHECK(is_valid_utf8(std::string("nul \0 kept", 10)));
  CHECK(utf8_sequence_length("\xF0\x9F\x98\x80", 0) == 4);
}

TEST_CASE("utf8: overlongs, surrogates, > U+10FFFF and truncation are invalid", "[core][utf8]") {
  for (const std::string bad : {
           "\x80",
           "\xBF",  // a stray continuation byte
           "\xC0\x80",
           "\xC1\xBF",  // overlong 2-byte (NUL, '?')
           "\xE0\x80\x80",
           "\xE0\x9F\xBF",  // overlong 3-byte
           "\xF0\x80\x80\x80",
           "\xF0\x8F\xBF\xBF",  // overlong 4-byte
           "\xED\xA0\x80",
           "\xED\xBF\xBF",  // UTF-16 surrogates
           "\xF4\x90\x80\x80",
           "\xF5\x80\x80\x80",
           "\xF7\xBF\xBF\xBF",  // above U+10FFFF
           "\xF8\x88\x80\x80\x80",
           "\xFF",  // no such lead byte
           "\xC3",
           "\xE2\x82",
           "\xF0\x9F\x98",  // truncated at the end
           "\xE2\x28\xA1",
           "\xF0\x9F\x41\x80",  // cut short by a non-continuation byte
       }) {
    INFO("bytes: " << bad);
    CHECK_FALSE(decode_at0(bad));
    CHECK(utf8_sequence_length(bad, 0) == 0);
    CHECK_FALSE(is_valid_utf8(bad));
  }
  std::size_t end = 3;
  CHECK_FALSE(decode_utf8("abc", end));  // at the end: nothing to decode
  CHECK(end == 3);
}

TEST_CASE("utf8: valid_utf8 puts one U+FFFD per byte that starts no valid sequence", "[core][utf8]") {
  bool replaced = false;
  CHECK(valid_utf8("plain \xC3\xA9", &replaced) == "plain \xC3\xA9");
  CHECK_FALSE(replaced);
  CHECK(valid_utf8("a\xFF"
                   "b",
                   &replaced) == "a" + kFFFD + "b");
  CHECK(replaced);
  // A bad sequence is replaced byte by byte; the bytes after its lead are tried again.
  CHECK(valid_utf8("\xE0\x80\x80") == kFFFD + kFFFD + kFFFD);              // overlong
  CHECK(valid_utf8("\xED\xA0\x80") == kFFFD + kFFFD + kFFFD);              // surrogate
  CHECK(valid_utf8("\xF4\x90\x80\x80") == kFFFD + kFFFD + kFFFD + kFFFD);  // > U+10FFFF
  CHECK(valid_utf8("x\xE2\x82") == "x" + kFFFD + kFFFD);                   // truncated at the end
  CHECK(valid_utf8("\xE2\xE2\x82\xAC") == kFFFD + "\xE2\x82\xAC");         // a good one right after
  CHECK(valid_utf8("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");
  CHECK(valid_utf8(std::string("\0\x01\t", 3)) == std::string("\0\x01\t", 3));  // controls are not encoding errors
  bool untouched = true;
  valid_utf8("\xC0", &untouched);
  CHECK(untouched);  // set when something was replaced, never cleared
}

TEST_CASE("utf8: Overlong::accept takes overlong forms but still no surrogates or > U+10FFFF", "[core][utf8]") {
  CHECK(decode_at0("\xC0\x80", Overlong::accept) == std::make_pair(char32_t{0}, std::size_t{2}));
  CHECK(decode_at0("\xE0\x98\x9C", Overlong::accept) == std::make_pair(char32_t{0x61C}, std::size_t{3}));
  CHECK(decode_at0("\xF0\x82\x80\x8E", Overlong::accept) == std::make_pair(char32_t{0x200E}, std::size_t{4}));
  CHECK_FALSE(decode_at0("\xED\xA0\x80", Overlong::accept));
  CHECK_FALSE(decode_at0("\xF4\x90\x80\x80", Overlong::accept));
  CHECK_FALSE(decode_at0("\xE0\x98", Overlong::accept));
}

TEST_CASE("utf8: append_utf8 round-trips through decode_utf8", "[core][utf8]") {
  for (const char32_t cp : {char32_t{0}, char32_t{0x7F}, char32_t{0x80}, char32_t{0x7FF}, char32_t{0x800},
                            char32_t{0xFFFD}, char32_t{0x10000}, char32_t{0x10FFFF}}) {
    std::string s;
    append_utf8(s, cp);
    std::size_t pos = 0;
    CHECK(decode_utf8(s, pos) == cp);
    CHECK(pos == s.size());
  }
  std::string lone;
  append_utf8(lone, 0xD800);
  CHECK(lone == kFFFD);
}

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "capmig-core-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }
};

}  // namespace

TEST_CASE("file_io: read_file reads a whole file", "[core][file_io]") {
  TempDir t;
  const std::string big(200000, 'x');  // more than one read
  auto r = io::read_file(t.file("big", big));
  REQUIRE(r);
  CHECK(*r == big);
  auto e = io::read_file(t.file("empty", ""));
  REQUIRE(e);
  CHECK(e->empty());
  // Relative to a directory descriptor.
  const int dfd = ::open(t.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(dfd >= 0);
  io::ReadOptions at;
  at.dir_fd = dfd;
  auto rel = io::read_file("big", at);
  ::close(dfd);
  REQUIRE(rel);
  CHECK(rel->size() == big.size());
}

TEST_CASE("file_io: a missing file fails to open with ENOENT", "[core][file_io]") {
  TempDir t;
  auto r = io::read_file((t.path / "missing").string());
  REQUIRE_FALSE(r);
  CHECK(r.error().step == io::ReadStep::open);
  CHECK(r.error().err == ENOENT);
  CHECK(r.error().message() == "No such file or directory");
}

TEST_CASE("file_io: a directory fails to read, or is refused with regular_only", "[core][file_io]") {
  TempDir t;
  auto r = io::read_file(t.path.string());
  REQUIRE_FALSE(r);
  CHECK(r.error().step == io::ReadStep::read);
  CHECK(r.error().err == EISDIR);
  CHECK(r.error().partial.empty());
  io::ReadOptions regular;
  regular.regular_only = true;
  auto refused = io::read_file(t.path.string(), regular);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().step == io::ReadStep::not_regular);
  CHECK(refused.error().message() == "is not a regular file");
  // A FIFO with no writer is refused at once, not waited on.
  const std::string fifo = (t.path / "fifo").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto f = io::read_file(fifo, regular);
  REQUIRE_FALSE(f);
  CHECK(f.error().step == io::ReadStep::not_regular);
}

TEST_CASE("file_io: max_bytes refuses a larger file and takes one of exactly that size", "[core][file_io]") {
  TempDir t;
  const std::string p = t.file("ten", "0123456789");
  io::ReadOptions limit;
  limit.max_bytes = 10;
  auto exact = io::read_file(p, limit);
  REQUIRE(exact);
  CHECK(*exact == "0123456789");
  limit.max_bytes = 9;
  auto over = io::read_file(p, limit);
  REQUIRE_FALSE(over);
  CHECK(over.error().step == io::ReadStep::too_large);
  limit.max_bytes = 0;
  CHECK_FALSE(io::read_file(p, limit));
}

TEST_CASE("file_io: no_follow refuses a symbolic link", "[core][file_io]") {
  TempDir t;
  const std::string target = t.file("target", "x");
  fs::create_symlink(target, t.path / "link");
  io::ReadOptions how;
  how.no_follow = true;
  auto r = io::read_file((t.path / "link").string(), how);
  REQUIRE_FALSE(r);
  CHECK(r.error().step == io::ReadStep::open);
  CHECK(r.error().err == ELOOP);
  CHECK(io::read_file((t.path / "link").string()));
}

// The vector loops against the obvious byte loop, on every length and offset around the
// 16/32-byte blocks, with the marker and newlines placed at random (a block's last bytes and
// a marker split over two blocks are where a vector loop goes wrong).
TEST_CASE("byte_scan: find_marker3 and count_byte agree with a byte loop", "[core][byte_scan]") {
  std::mt19937 rng(7);
  const std::string alphabet = "eyJe\nyJx";
  for (int round = 0; round < 3000; ++round) {
    const std::size_t n = rng() % 200;
    std::string s(n, 'a');
    for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    const std::size_t from = n ? rng() % (n + 1) : 0;
    std::size_t want = std::string_view::npos;
    for (std::size_t i = from; i + 3 <= n; ++i)
      if (s.compare(i, 3, "eyJ") == 0) {
        want = i;
        break;
      }
    REQUIRE(find_marker3(s, from, "eyJ") == want);
    const std::size_t begin = n ? rng() % n : 0;
    std::uint64_t nl = 0;
    for (std::size_t i = begin; i < n; ++i) nl += s[i] == '\n';
    REQUIRE(count_byte(s.data() + begin, n - begin, '\n') == nl);
  }
  std::string big(100000, 'x');  // more than 255 blocks: the per-lane sums must be flushed
  for (std::size_t i = 0; i < big.size(); i += 3) big[i] = '\n';
  CHECK(count_byte(big.data(), big.size(), '\n') == 33334);
  CHECK(find_marker3(big, 0, "eyJ") == std::string_view::npos);
  big.replace(99997, 3, "eyJ");
  CHECK(find_marker3(big, 5, "eyJ") == 99997);
}
