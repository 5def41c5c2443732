#include "analyzer/core/byte_scan.h"

#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CAPMIG_X86 1
#endif

namespace capmig {
namespace {

// Candidates are positions whose first and third bytes match (two compares and an AND per
// block); only those are checked for the middle byte. Returns the index, or npos with *done
// set to where the vector loop stopped.
#ifdef CAPMIG_X86
__attribute__((target("avx2"))) std::size_t find3_avx2(const char* p, std::size_t n, std::size_t i, const char* m,
                                                       std::size_t* done) {
  const __m256i a = _mm256_set1_epi8(m[0]), c = _mm256_set1_epi8(m[2]);
  for (; i + 34 <= n; i += 32) {
    const __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i last = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 2));
    auto mask = static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(first, a), _mm256_cmpeq_epi8(last, c))));
    for (; mask; mask &= mask - 1) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (p[at + 1] == m[1]) return at;
    }
  }
  *done = i;
  return std::string_view::npos;
}

__attribute__((target("avx2"))) std::uint64_t count_avx2(const char* p, std::size_t n, char ch, std::size_t* done) {
  std::uint64_t count = 0;
  std::size_t i = 0;
  const __m256i x = _mm256_set1_epi8(ch), zero = _mm256_setzero_si256();
  while (i + 32 <= n) {
    // Per byte lane, up to 255 blocks (cmpeq gives -1: subtracting adds one), then psadbw.
    __m256i lanes = zero;
    const std::size_t blocks = std::min<std::size_t>((n - i) / 32, 255);
    for (std::size_t b = 0; b < blocks; ++b, i += 32)
      lanes = _mm256_sub_epi8(lanes, _mm256_cmpeq_epi8(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i)), x));
    const __m256i sums = _mm256_sad_epu8(lanes, zero);
    count += static_cast<std::uint64_t>(_mm256_extract_epi64(sums, 0)) +
             static_cast<std::uint64_t>(_mm256_extract_epi64(sums, 1)) +
             static_cast<std::uint64_t>(_mm256_extract_epi64(sums, 2)) +
             static_cast<std::uint64_t>(_mm256_extract_epi64(sums, 3));
  }
  *done = i;
  return count;
}

bool has_avx2() {
  static const bool yes = __builtin_cpu_supports("avx2");
  return yes;
}
#endif

#ifdef __SSE2__
std::size_t find3_sse2(const char* p, std::size_t n, std::size_t i, const char* m, std::size_t* done) {
  const __m128i a = _mm_set1_epi8(m[0]), c = _mm_set1_epi8(m[2]);
  for (; i + 18 <= n; i += 16) {
    const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i last = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 2));
    auto mask =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(first, a), _mm_cmpeq_epi8(last, c))));
    for (; mask; mask &= mask - 1) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(mask));
      if (p[at + 1] == m[1]) return at;
    }
  }
  *done = i;
  return std::string_view::npos;
}
#endif

}  // namespace

std::size_t find_marker3(std::string_view text, std::size_t from, const char (&marker)[4]) {
  const char* p = text.data();
  const std::size_t n = text.size();
  std::size_t i = from;
#ifdef CAPMIG_X86
  if (has_avx2()) {
    const std::size_t at = find3_avx2(p, n, i, marker, &i);
    if (at != std::string_view::npos) return at;
  }
#endif
#ifdef __SSE2__
  {
    const std::size_t at = find3_sse2(p, n, i, marker, &i);
    if (at != std::string_view::npos) return at;
  }
#endif
  for (; i + 3 <= n; ++i)
    if (p[i] == marker[0] && p[i + 1] == marker[1] && p[i + 2] == marker[2]) return i;
  return std::string_view::npos;
}

std::uint64_t count_byte(const char* p, std::size_t n, char c) {
  std::uint64_t count = 0;
  std::size_t i = 0;
#ifdef CAPMIG_X86
  if (has_avx2()) count = count_avx2(p, n, c, &i);
#endif
  // The rest (or all of it without AVX2) eight bytes at a time in a word.
  constexpr std::uint64_t ones = 0x0101010101010101u, low7 = 0x7F7F7F7F7F7F7F7Fu;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x;
    std::memcpy(&x, p + i, 8);
    x ^= ones * static_cast<unsigned char>(c);        // a match is now a zero byte
    const std::uint64_t t = ((x & low7) + low7) | x;  // high bit set where the byte is not zero
    count += (((~t & ~low7) >> 7) * ones) >> 56;      // one per zero byte, summed by the multiply
  }
  for (; i < n; ++i) count += p[i] == c;
  return count;
}

}  // namespace capmig
