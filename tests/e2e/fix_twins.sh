#!/usr/bin/env bash
# `.fixed` twins (clang-tidy's CHECK-FIXES idea): `capmig fix --apply` on a copy of
# samples/legacy must turn every sample that has a twin in tests/golden/fixed/<same path> into
# exactly that twin, byte for byte, and leave every other sample unchanged. The twins are written
# for a project that upgrades its library in the same change (--library-upgraded); without it,
# no sample on a retired API (twilio.util, Services_Twilio_Capability, …) may be touched.
# Regenerate the twins with scripts/update-golden.sh, then review them like any code change.
set -uo pipefail
capmig=$(realpath "${1:?usage: fix_twins.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
twins=$here/tests/golden/fixed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0 rewritten=0 unchanged=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }

[ -d "$twins" ] || { echo "FAIL no $twins (scripts/update-golden.sh)"; exit 1; }
cp -r "$here/samples/legacy" "$work/legacy"
# The samples have no package manifests: a retired API is left alone, naming the release needed.
"$capmig" fix "$work/legacy" --format json >"$work/plain.json" 2>"$work/plain.err"
legacy=$(/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
bad = [r["path"] for r in d["rewrites"] if r["status"] == "rewritten" and any("the file uses" in n for n in r["notes"])]
print(len([r for r in d["rewrites"] if r.get("reason_code") == "library-upgrade"]), " ".join(bad))' "$work/plain.json")
read -r n_legacy rewritten_legacy <<<"$legacy"
[ "$n_legacy" -ge 15 ] || fail "only $n_legacy constructs on a retired library API reported library-upgrade"
[ -z "$rewritten_legacy" ] || fail "rewritten without --library-upgraded: $rewritten_legacy"

"$capmig" fix "$work/legacy" --apply --library-upgraded >"$work/apply.out" 2>"$work/apply.err"
rc=$?
# 1: constructs that need a person remain in the samples; 2 or more is an error.
[ "$rc" -le 1 ] || { cat "$work/apply.err"; fail "capmig fix --apply exited $rc"; }

while read -r rel; do
  got=$work/legacy/$rel
  if [ -f "$twins/$rel" ]; then
    if cmp -s "$twins/$rel" "$got"; then
      rewritten=$((rewritten + 1))
    else
      fail "$rel: the fixed file differs from its twin tests/golden/fixed/$rel:"
      diff -u "$twins/$rel" "$got" | head -40
    fi
  elif cmp -s "$here/samples/legacy/$rel" "$got"; then
    unchanged=$((unchanged + 1))
  else
    fail "$rel: fix rewrote it, but it has no twin in tests/golden/fixed:"
    diff -u "$here/samples/legacy/$rel" "$got" | head -40
  fi
done < <(cd "$here/samples/legacy" && find . -type f ! -name README.md | sed 's|^\./||' | sort)

# A twin whose sample is gone, or that equals its sample, is stale.
while read -r rel; do
  if [ ! -f "$here/samples/legacy/$rel" ]; then fail "tests/golden/fixed/$rel has no sample"
  elif cmp -s "$here/samples/legacy/$rel" "$twins/$rel"; then fail "tests/golden/fixed/$rel equals its sample: fix leaves it alone, remove the twin"
  fi
done < <(cd "$twins" && find . -type f | sed 's|^\./||' | sort)

# Guard against an empty run passing: the samples hold dozens of rewritable constructs.
[ "$rewritten" -ge 20 ] || fail "only $rewritten samples rewritten"
echo "fix_twins: $rewritten samples equal their twins, $unchanged unchanged, $fails failure(s)"
[ "$fails" = 0 ]
