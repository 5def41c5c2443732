#pragma once
// SPEC's `decode --format json` object for one token written straight to text, byte for byte
// what serialize(decode_result_to_json(r)) gives, without building the document first: a
// stream writes millions of them. Claims that are JSON already (header, payload, grants) go
// through Boost.JSON's serializer; the rest is written here with its escaping.
#include <string>
#include <string_view>

#include "analyzer/token/model.h"

namespace capmig {

// Appends the object; a non-empty `input` adds the "input" member last, as the CLI does.
void append_decode_json(std::string& out, const token::DecodeResult& r, std::string_view input = {});

// A JSON string literal, escaped as Boost.JSON's serializer escapes it.
void append_json_string(std::string& out, std::string_view s);

}  // namespace capmig
