#pragma once
// The two byte loops a log is streamed through: where a three-byte marker starts, and how
// many newlines a range holds. Each runs 32 bytes at a time with AVX2 where the CPU has it
// (chosen once at run time, so one binary serves every x86-64), 16 with SSE2, else a word.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace capmig {

// The first i >= from with text[i..i+3) == marker (three bytes), or npos.
std::size_t find_marker3(std::string_view text, std::size_t from, const char (&marker)[4]);

// Bytes equal to c in [p, p + n).
std::uint64_t count_byte(const char* p, std::size_t n, char c);

}  // namespace capmig
