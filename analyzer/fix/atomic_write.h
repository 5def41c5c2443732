#pragma once
// `fix --apply`: replace a file's contents so that at every instant the file holds either its
// old bytes or its new bytes, never a mix, even if capmig is killed or the machine loses power.
#include <filesystem>
#include <string>
#include <string_view>

#include <optional>

namespace capmig::fix {

// Writes `contents` to `path` if, and only if, the file still holds `expected` (what the patch
// was computed from): a file edited since it was read is refused, not overwritten.
// The new bytes go to an unnamed temporary file in the same directory (O_TMPFILE, else a
// hidden named one), are fsynced, given the old file's mode, linked and renamed over `path`;
// then the directory is fsynced. Symlinks are refused (the rename would replace the link).
// A kill -9 in the instant between link and rename can leave the complete temporary file
// (`.NAME.capmig-PID-N`); the next run's first write into that directory removes it.
// Returns the reason (one line) when the file was left as it was; nullopt on success.
std::optional<std::string> replace_file_atomically(const std::filesystem::path& path, std::string_view expected,
                                                   std::string_view contents);

}  // namespace capmig::fix
