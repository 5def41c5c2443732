#include "analyzer/report/token_json_writer.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serializer.hpp>

#include "analyzer/report/token_json.h"

namespace capmig {
namespace json = boost::json;

void append_json_string(std::string& out, std::string_view s) {
  // Boost.JSON's table: \b \t \n \f \r by name, other C0 controls as \u00xx, '"' and '\'.
  static constexpr char kShort[] = "uuuuuuuubtnufruuuuuuuuuuuuuuuuuu";
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    out += '\\';
    if (c == '"' || c == '\\') {
      out += static_cast<char>(c);
    } else if (kShort[c] != 'u') {
      out += kShort[c];
    } else {
      out += "u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

namespace {

template <class T>
void append_serialized(std::string& out, const T& v) {
  thread_local json::serializer sr;  // keeps its stack from token to token
  sr.reset(&v);
  char buf[4096];  // not out.resize(): that would zero-fill what the serializer overwrites
  while (!sr.done()) {
    const auto piece = sr.read(buf, sizeof buf);
    out.append(piece.data(), piece.size());
  }
}

// A claim object as decode_result_to_json shows it: non-finite numbers as null.
void append_claims(std::string& out, const json::object& o) {
  if (all_finite(o))
    append_serialized(out, o);
  else
    append_serialized(out, finite_only(json::value(o)));
}

void key(std::string& out, std::string_view k, bool first = false) {
  if (!first) out += ',';
  out += '"';
  out += k;  // our own member names: nothing to escape
  out += "\":";
}

void string_or_null(std::string& out, const std::optional<std::string>& s) {
  if (s)
    append_json_string(out, *s);
  else
    out += "null";
}

void int_or_null(std::string& out, const std::optional<std::int64_t>& v) { out += v ? std::to_string(*v) : "null"; }

void params(std::string& out, const token::OrderedParams& ps) {
  out += '{';
  for (std::size_t i = 0; i < ps.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, ps[i].first);
    out += ':';
    append_json_string(out, ps[i].second);
  }
  out += '}';
}

void capability(std::string& out, const token::CapabilityToken& c) {
  key(out, "account_sid", true);
  append_json_string(out, c.account_sid);
  key(out, "expires_at");
  out += std::to_string(c.expires_at);
  key(out, "issued_at");
  int_or_null(out, c.issued_at);
  key(out, "not_before");
  int_or_null(out, c.not_before);
  key(out, "incoming");
  if (c.incoming) {
    out += "{\"client_name\":";
    append_json_string(out, c.incoming->client_name);
    out += '}';
  } else {
    out += "null";
  }
  key(out, "outgoing");
  if (c.outgoing) {
    out += "{\"application_sid\":";
    append_json_string(out, c.outgoing->application_sid);
    key(out, "client_name");
    string_or_null(out, c.outgoing->client_name);
    key(out, "params");
    params(out, c.outgoing->params);
    out += '}';
  } else {
    out += "null";
  }
  key(out, "event_stream");
  if (c.event_stream) {
    out += "{\"path\":";
    append_json_string(out, c.event_stream->path);
    key(out, "params");
    params(out, c.event_stream->params);
    out += '}';
  } else {
    out += "null";
  }
  key(out, "unknown_scopes");
  out += '[';
  for (std::size_t i = 0; i < c.unknown_scopes.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, c.unknown_scopes[i]);
  }
  out += ']';
}

void mapping(std::string& out, const AccessTokenMapping& m) {
  key(out, "identity", true);
  // identity_value() without its copy
  if (const Param* id = m.get("identity"); id && id->value && id->value->is_string())
    append_json_string(out, id->value->get_string());
  else
    out += "null";
  key(out, "ttl");
  int_or_null(out, m.ttl_value());
  key(out, "grants");
  {
    // The grants object is built only to be written: in a scratch arena, no malloc per value.
    thread_local unsigned char scratch[4096];
    thread_local json::monotonic_resource arena(scratch, sizeof scratch);
    {
      const json::object grants = m.grants(json::storage_ptr(&arena));
      append_serialized(out, grants);
    }
    arena.release();
  }
  key(out, "diagnostics");
  out += '[';
  for (std::size_t i = 0; i < m.diagnostics.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, m.diagnostics[i]);
  }
  out += ']';
}

}  // namespace

void append_decode_json(std::string& out, const token::DecodeResult& r, std::string_view input) {
  // The members in decode_result_to_json's order (tests/unit hold the two to each other).
  out += '{';
  bool first = true;
  if (r.token) {
    const token::DecodedToken& t = *r.token;
    key(out, "kind", true);
    append_json_string(out, to_string(t.kind));
    key(out, "header");
    append_claims(out, t.header);
    key(out, "payload");
    append_claims(out, t.payload);
    key(out, "signature");
    out += "{\"alg\":";
    append_json_string(out, t.alg);
    out += t.verified ? (*t.verified ? ",\"verified\":true}" : ",\"verified\":false}") : ",\"verified\":null}";
    if (t.capability) {
      key(out, "capability");
      out += '{';
      capability(out, *t.capability);
      out += '}';
    }
    if (t.access) {
      const auto& a = *t.access;
      key(out, "access");
      out += "{\"account_sid\":";
      append_json_string(out, a.account_sid);
      key(out, "api_key_sid");
      append_json_string(out, a.api_key_sid);
      key(out, "identity");
      string_or_null(out, a.identity);
      key(out, "region");
      string_or_null(out, a.region);
      key(out, "grants");
      append_claims(out, a.grants);
      out += '}';
    }
    if (t.mapping) {
      key(out, "mapping");
      out += '{';
      mapping(out, *t.mapping);
      out += '}';
    }
    key(out, "lint");
    out += '[';
    for (std::size_t i = 0; i < t.lint.size(); ++i) {
      if (i) out += ',';
      out += "{\"code\":";
      append_json_string(out, t.lint[i].code);
      out += ",\"severity\":";
      append_json_string(out, to_string(t.lint[i].severity));
      out += ",\"message\":";
      append_json_string(out, t.lint[i].message);
      out += '}';
    }
    out += ']';
    first = false;
  }
  if (r.error) {
    key(out, "error", first);
    out += "{\"code\":";
    append_json_string(out, to_string(r.error->code));
    out += ",\"message\":";
    append_json_string(out, r.error->message);
    out += '}';
    first = false;
  }
  if (!input.empty()) {
    key(out, "input", first);
    append_json_string(out, input);
  }
  out += '}';
}

}  // namespace capmig
