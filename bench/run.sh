#!/usr/bin/env bash
# Throughput benchmark (not a test): capmig decode+verify vs bare HMAC-SHA256 vs node jsonwebtoken.
#
#   bench/run.sh [N]        N tokens (default 200000); RUNS=3 best-of; BUILD=build dir (default build-bench)
#
# In one run: generates N realistic HS256 tokens (bench/gen_tokens.py, fixed fake key) into
# bench/.data/ (git-ignored), builds capmig_bench and capmig in $BUILD, then measures
#   (a) decode_token with the key, in process          (bench_decode.cpp)
#   (b) bare OpenSSL HMAC-SHA256 over the signing inputs (same program; one-shot HMAC())
#   (c) jsonwebtoken 9.0.3 verify, one node process      (bench_jsonwebtoken.js)
#   (d) `capmig decode - --format jsonl < file > /dev/null`, end to end
# and prints tokens/s and the ratios against the targets (capmig ≥ 10× jsonwebtoken;
# bare HMAC ≤ 3× capmig). (a) and (b) take turns run by run and are timed by the wall clock;
# the same runs timed by the thread's CPU time (which leaves out time the thread spent
# descheduled on a busy machine) are shown for information.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-200000}
RUNS=${RUNS:-3}
BUILD=${BUILD:-$ROOT/build-bench}
KEY=0123456789abcdef0123456789abcdef   # fake: 32 hex like an auth token; signs every token
DATA=$ROOT/bench/.data
TOKENS=$DATA/tokens-$N.txt
NOW=1700000000
mkdir -p "$DATA"

if [[ ! -s $TOKENS || $ROOT/bench/gen_tokens.py -nt $TOKENS ]]; then
  echo "== generating $N tokens"
  python3 "$ROOT/bench/gen_tokens.py" "$TOKENS" "$N" "$KEY"
fi
echo "   $(wc -l < "$TOKENS") tokens, $(( $(wc -c < "$TOKENS") / N )) bytes each on average"

echo "== building in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCAPMIG_INTEROP=OFF > "$DATA/cmake.log" 2>&1 || { cat "$DATA/cmake.log"; exit 1; }
cmake --build "$BUILD" -j2 --target capmig_bench > "$DATA/build.log" 2>&1 || { tail -40 "$DATA/build.log"; exit 1; }
HAVE_CLI=1
cmake --build "$BUILD" -j2 --target capmig >> "$DATA/build.log" 2>&1 || { HAVE_CLI=0; echo "   capmig CLI did not build: (d) skipped"; }

declare -A R C
record() {
  while read -r tag name value _; do
    if [[ $tag == RESULT ]]; then R[$name]=$value; fi
    if [[ $tag == CPU ]]; then C[$name]=$value; fi
    if [[ $tag == VERIFIED* ]]; then echo "   $tag $name/$value"; fi
  done
}

echo "== (a)(b) capmig_bench: decode_token and bare HMAC, taking turns, best of $RUNS"
record < <("$BUILD/capmig_bench" "$TOKENS" "$KEY" "$RUNS")

echo "== (c) jsonwebtoken.verify, best of $RUNS"
JWT_DIR=""
for d in "$ROOT/tests/interop/node_modules" "$ROOT/bench/node_modules"; do
  if [[ -f $d/jsonwebtoken/package.json ]] && grep -q '"version": "9.0.3"' "$d/jsonwebtoken/package.json"; then JWT_DIR=$d; break; fi
done
if [[ -z $JWT_DIR ]]; then
  echo "   installing jsonwebtoken 9.0.3 into bench/node_modules"
  (cd "$ROOT/bench" && npm install --no-package-lock --no-audit --no-fund --silent)
  JWT_DIR=$ROOT/bench/node_modules
fi
echo "   using $JWT_DIR/jsonwebtoken"
# A string key costs jsonwebtoken ~1.5 ms a token (see bench_jsonwebtoken.js): that variant
# times the first JS_STRING_KEY_TOKENS tokens (0 = all), the KeyObject one all of them.
record < <(node "$ROOT/bench/bench_jsonwebtoken.js" "$TOKENS" "$KEY" "$RUNS" "$JWT_DIR" "${JS_STRING_KEY_TOKENS:-20000}")

if [[ $HAVE_CLI == 1 ]]; then
  echo "== (d) capmig decode - --format jsonl, best of $RUNS"
  best=0
  for ((r = 1; r <= RUNS; r++)); do
    t0=$(date +%s.%N)
    rc=0
    TWILIO_AUTH_TOKEN=$KEY TWILIO_API_KEY_SECRET=$KEY "$BUILD/capmig" decode - --format jsonl --now $NOW \
      < "$TOKENS" > /dev/null 2> "$DATA/cli.err" || rc=$?
    t1=$(date +%s.%N)
    rate=$(awk -v n="$N" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
    echo "   run $r: exit $rc, $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') s, $rate tokens/s"
    (( rate > best )) && best=$rate
  done
  [[ -s $DATA/cli.err ]] && { echo "   stderr of the last run:"; head -5 "$DATA/cli.err"; }
  R[cli]=$best
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "== results ($N tokens, best of $RUNS, single thread)"
printf '   %-40s %12s\n' "(a) capmig decode_token + verify" "${R[decode]} tok/s"
printf '   %-40s %12s\n' "    + JSON report (info)" "${R[report]} tok/s"
printf '   %-40s %12s\n' "(b) bare HMAC-SHA256, one-shot HMAC()" "${R[hmac]} tok/s"
printf '   %-40s %12s\n' "    reused EVP_MAC_CTX (info)" "${R[hmacctx]} tok/s"
printf '   %-40s %12s\n' "(c) jsonwebtoken 9.0.3 verify, string key" "${R[jsonwebtoken]} tok/s"
printf '   %-40s %12s\n' "    with a KeyObject made once (info)" "${R[jsonwebtoken_keyobject]} tok/s"
[[ -n ${R[cli]:-} ]] && printf '   %-40s %12s\n' "(d) capmig decode --format jsonl (CLI)" "${R[cli]} tok/s"
echo
vs_js=$(ratio "${R[decode]}" "${R[jsonwebtoken]}")
hmac_vs=$(ratio "${R[hmac]}" "${R[decode]}")
hmacctx_vs=$(ratio "${R[hmacctx]}" "${R[decode]}")
verdict() { awk -v v="$1" -v t="$2" -v dir="$3" 'BEGIN { ok = dir == "ge" ? v >= t : v <= t; print ok ? "PASS" : "MISS" }'; }
echo "   capmig / jsonwebtoken            = ${vs_js}x   (target >= 10)  $(verdict "$vs_js" 10 ge)"
echo "   bare HMAC / capmig               = ${hmac_vs}x   (target <= 3)   $(verdict "$hmac_vs" 3 le)"
echo "   reused-ctx HMAC / capmig (info)  = ${hmacctx_vs}x"
if [[ -n ${C[decode]:-} && -n ${C[hmac]:-} ]]; then
  echo "   by CPU time (info): capmig ${C[decode]} tok/s, bare HMAC ${C[hmac]} tok/s, reused ctx ${C[hmacctx]} tok/s;" \
       "bare HMAC / capmig = $(ratio "${C[hmac]}" "${C[decode]}")x, reused-ctx HMAC / capmig = $(ratio "${C[hmacctx]}" "${C[decode]}")x"
fi
echo "   capmig / jsonwebtoken+KeyObject (info) = $(ratio "${R[decode]}" "${R[jsonwebtoken_keyobject]}")x"
if [[ -n ${R[cli]:-} ]]; then
  echo "   CLI / jsonwebtoken (info)        = $(ratio "${R[cli]}" "${R[jsonwebtoken]}")x"
fi
