#pragma once
// Terminal styling for text output: colour only when asked for or on a TTY, never on a pipe.
#include <string>
#include <string_view>

namespace capmig {

struct TextStyle {
  bool color = false;
  std::string paint(std::string_view s, std::string_view sgr) const {
    if (!color) return std::string(s);
    return "\x1b[" + std::string(sgr) + "m" + std::string(s) + "\x1b[0m";
  }
  std::string bold(std::string_view s) const { return paint(s, "1"); }
  std::string dim(std::string_view s) const { return paint(s, "2"); }
  std::string red(std::string_view s) const { return paint(s, "31"); }
  std::string green(std::string_view s) const { return paint(s, "32"); }
  std::string yellow(std::string_view s) const { return paint(s, "33"); }
  std::string cyan(std::string_view s) const { return paint(s, "36"); }
};

// "auto" resolves against the stream's TTY state and NO_COLOR.
bool resolve_color(std::string_view mode, int fd);

// "2023-11-14 22:13:20 UTC"
std::string format_utc(std::int64_t unix_seconds);
// "in 59 min", "2 h ago", "in 3 d"
std::string format_relative(std::int64_t target, std::int64_t now);
// "3600 s (1 h)"
std::string format_duration(std::int64_t seconds);

}  // namespace capmig
