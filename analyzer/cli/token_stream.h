#pragma once
// How every token command reads its input: TokenReader batches on a reader thread, the
// command's handler on every core, and the batches' output written in input order. Nothing
// grows with the input but the audit's tables (which are capped).
#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "analyzer/cli/common.h"
#include "analyzer/report/trace.h"
#include "analyzer/token/audit.h"
#include "analyzer/token/decode.h"

namespace capmig::cli {

struct TokenItem {
  std::string_view name;        // "stdin:3", "app.log:12", "argument 1"
  std::string_view token;       // empty when the line was too large to read
  std::uint64_t too_large = 0;  // the skipped line's length
  bool several = false;         // the run holds more than one token
  // This worker's arena, released after each token: JSON built for one token goes here.
  boost::json::storage_ptr storage;
};

// One batch's share of the command's output; merged in input order.
struct BatchOutput {
  std::string out, err;      // stdout and stderr text
  std::size_t elements = 0;  // JSON array elements in `out`
  int exit_code = 0;
  std::size_t tokens = 0, passed = 0, failed = 0;
  token::TokenAudit audit;
  bool audited = false;
  report::TokenTrace trace;  // `capmig trace`: merged in input order like the audit
  bool traced = false;
  void clear();
};

// JsonArray: the handler appends one JSON value per element; they are joined by ',' and,
// when the run holds several tokens, bracketed (SPEC: one object, or an array when several).
// JsonList: joined by ',' only (the command writes the brackets around them).
enum class Framing { Plain, JsonArray, JsonList };

using TokenHandler = std::function<void(const TokenItem&, BatchOutput&)>;

struct StreamTotals {
  std::size_t tokens = 0, passed = 0, failed = 0;
  int exit_code = 0;
  token::TokenAudit audit;
  report::TokenTrace trace;
};

// Reads o.inputs (o.extract: JWTs in text) and calls handle on o.jobs threads.
StreamTotals run_token_stream(const CommonOptions& o, Framing framing, const TokenHandler& handle);

// decode_token, or the too-large error for a line that was skipped unread.
token::DecodeResult decode_item(const TokenItem& item, const token::DecodeOptions& options);

// json::serialize without its temporary string.
void append_json(std::string& out, const boost::json::object& o);

// SPEC's one line for a decode error (if any), escaped, into out.err; raises the exit code.
void add_decode_error(const TokenItem& item, const token::DecodeResult& r, BatchOutput& out,
                      std::string_view suffix = "");
// "capmig: error: <name>: <message>" (escaped) into out.err with exit code 2.
void add_error(BatchOutput& out, std::string_view name, std::string_view message);

}  // namespace capmig::cli
