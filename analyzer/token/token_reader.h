#pragma once
// Token inputs read as a stream of fixed-size batches: one token per line, or every JWT in
// arbitrary text (--extract), from arguments, files, stdin and gzip. Memory is bounded by
// the chunk and batch sizes, never by the input: a line longer than any token is skipped
// unread (counted, reported too-large), and extraction carries at most one token's worth
// of bytes from one chunk to the next.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/core/byte_source.h"

namespace capmig::token {

struct TokenRef {
  std::uint32_t offset = 0, size = 0;  // the token's bytes in TokenBatch::bytes
  std::uint32_t input = 0;             // index into TokenReader::names()
  std::uint64_t line = 0;              // 1-based line; 0 when the input is the token itself
  std::uint64_t too_large = 0;         // > 0: a line that long was skipped, not read
};

// An input that could not be read (to its end); said after the tokens that came before it.
struct InputError {
  std::uint32_t before = 0;  // index of the first token after it in TokenBatch::tokens
  std::uint32_t input = 0;
  std::string message;
};

struct TokenBatch {
  std::uint64_t seq = 0;  // batches are numbered in input order from 0
  bool several = false;   // the whole run holds more than one token
  std::string bytes;
  std::vector<TokenRef> tokens;
  std::vector<InputError> errors;
  std::string_view token(const TokenRef& r) const { return std::string_view(bytes).substr(r.offset, r.size); }
  void clear();
};

struct TokenReaderOptions {
  bool extract = false;                   // find JWTs in text instead of one token per line
  std::size_t batch_bytes = 128 * 1024;   // a batch is full at this many token bytes…
  std::size_t batch_tokens = 1024;        // …or this many tokens
  std::size_t chunk_bytes = 1024 * 1024;  // read from an input at a time
};

class TokenReader {
 public:
  // Each input is "-" (stdin), a path (with extract), or a token given as an argument.
  TokenReader(std::vector<std::string> inputs, TokenReaderOptions options);

  // Fills `b` (cleared first) with the next tokens; false when nothing was left to read.
  bool next(TokenBatch& b);

  const std::vector<std::string>& names() const { return names_; }  // "stdin", "app.log", "argument 1"
  // "app.log:12", "argument 1": where a token came from, appended to out.
  void append_name(std::string& out, const TokenRef& r) const;

 private:
  bool full(const TokenBatch& b) const;
  bool open_current(TokenBatch& b);
  bool refill(TokenBatch& b);
  bool fill_lines(TokenBatch& b);
  bool fill_extract(TokenBatch& b);
  void add_line(TokenBatch& b, std::size_t begin, std::size_t end);
  void add_error(TokenBatch& b, std::string message);

  std::vector<std::string> inputs_, names_;
  TokenReaderOptions opt_;
  std::uint64_t seq_ = 0;
  std::size_t cur_ = 0;  // the input being read
  bool done_ = false;

  std::optional<stream::ByteSource> src_;
  std::string buf_;
  std::size_t pos_ = 0, len_ = 0, scan_end_ = 0, counted_ = 0;
  bool eof_ = false;
  std::uint64_t line_ = 0;  // lines mode: lines finished; extract mode: newlines before counted_
  bool skipping_ = false;   // inside an over-long line (lines) or base64 run (extract)
  std::uint64_t skip_len_ = 0;
};

}  // namespace capmig::token
