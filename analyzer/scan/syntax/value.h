#pragma once
// Static evaluation of an argument expression: its text as written, its literal value when
// the file makes it knowable (literals, constant folding, a name bound exactly once), and
// the entries of map/dict/hash/array literals in each language's spelling.
#include <optional>
#include <string>
#include <vector>

#include "analyzer/map/table.h"
#include "analyzer/scan/lang_names.h"

namespace capmig::scan {

struct MapEntry {
  std::string key;
  TokenRange value;
};

struct MapLiteral {
  std::vector<MapEntry> entries;
  bool complete = true;  // false: a spread, a mutation we cannot follow, or a non-literal key
};

class Evaluator {
 public:
  explicit Evaluator(const Syntax& syntax) : s_(syntax) {}

  // {text as written, value when constant}. Never guesses: anything uncertain has no value.
  Param param(TokenRange r) const;
  std::optional<MapLiteral> map(TokenRange r) const;
  // Param for a map: the JSON object of its values when every key and value is literal.
  Param map_param(TokenRange r, const MapLiteral& m) const;
  // The string literal token that r evaluates to, through at most one single-assignment name.
  std::optional<std::size_t> string_literal_token(TokenRange r) const;
  // The expression reads the process environment or app settings (never a hard-coded value).
  bool reads_environment(TokenRange r) const;
  // The single assignment that binds the name r consists of, if there is exactly one.
  const Assignment* sole_binding(TokenRange r) const;

 private:
  std::optional<boost::json::value> value_of(TokenRange r, int depth) const;
  // What a name, a field or a member of a literal object stands for, when the file binds it once.
  std::optional<TokenRange> resolve(TokenRange r, int depth) const;
  std::optional<MapLiteral> map_at(TokenRange r, int depth) const;
  // The literal forms map_at reads (value.cpp).
  std::optional<MapLiteral> bracket_literal(TokenRange r) const;
  std::optional<MapLiteral> implicit_object(TokenRange r) const;
  std::optional<MapLiteral> new_expression(TokenRange r) const;
  bool builder_call(TokenRange r, int depth, std::optional<MapLiteral>& out) const;
  void add_entries(std::size_t b, std::size_t e, MapLiteral& m) const;
  void add_entry(std::size_t from, std::size_t to, MapLiteral& m) const;
  bool key_of(std::size_t k, std::string& key) const;
  void add_mutations(const std::string& handle, std::size_t after, MapLiteral& m) const;
  TokenRange trim_parens(TokenRange r) const;

  const Syntax& s_;
};

}  // namespace capmig::scan
