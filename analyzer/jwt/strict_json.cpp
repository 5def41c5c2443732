#include "analyzer/jwt/strict_json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>

#include <algorithm>
#include <optional>
#include <vector>

namespace capmig::jwt {
namespace json = boost::json;
namespace {

// Builds the value with a value_stack and remembers each open object's keys, so a
// duplicate is an error at the object's end. The keys of all open objects live in one
// buffer, and a parser is reused per thread, so a parse allocates only the values.
struct Handler {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  struct Span {
    std::size_t offset, size;
  };

  json::value_stack st;
  std::string key_chars;                 // the keys of every open object, back to back
  std::vector<Span> keys;                // each key in key_chars, in document order
  std::vector<std::size_t> opened;       // per open object: its first entry in `keys`
  std::vector<std::string_view> sorted;  // scratch for objects with many keys
  std::size_t key_begin = 0;
  bool in_key = false;
  std::string duplicate;
  bool has_duplicate = false;  // the duplicate may be the empty key

  void reset(json::storage_ptr sp) {
    st.reset(std::move(sp));
    key_chars.clear();
    keys.clear();
    opened.clear();
    in_key = false;
    duplicate.clear();
    has_duplicate = false;
  }
  std::string_view key(const Span& k) const { return std::string_view(key_chars).substr(k.offset, k.size); }

  // The smallest key that occurs twice among keys[first..], if any (the one a sort of the
  // keys would meet first).
  std::optional<std::string_view> smallest_duplicate(std::size_t first) {
    const std::size_t n = keys.size() - first;
    if (n < 2) return std::nullopt;
    std::optional<std::string_view> best;
    if (n <= 16) {
      for (std::size_t i = first; i < keys.size(); ++i)
        for (std::size_t j = i + 1; j < keys.size(); ++j)
          if (key(keys[i]) == key(keys[j]) && (!best || key(keys[i]) < *best)) best = key(keys[i]);
      return best;
    }
    sorted.clear();
    for (std::size_t i = first; i < keys.size(); ++i) sorted.push_back(key(keys[i]));
    std::sort(sorted.begin(), sorted.end());
    if (auto it = std::adjacent_find(sorted.begin(), sorted.end()); it != sorted.end()) best = *it;
    return best;
  }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    opened.push_back(keys.size());
    return true;
  }
  bool on_object_end(std::size_t n, json::error_code& ec) {
    const std::size_t first = opened.back();
    if (const auto d = smallest_duplicate(first)) {
      duplicate = std::string(*d);
      has_duplicate = true;
      ec = json::error::syntax;  // any error stops the parser; `duplicate` says which
      return false;
    }
    if (first < keys.size()) key_chars.resize(keys[first].offset);
    keys.resize(first);
    opened.pop_back();
    st.push_object(n);
    return true;
  }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t n, json::error_code&) {
    st.push_array(n);
    return true;
  }
  void append_key(json::string_view s) {
    if (!in_key) {
      in_key = true;
      key_begin = key_chars.size();
    }
    key_chars.append(s.data(), s.size());
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    append_key(s);
    st.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    append_key(s);
    keys.push_back({key_begin, key_chars.size() - key_begin});
    in_key = false;
    st.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(json::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return false; }
  bool on_comment(json::string_view, json::error_code&) { return false; }
};

json::parse_options strict_options(unsigned max_depth) {
  json::parse_options opt;
  opt.max_depth = max_depth;
  opt.allow_comments = false;
  opt.allow_trailing_commas = false;
  opt.allow_invalid_utf8 = false;
  return opt;
}

}  // namespace

Result<json::value, std::string> parse_strict(std::string_view text, unsigned max_depth, json::storage_ptr storage) {
  // One parser per thread and depth limit, reset for each document: its value stack and
  // key buffers keep their memory between tokens.
  thread_local std::optional<json::basic_parser<Handler>> parser;
  thread_local unsigned parser_depth = 0;
  if (!parser || parser_depth != max_depth) {
    parser.emplace(strict_options(max_depth));
    parser_depth = max_depth;
  }
  auto& p = *parser;
  p.reset();
  p.handler().reset(std::move(storage));
  json::error_code ec;
  const std::size_t used = p.write_some(false, text.data(), text.size(), ec);
  std::string error;
  if (p.handler().has_duplicate) {
    error = "duplicate member name \"" + p.handler().duplicate + "\"";
  } else if (ec) {
    const std::string what = ec == json::error::too_deep ? "nested deeper than " + std::to_string(max_depth) + " levels"
                             : ec == json::error::syntax ? "invalid JSON or UTF-8"
                                                         : ec.message();
    error = what + " at byte " + std::to_string(used);
  } else if (used != text.size()) {
    error = "trailing data at byte " + std::to_string(used);
  } else if (!p.done()) {
    error = "JSON ends early";
  } else {
    return p.handler().st.release();
  }
  p.handler().st.reset();  // drop the partial document now
  return Unexpected{std::move(error)};
}

Result<json::object, std::string> parse_strict_object(std::string_view text, unsigned max_depth,
                                                      json::storage_ptr storage) {
  auto v = parse_strict(text, max_depth, std::move(storage));
  if (!v) return Unexpected{v.error()};
  if (!v->is_object()) return Unexpected{std::string("not a JSON object")};
  return std::move(v->as_object());
}

}  // namespace capmig::jwt
