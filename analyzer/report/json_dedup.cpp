#include "analyzer/report/json_dedup.h"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace capmig::report {
namespace json = boost::json;
namespace {

constexpr char kMark = '\x01';

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0x100000001b3ULL;
}

std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed) {
  std::uint64_t h = seed ^ 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

struct Shape {
  std::uint64_t hash = 0;
  std::size_t bytes = 0;  // about the length of its JSON text
};

// Structural hashes and sizes of every node, bottom-up in one pass, and how often each hash occurs.
class Census {
 public:
  Shape visit(const json::value& v) {
    Shape s;
    switch (v.kind()) {
      case json::kind::string: {
        const auto& str = v.get_string();
        s = {hash_bytes(str, 1), str.size() + 2};
        break;
      }
      case json::kind::array: {
        s = {2, 2};
        for (const auto& e : v.get_array()) {
          const Shape c = visit(e);
          s.hash = mix(s.hash, c.hash);
          s.bytes += c.bytes + 1;
        }
        break;
      }
      case json::kind::object: {
        s = {3, 2};
        for (const auto& kv : v.get_object()) {
          const Shape c = visit(kv.value());
          s.hash = mix(mix(s.hash, hash_bytes(kv.key(), 4)), c.hash);
          s.bytes += kv.key().size() + 4 + c.bytes;
        }
        break;
      }
      default: {
        const std::string text = json::serialize(v);
        s = {hash_bytes(text, 5), text.size()};
      }
    }
    shapes_[&v] = s;
    if (s.bytes >= kMinDedupBytes) {
      auto& seen = seen_[s.hash];
      if (!seen.first) seen.first = &v;
      ++seen.count;
    }
    return s;
  }
  Shape shape(const json::value& v) const { return shapes_.at(&v); }
  // The first node with v's hash when v occurs more than once and equals it (a hash collision
  // between different values is never deduplicated).
  const json::value* repeated(const json::value& v, const Shape& s) const {
    if (s.bytes < kMinDedupBytes) return nullptr;
    auto it = seen_.find(s.hash);
    if (it == seen_.end() || it->second.count < 2 || !(*it->second.first == v)) return nullptr;
    return it->second.first;
  }

 private:
  struct Seen {
    const json::value* first = nullptr;
    std::size_t count = 0;
  };
  std::unordered_map<const json::value*, Shape> shapes_;
  std::unordered_map<std::uint64_t, Seen> seen_;
};

class Deduper {
 public:
  Deduper(const Census& census, json::array& table) : census_(census), table_(table) {}

  // Top-down: the largest repeated values are replaced first, and their insides are not visited.
  json::value rewrite(const json::value& v, bool root) {
    const Shape s = census_.shape(v);
    if (!root)
      if (const json::value* first = census_.repeated(v, s)) return reference(first, v);
    if (v.is_string()) return escape(v.get_string());
    return copy_children(v, [&](const json::value& child) { return rewrite(child, false); });
  }

 private:
  template <typename F>
  json::value copy_children(const json::value& v, F&& child) {
    if (const auto* a = v.if_array()) {
      json::array out;
      out.reserve(a->size());
      for (const auto& e : *a) out.push_back(child(e));
      return out;
    }
    if (const auto* o = v.if_object()) {
      json::object out;
      out.reserve(o->size());
      for (const auto& kv : *o) out.emplace(kv.key(), child(kv.value()));
      return out;
    }
    return v;
  }

  // A string of the data that looks like a reference goes to the table.
  json::value escape(const json::string& s) {
    if (s.empty() || s[0] != kMark) return s;
    const std::string key = "s:" + std::string(s);
    auto [it, fresh] = strings_.try_emplace(key, table_.size());
    if (fresh) table_.push_back(s);
    return marker(it->second);
  }

  json::value reference(const json::value* first, const json::value& v) {
    auto [it, fresh] = index_.try_emplace(first, table_.size());
    if (fresh) {
      table_.push_back(nullptr);
      // Inside a table entry only escaped strings may be references (string entries).
      table_[it->second] =
          v.is_string() ? json::value(v) : copy_children(v, [&](const json::value& c) { return plain(c); });
    }
    return marker(it->second);
  }

  json::value plain(const json::value& v) {
    if (v.is_string()) return escape(v.get_string());
    return copy_children(v, [&](const json::value& c) { return plain(c); });
  }

  static json::value marker(std::size_t i) { return json::string(std::string(1, kMark) + std::to_string(i)); }

  const Census& census_;
  json::array& table_;
  std::unordered_map<const json::value*, std::size_t> index_;
  std::unordered_map<std::string, std::size_t> strings_;
};

}  // namespace

DedupedJson dedup_json(const json::value& document) {
  Census census;
  census.visit(document);
  DedupedJson out;
  Deduper d(census, out.table);
  out.value = d.rewrite(document, true);
  return out;
}

json::value resolve_json(const json::value& v, const json::array& table) {
  if (const auto* s = v.if_string()) {
    if (s->empty() || (*s)[0] != kMark) return v;
    const auto i = std::stoul(std::string(s->subview(1)));
    const json::value& entry = table.at(i);
    return entry.is_string() ? entry : resolve_json(entry, table);
  }
  if (const auto* a = v.if_array()) {
    json::array out;
    for (const auto& e : *a) out.push_back(resolve_json(e, table));
    return out;
  }
  if (const auto* o = v.if_object()) {
    json::object out;
    for (const auto& kv : *o) out.emplace(kv.key(), resolve_json(kv.value(), table));
    return out;
  }
  return v;
}

}  // namespace capmig::report
