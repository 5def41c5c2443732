#include "analyzer/jwt/js_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace capmig::jwt {
namespace json = boost::json;
namespace {

void write_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

// ECMAScript "array index": a canonical decimal integer below 2^32 - 1.
std::optional<std::uint32_t> array_index(std::string_view k) {
  if (k.empty() || k.size() > 10 || (k.size() > 1 && k[0] == '0')) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : k) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (v >= 4294967295ULL) return std::nullopt;
  return static_cast<std::uint32_t>(v);
}

void write(std::string& out, const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      out += "null";
      break;
    case json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case json::kind::int64:
      out += std::to_string(v.get_int64());
      break;
    case json::kind::uint64:
      out += std::to_string(v.get_uint64());
      break;
    case json::kind::double_: {
      const double d = v.get_double();
      if (!std::isfinite(d)) {
        out += "null";  // as JSON.stringify does
      } else if (d == std::floor(d) && std::fabs(d) < 9.007199254740992e15) {
        out += std::to_string(static_cast<std::int64_t>(d));
      } else {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, d);  // shortest round-trip, like JS
        out.append(buf, r.ptr);
      }
      break;
    }
    case json::kind::string:
      write_string(out, v.get_string());
      break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        write(out, e);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      const auto& o = v.get_object();
      std::vector<const json::key_value_pair*> order;
      order.reserve(o.size());
      for (const auto& kv : o) order.push_back(&kv);
      std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) {
        auto ia = array_index(a->key()), ib = array_index(b->key());
        if (ia && ib) return *ia < *ib;
        return ia.has_value() && !ib.has_value();
      });
      out += '{';
      bool first = true;
      for (const auto* kv : order) {
        if (!first) out += ',';
        first = false;
        write_string(out, kv->key());
        out += ':';
        write(out, kv->value());
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string js_stringify(const json::value& v) {
  std::string out;
  write(out, v);
  return out;
}

}  // namespace capmig::jwt
