#!/usr/bin/env bash
# `make run`: capmig's main job on the bundled samples. The sample tokens were minted at
# 1700000000 with fake keys (samples/tokens/*.txt), so the clock is pinned just after that.
set -uo pipefail
capmig=${1:-build/capmig}
cd "$(dirname "$0")/.."
keys=(--auth-token-file samples/tokens/auth_token.txt --api-key-secret-file samples/tokens/api_key_secret.txt)
now=(--now 1700000060)
if [ -t 1 ]; then section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }; else section() { printf '\n== %s\n' "$*"; }; fi

section "scan: every capability-token dependency in samples/legacy (six languages, clients, tokens, secrets)"
"$capmig" scan samples/legacy "${now[@]}"
echo "(scan exit code: $? — 1 means findings at or above --fail-on low)"

section "fix: the migration patch for samples/legacy (shown, not applied; review it, then git apply or --apply)"
"$capmig" fix samples/legacy
echo "(fix exit code: $? — 1 means findings the patch does not resolve remain: needs-input constructs, clients, tokens, secrets)"

section "decode: every sample token (capability tokens of each library generation, access tokens)"
for t in samples/tokens/*.jwt; do
  "$capmig" decode "${keys[@]}" "${now[@]}" - < "$t" | sed "s|^stdin:1|${t#samples/tokens/}|"
  echo
done

section "decode --extract: tokens inside a server log and a HAR capture"
"$capmig" decode --extract "${keys[@]}" "${now[@]}" --format jsonl samples/tokens/server.log samples/tokens/browser.har |
  python3 -c 'import json,sys
for l in sys.stdin:
    d = json.loads(l); m = d.get("mapping") or {}
    print("%s: %s -> identity %r, diagnostics %s" % (d.get("input"), d.get("kind"), m.get("identity"), m.get("diagnostics")))'

section "map --as node / python: the Access Token code for node6-incoming-outgoing"
"$capmig" map --as node "${now[@]}" - < samples/tokens/node6-incoming-outgoing.jwt
"$capmig" map --as python "${now[@]}" - < samples/tokens/node6-incoming-outgoing.jwt

section "mint: the equivalent Access Token (API key SK0123…, fake secret)"
"$capmig" mint --api-key-sid SK0123456789abcdef0123456789abcdef "${keys[@]}" "${now[@]}" - < samples/tokens/node6-incoming-outgoing.jwt

section "check: the CI gate over every sample token (fails while capability tokens remain)"
cat samples/tokens/*.jwt | "$capmig" check "${keys[@]}" "${now[@]}" -
echo "(check exit code: $? — 1 means capability tokens remain)"
exit 0
