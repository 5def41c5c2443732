#include "analyzer/token/token_reader.h"

#include <algorithm>
#include <cstring>

#include "analyzer/core/byte_scan.h"
#include "analyzer/core/token_error.h"
#include "analyzer/token/extract.h"

namespace capmig::token {
namespace {

// The longest line read as a token: one token and a CR. Anything longer is too-large anyway.
constexpr std::size_t kMaxLine = kMaxTokenBytes + 1;

}  // namespace

void TokenBatch::clear() {
  seq = 0;
  several = false;
  bytes.clear();
  tokens.clear();
  errors.clear();
}

TokenReader::TokenReader(std::vector<std::string> inputs, TokenReaderOptions options)
    : inputs_(std::move(inputs)), opt_(options) {
  int arg = 0;
  for (const auto& in : inputs_) {
    ++arg;
    if (in == "-")
      names_.push_back("stdin");
    else if (opt_.extract)
      names_.push_back(in);
    else
      names_.push_back("argument " + std::to_string(arg));
  }
  buf_.resize(opt_.chunk_bytes + kMaxLine + 1);
}

void TokenReader::append_name(std::string& out, const TokenRef& r) const {
  out += names_[r.input];
  if (r.line == 0) return;
  char digits[24];
  char* end = digits + sizeof digits;
  char* p = end;
  std::uint64_t v = r.line;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  out += ':';
  out.append(p, static_cast<std::size_t>(end - p));
}

bool TokenReader::full(const TokenBatch& b) const {
  // Never full below two tokens: the first batch then knows whether the run holds several.
  if (b.tokens.size() < 2) return false;
  return b.tokens.size() >= opt_.batch_tokens || b.bytes.size() >= opt_.batch_bytes;
}

void TokenReader::add_error(TokenBatch& b, std::string message) {
  b.errors.push_back(
      {static_cast<std::uint32_t>(b.tokens.size()), static_cast<std::uint32_t>(cur_), std::move(message)});
}

bool TokenReader::next(TokenBatch& b) {
  b.clear();
  while (!done_ && !full(b)) {
    if (cur_ == inputs_.size()) {
      done_ = true;
      break;
    }
    const std::string& in = inputs_[cur_];
    const bool streamed = in == "-" || opt_.extract;
    bool finished = true;
    if (!streamed) {
      // An argument is already in memory (the OS bounds argv): decode_token judges its size.
      TokenRef r;
      r.input = static_cast<std::uint32_t>(cur_);
      r.offset = static_cast<std::uint32_t>(b.bytes.size());
      r.size = static_cast<std::uint32_t>(in.size());
      b.bytes += in;
      b.tokens.push_back(r);
    } else if (src_ || open_current(b)) {
      finished = opt_.extract ? fill_extract(b) : fill_lines(b);
    }
    if (finished) {
      src_.reset();
      ++cur_;
    }
  }
  if (b.tokens.empty() && b.errors.empty()) return false;
  b.seq = seq_++;
  b.several = b.seq > 0 || b.tokens.size() > 1 || !done_;
  return true;
}

bool TokenReader::open_current(TokenBatch& b) {
  auto s = stream::ByteSource::open(inputs_[cur_]);
  if (!s) {
    add_error(b, s.error());
    return false;
  }
  src_.emplace(std::move(*s));
  pos_ = len_ = scan_end_ = counted_ = 0;
  eof_ = skipping_ = false;
  line_ = 0;
  skip_len_ = 0;
  return true;
}

// Keeps [pos_, len_) (a partial line or a cut JWT run) at the front and reads after it.
bool TokenReader::refill(TokenBatch& b) {
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, len_ - pos_);
    len_ -= pos_;
    counted_ -= std::min(counted_, pos_);
    pos_ = 0;
  }
  const std::size_t room = std::min(buf_.size() - len_, opt_.chunk_bytes);
  auto n = src_->read(buf_.data() + len_, room);
  if (!n) {
    add_error(b, n.error());
    eof_ = true;
    return false;
  }
  if (*n == 0) eof_ = true;
  len_ += *n;
  return true;
}

void TokenReader::add_line(TokenBatch& b, std::size_t begin, std::size_t end) {
  ++line_;
  if (end > begin && buf_[end - 1] == '\r') --end;  // CRLF files: the line ending is not the token's
  if (end == begin) return;
  TokenRef r;
  r.input = static_cast<std::uint32_t>(cur_);
  r.line = line_;
  r.offset = static_cast<std::uint32_t>(b.bytes.size());
  r.size = static_cast<std::uint32_t>(end - begin);
  b.bytes.append(buf_.data() + begin, end - begin);
  b.tokens.push_back(r);
}

// One token per line. Returns true when the input is exhausted.
bool TokenReader::fill_lines(TokenBatch& b) {
  for (;;) {
    if (full(b)) return false;
    const char* start = buf_.data() + pos_;
    const auto* nl = static_cast<const char*>(std::memchr(start, '\n', len_ - pos_));
    if (skipping_) {
      const std::size_t upto = nl ? static_cast<std::size_t>(nl - buf_.data()) : len_;
      skip_len_ += upto - pos_;
      pos_ = nl ? upto + 1 : len_;
      if (nl || eof_) {
        skipping_ = false;
        TokenRef r;
        r.input = static_cast<std::uint32_t>(cur_);
        r.line = ++line_;
        r.too_large = skip_len_;
        b.tokens.push_back(r);
        if (!nl) return true;
        continue;
      }
      if (!refill(b)) return true;
      continue;
    }
    if (nl) {
      const std::size_t end = static_cast<std::size_t>(nl - buf_.data());
      add_line(b, pos_, end);
      pos_ = end + 1;
      continue;
    }
    if (len_ - pos_ > kMaxLine) {  // no newline within a token's length: skip the rest of the line
      skipping_ = true;
      skip_len_ = len_ - pos_;
      pos_ = len_;
      continue;
    }
    if (eof_) {
      if (pos_ < len_) add_line(b, pos_, len_);
      pos_ = len_;
      return true;
    }
    if (!refill(b)) {
      if (pos_ < len_) add_line(b, pos_, len_);  // what was read before the error
      pos_ = len_;
      return true;
    }
  }
}

// Every JWT in the text. Returns true when the input is exhausted.
bool TokenReader::fill_extract(TokenBatch& b) {
  for (;;) {
    if (full(b)) return false;
    if (pos_ < scan_end_) {
      const std::string_view text(buf_.data(), scan_end_);
      if (auto span = next_jwt(text, pos_)) {
        line_ += count_byte(buf_.data() + counted_, span->offset - counted_, '\n');
        counted_ = span->offset;
        TokenRef r;
        r.input = static_cast<std::uint32_t>(cur_);
        r.line = line_ + 1;
        r.offset = static_cast<std::uint32_t>(b.bytes.size());
        r.size = static_cast<std::uint32_t>(span->text.size());
        b.bytes += span->text;
        b.tokens.push_back(r);
        pos_ = span->offset + span->text.size();
        continue;
      }
      line_ += count_byte(buf_.data() + counted_, scan_end_ - counted_, '\n');
      counted_ = pos_ = scan_end_;
    }
    if (eof_) return true;
    // What is left, [pos_, len_), is a base64 run the chunk cut: it may be a token's head, so
    // it moves to the front and the next chunk is read after it.
    const bool ok = refill(b);
    if (skipping_) {  // the previous chunk ended inside a run too long to be a token: skip the rest
      while (pos_ < len_ && is_jwt_char(buf_[pos_])) ++pos_;
      counted_ = pos_;
      if (pos_ < len_ || eof_) skipping_ = false;
    }
    if (eof_ || !ok) {
      scan_end_ = len_;
      continue;
    }
    std::size_t run = len_;
    while (run > pos_ && is_jwt_char(buf_[run - 1])) --run;
    scan_end_ = run;
    if (len_ - run > kMaxLine) {  // longer than any token: dropped, and its continuation skipped
      len_ = run;
      skipping_ = true;
    }
  }
}

}  // namespace capmig::token
