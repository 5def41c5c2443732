#!/usr/bin/env bash
# Every output of scan, fix and the token commands on the samples, the shared vectors and
# (when given) the benchmark tree, one file per command, so that a restructure can be shown
# byte-identical: run it with the old and the new binary and `diff -r` the two folders.
#
#   scripts/output-snapshot.sh CAPMIG OUTDIR [BENCH_TREE]
set -uo pipefail
capmig=$(realpath "$1"); out=$2; tree=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared
mkdir -p "$out"
cd "$root"
export TWILIO_AUTH_TOKEN=snapshot-auth-token-0123456789abcdef TWILIO_API_KEY_SECRET=snapshot-secret
now=1700000000

run() {  # run NAME CMD...: stdout, stderr and the exit code, all in one file
  local name=$1; shift
  { "$@" 2>&1; echo "exit=$?"; } >"$out/$name.txt" </dev/null
}

for fmt in text json sarif markdown html github; do
  run "scan-samples-$fmt" "$capmig" scan --format "$fmt" --color never samples
done
run scan-samples-rules "$capmig" rules list
run rules-json "$capmig" rules list --format json
run fix-samples-diff "$capmig" fix samples
run fix-samples-json "$capmig" fix --format json samples
run fix-golden-diff "$capmig" fix tests/golden/legacy
run fix-proof-cases "$capmig" fix tests/fix_proof/cases

rm -f "$out/mint-input.txt"
SNAP_OUT=$out python3 - "$shared/vectors" >"$out/tokens.txt" <<'EOF'
import json, sys, os
for f in ("capability_tokens.json", "access_tokens.json", "malformed_tokens.json", "tolerated_tokens.json"):
    p = os.path.join(sys.argv[1], f)
    for v in json.load(open(p)).get("vectors", []):
        t = v.get("token") or v.get("input")
        if isinstance(t, str) and "\n" not in t:
            print(t)
        if f == "capability_tokens.json" and v.get("auth_token"):
            open(os.path.join(os.environ["SNAP_OUT"], "mint-input.txt"), "a").write(v["token"] + " " + v["auth_token"] + "\n")
EOF
{ "$capmig" decode --now "$now" - <"$out/tokens.txt" 2>&1; echo "exit=$?"; } >"$out/decode-text.txt"
{ "$capmig" decode --now "$now" --format json - <"$out/tokens.txt" 2>&1; echo "exit=$?"; } >"$out/decode-json.txt"
{ "$capmig" check --now "$now" - <"$out/tokens.txt" 2>&1; echo "exit=$?"; } >"$out/check.txt"
{ "$capmig" audit --now "$now" - <"$out/tokens.txt" 2>&1; echo "exit=$?"; } >"$out/audit.txt"
i=0
while read -r tok && (( i < 12 )); do
  i=$((i + 1))
  for lang in json node python ruby php java csharp; do
    if [[ $lang == json ]]; then
      { "$capmig" map --now "$now" --format json "$tok" 2>&1; echo "exit=$?"; } >"$out/map-$i-$lang.txt"
    else
      { "$capmig" map --now "$now" --as "$lang" "$tok" 2>&1; echo "exit=$?"; } >"$out/map-$i-$lang.txt"
    fi
  done
done <"$out/tokens.txt"
head -4 "$out/mint-input.txt" | while read -r tok auth; do
  TWILIO_AUTH_TOKEN=$auth "$capmig" mint --now "$now" --api-key-sid SK00000000000000000000000000000000 --identity alice --format json "$tok" 2>&1
  echo "exit=$?"
done >"$out/mint.txt"

if [[ -n $tree ]]; then
  for fmt in text json sarif; do
    run "scan-tree-$fmt" "$capmig" scan --format "$fmt" --color never "$tree"
  done
  run fix-tree-diff "$capmig" fix "$tree"
fi
# Timings and absolute paths are not outputs under test.
sed -i -E 's/[0-9]+(\.[0-9]+)? ?(ms|s)\b/<t>/g' "$out"/*.txt
echo "snapshot: $(ls "$out" | wc -l) files in $out"
