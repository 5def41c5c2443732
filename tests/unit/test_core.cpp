// The core helpers every stage shares: the one UTF-8 decoder/validator.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <utility>

#include "analyzer/core/utf8.h"

using namespace capmig;

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
           "\x80", "\xBF",                      // a stray continuation byte
           "\xC0\x80", "\xC1\xBF",              // overlong 2-byte (NUL, '?')
           "\xE0\x80\x80", "\xE0\x9F\xBF",      // overlong 3-byte
           "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",  // overlong 4-byte
           "\xED\xA0\x80", "\xED\xBF\xBF",      // UTF-16 surrogates
           "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF7\xBF\xBF\xBF",  // above U+10FFFF
           "\xF8\x88\x80\x80\x80", "\xFF",       // no such lead byte
           "\xC3", "\xE2\x82", "\xF0\x9F\x98",   // truncated at the end
           "\xE2\x28\xA1", "\xF0\x9F\x41\x80",  // cut short by a non-continuation byte
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
  CHECK(valid_utf8("a\xFF" "b", &replaced) == "a" + kFFFD + "b");
  CHECK(replaced);
  // A bad sequence is replaced byte by byte; the bytes after its lead are tried again.
  CHECK(valid_utf8("\xE0\x80\x80") == kFFFD + kFFFD + kFFFD);           // overlong
  CHECK(valid_utf8("\xED\xA0\x80") == kFFFD + kFFFD + kFFFD);           // surrogate
  CHECK(valid_utf8("\xF4\x90\x80\x80") == kFFFD + kFFFD + kFFFD + kFFFD);  // > U+10FFFF
  CHECK(valid_utf8("x\xE2\x82") == "x" + kFFFD + kFFFD);                 // truncated at the end
  CHECK(valid_utf8("\xE2\xE2\x82\xAC") == kFFFD + "\xE2\x82\xAC");       // a good one right after
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
