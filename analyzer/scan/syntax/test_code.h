#pragma once
// Test code: a file that reads as a test suite, and a string it only compares against. A
// `scope:client:…` literal a test asserts is the expected output of the code under test (an
// app's own signer, or a vendored helper library's suite), not a token that code mints.
#include <cstddef>
#include <string_view>

#include "analyzer/lang/syntax.h"

namespace capmig::scan {

// The text has a test framework's marks (PHPUnit, unittest, RSpec, describe(, @Test, …).
bool looks_like_test(std::string_view text);

// The literal at token k is compared in an assertion: its statement asserts (assert…,
// expect(…), should, Assert.AreEqual, eq), or it is assigned to a name a later statement
// asserts with.
bool asserted(const lang::Syntax& s, std::size_t k);

}  // namespace capmig::scan
