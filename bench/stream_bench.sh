#!/usr/bin/env bash
# Streaming benchmark (not a test): the token commands end to end, on every core.
#
#   bench/stream_bench.sh [N] [LOG_MB]   N tokens (default 200000), a LOG_MB log (default 1024)
#   RUNS=3 rounds; BUILD=build dir (default build-bench), BUILD_TYPE (default Release)
#
# Generates its inputs into bench/.data/ (git-ignored; no network): N HS256 tokens
# (gen_tokens.py, fixed fake key) and a log of LOG_MB MB where 1% of the lines carry a token.
# Each round runs, one after the other (so a noisy spell hits every side of a ratio):
#   (a) capmig decode - --format jsonl < tokens > /dev/null    every result written; peak RSS
#   (b) node + jsonwebtoken 9, a KeyObject made once, the same file, a JSON line per token
#   (c) a bare C loop of one-shot HMAC-SHA256 over the same tokens on $(nproc) threads
#   (d) capmig decode --extract LOG --format jsonl > /dev/null  peak RSS
#   (e) rg -o 'eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+' LOG > /dev/null
# and prints the best of each and the targets: (a) >= 5x (b), RSS <= 64 MB; (a) >= 50% of (c);
# (d) at least as fast as (e), RSS <= 64 MB.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-200000}
LOG_MB=${2:-1024}
RUNS=${RUNS:-3}
BUILD=${BUILD:-$ROOT/build-bench}
BUILD_TYPE=${BUILD_TYPE:-Release}
KEY=0123456789abcdef0123456789abcdef   # fake: 32 hex like an auth token; signs every token
DATA=$ROOT/bench/.data
TOKENS=$DATA/tokens-$N.txt
LOG=$DATA/log-${LOG_MB}mb.txt
NOW=1700000000
CORES=$(nproc)
mkdir -p "$DATA"

if [[ ! -s $TOKENS || $ROOT/bench/gen_tokens.py -nt $TOKENS ]]; then
  echo "== generating $N tokens"
  python3 "$ROOT/bench/gen_tokens.py" "$TOKENS" "$N" "$KEY" >/dev/null
fi
if [[ ! -s $LOG ]]; then
  echo "== generating a $LOG_MB MB log, 1% token lines"
  # A 16 MB block of varied lines (one in a hundred a token line), repeated to the size.
  python3 - "$TOKENS" "$DATA/log-block.txt" <<'PY'
import random, sys
tokens = [t for t in open(sys.argv[1]).read().split("\n") if t]
rnd = random.Random(13)
paths = ["/api/v1/users", "/health", "/static/app.js", "/voice/token", "/api/v1/calls?status=completed"]
out, size, i = [], 0, 0
while size < 16 << 20:
    i += 1
    if i % 100 == 0:
        line = '2024-05-01T10:00:%02d.%03dZ INFO issued capability token="%s" client=web-%d' % (i % 60, i % 1000, tokens[i % len(tokens)], i % 977)
    else:
        line = '2024-05-01T10:00:%02d.%03dZ INFO %s %s %d %dms ua="Mozilla/5.0 (X11; Linux x86_64) eyeJ%d"' % (
            i % 60, i % 1000, rnd.choice(["GET", "POST"]), rnd.choice(paths), rnd.choice([200, 200, 304, 404]), rnd.randrange(900), i)
    out.append(line)
    size += len(line) + 1
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
  : >"$LOG"
  while (( $(stat -c %s "$LOG") < LOG_MB * 1024 * 1024 )); do cat "$DATA/log-block.txt" >>"$LOG"; done
fi
echo "   $(wc -l <"$TOKENS") tokens, $(( $(wc -c <"$TOKENS") / N )) bytes each; log $(( $(stat -c %s "$LOG") >> 20 )) MB, $(grep -c 'token=' "$LOG") token lines"

echo "== building in $BUILD ($BUILD_TYPE)"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=$BUILD_TYPE -DCAPMIG_INTEROP=OFF >"$DATA/cmake.log" 2>&1 || { cat "$DATA/cmake.log"; exit 1; }
cmake --build "$BUILD" -j2 --target capmig >"$DATA/build.log" 2>&1 || { tail -40 "$DATA/build.log"; exit 1; }
cc -O2 -o "$BUILD/hmac_loop" "$ROOT/bench/hmac_loop.c" -lcrypto -lpthread

JWT_DIR=""
for d in "$ROOT/tests/interop/node_modules" "$ROOT/bench/node_modules"; do
  if [[ -f $d/jsonwebtoken/package.json ]] && grep -q '"version": "9.0.3"' "$d/jsonwebtoken/package.json"; then JWT_DIR=$d; break; fi
done
if [[ -z $JWT_DIR ]]; then
  (cd "$ROOT/bench" && npm install --no-package-lock --no-audit --no-fund --silent)
  JWT_DIR=$ROOT/bench/node_modules
fi

export TWILIO_AUTH_TOKEN=$KEY TWILIO_API_KEY_SECRET=$KEY
declare -A BEST RSS
best() { # name seconds
  if [[ -z ${BEST[$1]:-} ]] || awk -v a="$2" -v b="${BEST[$1]}" 'BEGIN { exit !(a < b) }'; then BEST[$1]=$2; fi
}
timed() { # name command... ; records seconds and peak RSS (KB)
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$DATA/time.$name" "$@"
  read -r s kb <"$DATA/time.$name"
  best "$name" "$s"
  [[ -z ${RSS[$name]:-} || $kb -gt ${RSS[$name]} ]] && RSS[$name]=$kb
  echo "   $name: $s s, peak RSS $((kb / 1024)) MB"
}
for ((r = 1; r <= RUNS; r++)); do
  echo "== round $r"
  timed decode sh -c "'$BUILD/capmig' decode - --format jsonl --now $NOW <'$TOKENS' >/dev/null 2>'$DATA/decode.err'"
  timed node sh -c "node '$ROOT/bench/jsonwebtoken_stream.js' '$TOKENS' '$KEY' '$JWT_DIR' >/dev/null"
  hmac=$("$BUILD/hmac_loop" "$TOKENS" "$KEY" "$CORES" | awk '/^RESULT/ { print $3 }')
  s=$(awk -v n="$N" -v r="$hmac" 'BEGIN { printf "%.3f", n / r }')
  best hmac "$s"
  echo "   hmac: $s s ($hmac tokens/s on $CORES threads)"
  timed extract sh -c "'$BUILD/capmig' decode --extract '$LOG' --format jsonl --now $NOW >/dev/null 2>'$DATA/extract.err'"
  timed rg sh -c "rg -o 'eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+' '$LOG' >/dev/null"
done
[[ -s $DATA/decode.err ]] && { echo "   decode stderr:"; head -3 "$DATA/decode.err"; }

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print ((v + 0 >= t + 0) ? "PASS" : "MISS") }'; }
echo
echo "== results (best of $RUNS rounds, $CORES cores)"
printf '   %-52s %8s s  %9s tok/s  %5s MB\n' "(a) capmig decode --format jsonl" "${BEST[decode]}" "$(rate "$N" "${BEST[decode]}")" $((RSS[decode] / 1024))
printf '   %-52s %8s s  %9s tok/s\n' "(b) node jsonwebtoken, KeyObject once" "${BEST[node]}" "$(rate "$N" "${BEST[node]}")"
printf '   %-52s %8s s  %9s tok/s\n' "(c) bare one-shot HMAC-SHA256 loop, $CORES threads" "${BEST[hmac]}" "$(rate "$N" "${BEST[hmac]}")"
printf '   %-52s %8s s  %9s MB/s   %5s MB\n' "(d) capmig decode --extract (1% token lines)" "${BEST[extract]}" "$(rate "$LOG_MB" "${BEST[extract]}")" $((RSS[extract] / 1024))
printf '   %-52s %8s s  %9s MB/s\n' "(e) rg -o 'eyJ…'" "${BEST[rg]}" "$(rate "$LOG_MB" "${BEST[rg]}")"
vs_node=$(ratio "${BEST[node]}" "${BEST[decode]}")
vs_hmac=$(ratio "${BEST[hmac]}" "${BEST[decode]}")
vs_rg=$(ratio "${BEST[rg]}" "${BEST[extract]}")
echo
echo "   decode / node                 = ${vs_node}x  (target >= 5)     $(verdict "$vs_node" 5)"
echo "   decode / bare HMAC loop       = ${vs_hmac}   (target >= 0.50)  $(verdict "$vs_hmac" 0.5)"
echo "   decode peak RSS               = $((RSS[decode] / 1024)) MB (target <= 64)  $(verdict 65536 "${RSS[decode]}")"
echo "   extract / rg (speed)          = ${vs_rg}x  (target >= 1)     $(verdict "$vs_rg" 1)"
echo "   extract peak RSS              = $((RSS[extract] / 1024)) MB (target <= 64)  $(verdict 65536 "${RSS[extract]}")"
