#!/usr/bin/env bash
# Regenerates tests/golden/legacy/<sample>.json: `capmig scan --format json` of each legacy
# sample, the reviewed answer tests/e2e/golden_scan.sh compares against, and
# tests/golden/markdown/legacy.md: the Markdown report of them all (tests/e2e/markdown_golden.sh),
# and tests/golden/fixed/<sample>: each sample that `capmig fix --apply` rewrites, as it is after
# the fix (its `.fixed` twin, tests/e2e/fix_twins.sh).
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

# tests/golden/fixed/<sample>: the rewritten samples, byte for byte (tests/e2e/fix_twins.sh), as
# fix writes them for a project that upgrades its Twilio library in the same change (the samples
# have no manifests, so files on a retired API are otherwise left alone). A sample fix leaves
# alone has no twin.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r samples/legacy "$work/legacy"
"$capmig" fix "$work/legacy" --apply --library-upgraded >/dev/null 2>&1 || true
rm -rf tests/golden/fixed
find samples/legacy -type f ! -name README.md | sort | while read -r f; do
  rel=${f#samples/legacy/}
  cmp -s "$f" "$work/legacy/$rel" && continue
  mkdir -p "tests/golden/fixed/$(dirname "$rel")"
  cp "$work/legacy/$rel" "tests/golden/fixed/$rel"
done
echo "wrote $(find tests/golden/fixed -type f | wc -l) fixed twins to tests/golden/fixed"
