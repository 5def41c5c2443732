#!/usr/bin/env bash
# `capmig scan --format markdown` over every legacy sample must equal the reviewed answer in
# tests/golden/markdown/legacy.md (regenerate with scripts/update-golden.sh, then review the
# diff: it is the report a pull request would show).
set -uo pipefail
capmig=${1:?usage: markdown_golden.sh /path/to/capmig}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
want=$here/tests/golden/markdown/legacy.md
[ -f "$want" ] || { echo "FAIL no golden file $want (scripts/update-golden.sh)"; exit 1; }
got=$(mktemp)
trap 'rm -f "$got"' EXIT
(cd "$here/samples/legacy" && TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef "$capmig" scan . \
   --format markdown --now 1700000000 --fail-on never) >"$got"
rc=$?
[ "$rc" = 0 ] || { echo "FAIL capmig scan --format markdown exited $rc"; exit 1; }
if ! diff -u "$want" "$got" >"$got.diff"; then
  echo "FAIL the Markdown report differs from tests/golden/markdown/legacy.md:"
  head -60 "$got.diff"
  rm -f "$got.diff"
  exit 1
fi
rm -f "$got.diff"
size=$(wc -c <"$got")
[ "$size" -le 65536 ] || { echo "FAIL the report is $size bytes, over GitHub's 65,536-character body limit"; exit 1; }
echo "markdown_golden: $(grep -c '^| [0-9]* | ' "$want") findings listed, $(grep -c '^<details><summary>' "$want") detailed, $size bytes, identical to the golden file"
