#!/usr/bin/env bash
# capmig trace: capability tokens minted by the REAL Twilio libraries, running the samples'
# own code (tests/fix_proof's runners, frozen clock), are traced back to the construct
# (path:line) that minted them; a token minted with parameters no sample uses is reported as
# unexplained, and constructs that minted nothing as silent. Text, JSON and Markdown.
# usage (ctest, cwd repo root): bash tests/e2e/trace.sh /path/to/capmig
set -u
capmig=$(realpath "${1:?usage: trace.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d /tmp/capmig-trace-e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# Debian's python3-twilio is only visible to the system interpreter; twilio-node 6.2.0 comes
# from tests/interop/node_modules (scripts/install-deps.sh).
PY=/usr/bin/python3
[ -x $PY ] && $PY -c 'import twilio' 2>/dev/null || { echo "FAIL: python3-twilio missing (scripts/install-deps.sh)"; exit 1; }
[ -d "$here/tests/interop/node_modules/twilio6" ] || { echo "FAIL: tests/interop/node_modules missing (scripts/install-deps.sh)"; exit 1; }

# The scanned tree: samples whose code runs below, and one (python5-era literals) that never runs.
tree=$tmp/tree
mkdir -p "$tree/py" "$tree/js"
cp "$here"/samples/legacy/python/{capability_token_kwargs,flask_client_capability_token,twilio_capability_literals}.py "$tree/py/"
cp "$here/samples/legacy/javascript/node6-fully-qualified.js" "$tree/js/"

# The environment the samples read (tests/fix_proof/cases.json's), and the frozen clock.
export TWILIO_ACCOUNT_SID=AC0123456789abcdef0123456789abcdef TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef
export TWILIO_TWIML_APP_SID=APa1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1 SUPERVISOR_APP_SID=APd4d4d4d4d4d4d4d4d4d4d4d4d4d4d4d4
NOW=1700000000
mint_py() { # FILE CALL ARGS OUT
  $PY "$here/tests/fix_proof/run_python.py" --file "$tree/py/$1" --call "$2" --args "$3" --now $NOW --out "$tmp/$4" ||
    bad "mint $1 $2"
}
mint_node() { # CALL ARGS OUT
  node "$here/tests/fix_proof/run_node.js" --runtime node6 --file "$tree/js/node6-fully-qualified.js" --call "$1" \
    --args "$2" --now $NOW --out "$tmp/$3" 2>/dev/null || bad "mint node6 $1"
}
mint_py capability_token_kwargs.py boardroom_token '[]' kwargs18
mint_py capability_token_kwargs.py token_for '["boardroom"]' kwargs33
mint_py flask_client_capability_token.py token_for '["alice"]' flask17
mint_node intercomToken '[]' node6
mint_node tokenFor '["u1"]' node22
# Another service: the real library, parameters no sample uses.
$PY - "$tmp/unknown" <<'PY' || bad "mint unknown"
import sys, time
time.time = lambda: 1700000000
from twilio.jwt.client import ClientCapabilityToken
t = ClientCapabilityToken('ACfeedfeedfeedfeedfeedfeedfeedfeed', 'another-services-auth-token-0000', ttl=300)
t.allow_client_incoming('kiosk-9')
t.allow_client_outgoing('APdeaddeaddeaddeaddeaddeaddeaddead', shift='night')
open(sys.argv[1], 'w').write(t.to_jwt())
PY
tok() { cat "$tmp/$1"; }

# A log with junk around the tokens (one twice, to count), and a HAR capture.
cat >"$tmp/app.log" <<LOG
2023-11-14T22:13:20Z INFO boot ok
2023-11-14T22:13:21Z INFO issued token=$(tok kwargs18); user=boardroom
garbage eyJhbGciOiJIUzI1NiJ9.not-a-token line
2023-11-14T22:13:22Z INFO GET /token?jwt=$(tok kwargs33)&x=1
2023-11-14T22:13:23Z INFO kiosk "$(tok unknown)" done
2023-11-14T22:13:24Z INFO again token=$(tok kwargs18)
LOG
$PY - "$tmp/capture.har" "$(tok flask17)" "$(tok node6)" "$(tok node22)" <<'PY'
import json, sys
entries = [{"request": {"method": "GET", "url": "https://example.test/voice/token"},
            "response": {"status": 200, "content": {"mimeType": "application/json",
                                                     "text": json.dumps({"token": t})}}} for t in sys.argv[2:]]
json.dump({"log": {"version": "1.2", "entries": entries}}, open(sys.argv[1], "w"), indent=1)
PY

cd "$tmp"
"$capmig" trace --tokens app.log --tokens capture.har tree --format json --now 1700000100 >trace.json 2>trace.err
rc=$?
[ $rc = 1 ] && ok || bad "exit $rc, want 1 (capability tokens live); stderr: $(cat trace.err)"
$PY - trace.json <<'PY' && ok || bad "json report"
import json, sys
r = json.load(open(sys.argv[1]))
live = {f"{c['path']}:{c['line']}": c for c in r["live"]}
want = {"py/capability_token_kwargs.py:18": (2, "app.log:6"), "py/capability_token_kwargs.py:33": (1, "app.log:4"),
        "py/flask_client_capability_token.py:17": (1, "capture.har:"), "js/node6-fully-qualified.js:6": (1, "capture.har:"),
        "js/node6-fully-qualified.js:22": (1, "capture.har:")}
errs = []
if set(live) != set(want): errs.append(f"live {sorted(live)} != {sorted(want)}")
for k, (n, where) in want.items():
    c = live.get(k)
    if c and (c["tokens"] != n or not c["last_seen"].startswith(where)):
        errs.append(f"{k}: {c['tokens']} tokens last {c['last_seen']}, want {n} at {where}")
# The python tokens carry nbf = the frozen clock; node6's carry none.
if live.get("py/capability_token_kwargs.py:18", {}).get("last_issued_at") != 1700000000: errs.append("iat of :18")
if live.get("py/capability_token_kwargs.py:18", {}).get("last_expires_at") != 1700001800: errs.append("exp of :18")
silent = sorted(f"{c['path']}:{c['line']}" for c in r["silent"])
if silent != ["py/twilio_capability_literals.py:18", "py/twilio_capability_literals.py:26"]: errs.append(f"silent {silent}")
u = r["unexplained"]
if len(u) != 1 or (u[0]["account_sid"], u[0]["application_sid"], u[0]["client_name"], u[0]["tokens"]) != \
        ("ACfeedfeedfeedfeedfeedfeedfeedfeed", "APdeaddeaddeaddeaddeaddeaddeaddead", "kiosk-9", 1):
    errs.append(f"unexplained {u}")
if r["ambiguous"]: errs.append(f"ambiguous {r['ambiguous']}")
s = r["summary"]
if (s["capability_tokens"], s["traced"], s["unexplained"], s["constructs"]) != (7, 6, 1, 7): errs.append(f"summary {s}")
for e in errs: print("  ", e)
sys.exit(1 if errs else 0)
PY

# No token is ever printed whole, nor an auth token (the env one or the samples' literals).
"$capmig" trace --tokens app.log --tokens capture.har tree --now 1700000100 >trace.txt 2>&1
"$capmig" trace --tokens app.log --tokens capture.har tree --now 1700000100 --format markdown >trace.md 2>&1
leak=0
for f in kwargs18 kwargs33 flask17 node6 node22 unknown; do
  sig=$(tok $f | cut -d. -f3)
  grep -qF -- "$sig" trace.json trace.txt trace.md && leak=1
done
grep -qE "$TWILIO_AUTH_TOKEN|a87ff679a2f3e71d9181a67b7542122c|d41d8cd98f00b204e9800998ecf8427e" trace.json trace.txt trace.md && leak=1
[ $leak = 0 ] && ok || bad "a token or secret is printed"
grep -q "py/capability_token_kwargs.py:18 .*2 tokens, last seen app.log:6" trace.txt && ok || bad "text live line: $(cat trace.txt)"
grep -A3 "^Silent constructs" trace.txt | grep -q "py/twilio_capability_literals.py:26" && ok || bad "text silent"
grep -A2 "^Unexplained tokens" trace.txt | grep -q "kiosk-9" && ok || bad "text unexplained"
grep -q '^## Unexplained tokens' trace.md && grep -q '`js/node6-fully-qualified.js:22`' trace.md && ok || bad "markdown"

# The same construct copied into another service: its tokens are ambiguous, both named.
cp tree/js/node6-fully-qualified.js tree/js/copy.js
"$capmig" trace --tokens capture.har tree --format json --now 1700000100 >amb.json
$PY - amb.json <<'PY' && ok || bad "ambiguous: $(cat amb.json)"
import json, sys
r = json.load(open(sys.argv[1]))
groups = [sorted(f"{c['path']}:{c['line']}" for c in g["candidates"]) for g in r["ambiguous"]]
sys.exit(0 if ["js/copy.js:6", "js/node6-fully-qualified.js:6"] in groups else 1)
PY
rm tree/js/copy.js

# Logs with no capability token: exit 0; an unreadable log or a missing path: exit 2.
echo "nothing here" >empty.log
"$capmig" trace --tokens empty.log tree --now 1700000100 >/dev/null 2>&1
[ $? = 0 ] && ok || bad "no tokens: want exit 0"
"$capmig" trace --tokens missing.log tree >/dev/null 2>err.txt
[ $? = 2 ] && grep -q "missing.log" err.txt && ok || bad "missing log: want exit 2"
"$capmig" trace --tokens app.log no-such-dir >/dev/null 2>&1
[ $? = 2 ] && ok || bad "missing code path: want exit 2"
"$capmig" trace tree >/dev/null 2>&1
[ $? = 2 ] && ok || bad "no --tokens: want exit 2"

echo "trace: $pass passed, $fail failed"
[ $fail = 0 ]
