#pragma once
// Data files compiled into the binary (mapping table, rules, code templates).
#include <optional>
#include <span>
#include <string_view>

namespace capmig {

struct EmbeddedFile {
  std::string_view path;  // relative to the source tree, e.g. "mapping/table.json"
  std::string_view contents;
};

std::span<const EmbeddedFile> embedded_files();

inline std::optional<std::string_view> embedded_file(std::string_view path) {
  for (const auto& f : embedded_files())
    if (f.path == path) return f.contents;
  return std::nullopt;
}

}  // namespace capmig
