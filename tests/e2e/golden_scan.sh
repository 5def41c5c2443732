#!/usr/bin/env bash
# Golden JSON for every legacy sample: `capmig scan --format json` must equal the reviewed
# answer in tests/golden/legacy (regenerate with scripts/update-golden.sh, then review).
set -uo pipefail
capmig=${1:?usage: golden_scan.sh /path/to/capmig}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$here/samples/legacy"
fails=0 n=0
while read -r rel; do
  n=$((n + 1))
  want=$here/tests/golden/legacy/$rel.json
  if [ ! -f "$want" ]; then echo "FAIL $rel: no golden file (scripts/update-golden.sh)"; fails=$((fails + 1)); continue; fi
  got=$(TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef "$capmig" scan "$rel" --format json --now 1700000000 \
          --fail-on never | /usr/bin/python3 -m json.tool --indent 1)
  if ! diff -u "$want" <(printf '%s\n' "$got") >/tmp/golden-diff.$$; then
    echo "FAIL $rel differs from its golden file:"; head -40 /tmp/golden-diff.$$; fails=$((fails + 1))
  fi
done < <(find . -type f ! -name README.md | sed 's|^\./||' | sort)
rm -f /tmp/golden-diff.$$
echo "golden_scan: $n samples, $fails failure(s)"
[ "$fails" = 0 ]
