#pragma once
// Whole-buffer reads and writes on file descriptors, retrying short transfers and EINTR:
// what the atomic writers (baselines, `fix --apply`) build on.
#include <string>
#include <string_view>

namespace capmig::io {

// false with errno set when a write fails.
bool write_all(int fd, std::string_view data);
// Appends everything up to end of file to `out`; false with errno set on a read error.
bool read_all(int fd, std::string& out);

}  // namespace capmig::io
