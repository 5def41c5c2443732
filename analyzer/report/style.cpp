#include "analyzer/report/style.h"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <ctime>

namespace capmig {

bool resolve_color(std::string_view mode, int fd) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(fd) == 1;
}

std::string format_utc(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  if (!gmtime_r(&tt, &tm)) return std::to_string(t);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::string format_duration(std::int64_t s) {
  std::string out = std::to_string(s) + " s";
  const std::int64_t a = s < 0 ? -s : s;
  if (a >= 86400 && a % 3600 == 0)
    out += " (" + std::to_string(s / 3600) + " h)";
  else if (a >= 3600 && a % 60 == 0)
    out += " (" + std::to_string(s / 60) + " min" + (a % 3600 == 0 ? ", " + std::to_string(s / 3600) + " h" : "") + ")";
  else if (a >= 60 && a % 60 == 0)
    out += " (" + std::to_string(s / 60) + " min)";
  return out;
}

std::string format_relative(std::int64_t target, std::int64_t now) {
  const std::int64_t d = target - now;
  const std::int64_t a = d < 0 ? -d : d;
  std::string amount;
  if (a < 120)
    amount = std::to_string(a) + " s";
  else if (a < 2 * 3600)
    amount = std::to_string(a / 60) + " min";
  else if (a < 2 * 86400)
    amount = std::to_string(a / 3600) + " h";
  else if (a < 2 * 365 * 86400)
    amount = std::to_string(a / 86400) + " d";
  else
    amount = std::to_string(a / (365 * 86400)) + " y";
  return d > 0 ? "in " + amount : amount + " ago";
}

}  // namespace capmig
