#include "analyzer/scan/syntax/test_code.h"

#include <array>
#include <cctype>
#include <string>

namespace capmig::scan {
namespace {

constexpr std::array<std::string_view, 18> kTestMarkers{
    "PHPUnit",   "TestCase",      "assertEquals", "assertEqual", "unittest", "describe(",
    "@Test",     "[Test]",        "[Fact]",       "RSpec",       "expect(",  "assert_equal",
    "def test_", "import pytest", "testing.T",    "Minitest",    "XCTest",   "[TestMethod]"};

// assert, assertEquals, assert_equal, Assert.AreEqual, expect(…).toBe, should, eq, must_equal.
bool assertion_word(std::string_view w) {
  std::string lower(w);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.starts_with("assert") || lower == "expect" || lower.starts_with("should") || lower == "eq" ||
         lower.starts_with("tobe") || lower.starts_with("toequal") || lower.starts_with("must_") ||
         lower == "areequal" || lower == "assertthat";
}

// The statement holding token k, out through the calls and brackets around it (statement_at
// stops at an enclosing '(').
lang::TokenRange whole_statement(const lang::Syntax& s, std::size_t k) {
  lang::TokenRange st = s.statement_at(k);
  for (int depth = 0; depth < 64 && st.begin > 0 && (s.is(st.begin - 1, "(") || s.is(st.begin - 1, "[")); ++depth)
    st = s.statement_at(st.begin - 1);
  return st;
}

bool asserts(const lang::Syntax& s, lang::TokenRange st) {
  for (std::size_t q = st.begin; q < st.end && q < s.size(); ++q)
    if (s.is_ident(q) && assertion_word(s.text(q))) return true;
  return false;
}

}  // namespace

bool looks_like_test(std::string_view text) {
  for (auto marker : kTestMarkers)
    if (text.find(marker) != std::string_view::npos) return true;
  return false;
}

bool asserted(const lang::Syntax& s, std::size_t k) {
  if (asserts(s, whole_statement(s, k))) return true;
  for (const auto& a : s.assignments()) {
    if (a.rhs.begin > k || a.rhs.end <= k) continue;
    // `expected = "scope:…"`, then `assert token.scope == expected`.
    for (std::size_t q = a.rhs.end; q < s.size(); ++q)
      if (s.is_ident(q) && s.text(q) == a.handle && !(q > 0 && s.is_member_op(q - 1)) &&
          asserts(s, whole_statement(s, q)))
        return true;
  }
  return false;
}

}  // namespace capmig::scan
