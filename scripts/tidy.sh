#!/usr/bin/env bash
# clang-tidy (.clang-tidy) over every analyzer/ source in BUILD's compile database
# (CMAKE_EXPORT_COMPILE_COMMANDS); any warning fails (WarningsAsErrors). ctest style.clang_tidy.
#
#   scripts/tidy.sh [BUILD]     (default: build)
set -euo pipefail
build=$(realpath "${1:-build}")
cd "$(dirname "$0")/.."
run=$(command -v run-clang-tidy-14 || command -v run-clang-tidy || true)
[ -n "$run" ] || { echo "tidy.sh: run-clang-tidy not found (scripts/install-deps.sh installs clang-tidy-14)" >&2; exit 2; }
[ -f "$build/compile_commands.json" ] || { echo "tidy.sh: no $build/compile_commands.json (configure with cmake first)" >&2; exit 2; }
log=$(mktemp); trap 'rm -f "$log"' EXIT
if "$run" -p "$build" -quiet -j "$(nproc)" "$(pwd)/analyzer/" >"$log" 2>&1; then
  echo "clang-tidy: $(grep -c '^clang-tidy' "$log" || true) files clean"
else
  grep -E -A3 '(warning|error): .*\[' "$log" >&2 || cat "$log" >&2
  exit 1
fi
