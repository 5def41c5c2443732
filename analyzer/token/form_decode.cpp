#include "analyzer/token/form_decode.h"

#include <algorithm>

#include "analyzer/core/utf8.h"

namespace capmig::token {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string form_unescape(std::string_view s, bool* lossy) {
  // Copied as is up to the first '+' or '%', then unescaped in place (the text only
  // shrinks); the UTF-8 check only when a byte above 0x7F came out.
  std::string bytes(s);
  unsigned char high = 0;
  std::size_t i = 0;
  for (; i < s.size() && s[i] != '+' && s[i] != '%'; ++i) high |= static_cast<unsigned char>(s[i]);
  char* o = bytes.data() + i;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+') {
      c = ' ';
    } else if (c == '%' && i + 2 < s.size()) {
      const int hi = hex_value(s[i + 1]), lo = hi < 0 ? -1 : hex_value(s[i + 2]);
      if (lo >= 0) {
        c = static_cast<char>(hi * 16 + lo);
        i += 2;
      }
    }
    high |= static_cast<unsigned char>(c);
    *o++ = c;
  }
  bytes.resize(static_cast<std::size_t>(o - bytes.data()));
  if (high < 0x80 || is_valid_utf8(bytes)) return bytes;
  return valid_utf8(bytes, lossy);
}

OrderedParams parse_form(std::string_view query, bool* repeated, bool* lossy) {
  OrderedParams out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view part = query.substr(start, amp - start);
    if (!part.empty()) {
      const std::size_t eq = part.find('=');
      std::string key = form_unescape(part.substr(0, eq), lossy);
      std::string value = eq == std::string_view::npos ? std::string() : form_unescape(part.substr(eq + 1), lossy);
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& kv) { return kv.first == key; });
      if (it != out.end()) {
        it->second = std::move(value);
        if (repeated) *repeated = true;
      } else {
        out.emplace_back(std::move(key), std::move(value));
      }
    }
    start = amp + 1;
  }
  return out;
}

}  // namespace capmig::token
