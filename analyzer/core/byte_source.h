#pragma once
// An input's bytes in bounded pieces: a file or standard input, gzip-compressed or not
// (told by its magic bytes, not its name, so a piped `.gz` works too).
#include <cstddef>
#include <memory>
#include <string>

#include "analyzer/core/result.h"

namespace capmig::stream {

class ByteSource {
 public:
  // "-" is standard input. Errors ("cannot read x: No such file or directory") as values.
  static Result<ByteSource, std::string> open(const std::string& path);
  ByteSource(ByteSource&&) noexcept;
  ByteSource& operator=(ByteSource&&) noexcept;
  ~ByteSource();

  // Up to `cap` bytes of content (inflated when gzip) into buf; 0 at the end. A truncated or
  // corrupt gzip stream, or a read error, is an error after the content that came before it.
  Result<std::size_t, std::string> read(char* buf, std::size_t cap);
  bool gzip() const;

 private:
  struct State;
  explicit ByteSource(std::unique_ptr<State> s);
  std::unique_ptr<State> s_;
};

}  // namespace capmig::stream
