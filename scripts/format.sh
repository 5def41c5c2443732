#!/usr/bin/env bash
# Formats the C++ sources with clang-format (.clang-format); --check changes nothing and fails,
# listing the files, when any file is not formatted (ctest style.format runs that).
set -euo pipefail
cd "$(dirname "$0")/.."
fmt=$(command -v clang-format-14 || command -v clang-format || true)
[ -n "$fmt" ] || { echo "format.sh: clang-format not found (scripts/install-deps.sh installs it)" >&2; exit 2; }
mapfile -t files < <(git ls-files -- 'analyzer/*.cpp' 'analyzer/*.h' 'tests/unit/*.cpp' 'tests/unit/*.h' \
  'fuzz/*.cpp' 'bench/*.cpp' 2>/dev/null || find analyzer tests/unit fuzz bench -name '*.cpp' -o -name '*.h')
if [ "${1:-}" = "--check" ]; then
  bad=()
  for f in "${files[@]}"; do
    "$fmt" --style=file "$f" | cmp -s - "$f" || bad+=("$f")
  done
  if ((${#bad[@]})); then
    printf 'not formatted (run scripts/format.sh):\n' >&2
    printf '  %s\n' "${bad[@]}" >&2
    exit 1
  fi
  echo "format: ${#files[@]} files formatted"
else
  "$fmt" --style=file -i "${files[@]}"
fi
