#pragma once
// Shrinks the JSON the HTML report embeds. Findings repeat a lot of text: the same mapping-table
// rows, the same rule messages, the same lines in every patch, the same token in many files.
// Every value (string, array or object) that occurs at least twice and whose JSON text is at
// least kMinDedupBytes long is stored once in a table, and each occurrence becomes the reference
// string "\u0001" + index. A string of the document that itself starts with U+0001 is always put
// in the table, so data can never pass for a reference. The page resolves references on load.
#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <cstddef>

namespace capmig::report {

inline constexpr std::size_t kMinDedupBytes = 12;

struct DedupedJson {
  boost::json::value value;  // the document with references
  boost::json::array table;  // table[i] is what "\u0001i" stands for; entries hold no reference
                             // except to a string entry
};

DedupedJson dedup_json(const boost::json::value& document);

// The inverse, for tests and tools: every reference replaced by its value.
boost::json::value resolve_json(const boost::json::value& document, const boost::json::array& table);

}  // namespace capmig::report
