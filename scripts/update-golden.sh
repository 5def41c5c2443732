#!/usr/bin/env bash
# Regenerates tests/golden/legacy/<sample>.json: `capmig scan --format json` of each legacy
# sample, the reviewed answer tests/e2e/golden_scan.sh compares against, and
# tests/golden/markdown/legacy.md: the Markdown report of them all (tests/e2e/markdown_golden.sh),
# and tests/golden/fix/legacy.diff: `capmig fix` of them all (tests/e2e/fix_cli.sh).
# Review the diff before committing it: a golden file changes only when the answer should.
set -euo pipefail
capmig=$(realpath "${1:-build/capmig}")
cd "$(dirname "$0")/.."
out=tests/golden/legacy
rm -rf "$out"
find samples/legacy -type f ! -name README.md | sort | while read -r f; do
  rel=${f#samples/legacy/}
  mkdir -p "$out/$(dirname "$rel")"
  # Pretty-printed so a review diff shows the one field that changed.
  (cd samples/legacy && TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef "$capmig" scan "$rel" \
     --format json --now 1700000000 --fail-on never) | /usr/bin/python3 -m json.tool --indent 1 >"$out/$rel.json"
done
echo "wrote $(find "$out" -name '*.json' | wc -l) golden files to $out"

mkdir -p tests/golden/markdown
(cd samples/legacy && TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef "$capmig" scan . \
   --format markdown --now 1700000000 --fail-on never) >tests/golden/markdown/legacy.md
echo "wrote tests/golden/markdown/legacy.md"

# tests/golden/fix/legacy.diff: the migration patch of every sample (tests/e2e/fix_cli.sh).
mkdir -p tests/golden/fix
"$capmig" fix samples/legacy >tests/golden/fix/legacy.diff 2>/dev/null || true
echo "wrote tests/golden/fix/legacy.diff"
