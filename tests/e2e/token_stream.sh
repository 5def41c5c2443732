#!/usr/bin/env bash
# Token inputs as streams: bounded memory on endless or line-less input, gzip (whole and
# truncated), output in input order on several threads, hostile claims escaped in text,
# the audit in its three formats, and check's exit codes on a stream.
set -u
capmig=$1
tmp=$(mktemp -d /tmp/capmig-stream-e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
export TWILIO_AUTH_TOKEN=e2e-stream-auth-token-0123456789 TWILIO_API_KEY_SECRET=e2e-stream-api-secret-0123456789
NOW=1800000000
LIMIT_KB=65536  # 64 MB
# Under ASan the allocator's quarantine and shadow memory are the RSS: the memory bounds are
# checked on the normal build only (everything else runs on both).
sanitized=0
ldd "$capmig" 2>/dev/null | grep -q libasan && sanitized=1
rss_ok() { [ $sanitized = 1 ] || [ "$1" -lt $LIMIT_KB ]; }

# Tokens signed here with the keys above (python3's hmac), written by kind to files.
python3 - "$tmp" <<'PY'
import base64, hashlib, hmac, json, os, sys, urllib.parse
out = sys.argv[1]
auth, api = os.environ["TWILIO_AUTH_TOKEN"].encode(), os.environ["TWILIO_API_KEY_SECRET"].encode()
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
def sign(header, payload, key):
    si = b64(json.dumps(header, separators=(",", ":")).encode()) + "." + b64(json.dumps(payload, separators=(",", ":")).encode())
    return si + "." + b64(hmac.new(key, si.encode(), hashlib.sha256).digest())
ACA, ACB = "AC" + "a" * 32, "AC" + "b" * 32
def cap(client, app=None, account=ACA, exp=1900000000, key=auth):
    scope = "scope:client:incoming?clientName=" + urllib.parse.quote(client, safe="")
    if app: scope += " scope:client:outgoing?appSid=" + app + "&clientName=" + urllib.parse.quote(client, safe="")
    return sign({"typ": "JWT", "alg": "HS256"}, {"scope": scope, "iss": account, "exp": exp}, key)
def acc(identity, account=ACA, exp=1900000000):
    return sign({"typ": "JWT", "alg": "HS256", "cty": "twilio-fpa;v=1"},
                {"jti": "SK" + "c" * 32 + "-1", "grants": {"identity": identity, "voice": {"incoming": {"allow": True}}},
                 "iss": "SK" + "c" * 32, "sub": account, "exp": exp}, api)
w = lambda name, lines: open(os.path.join(out, name), "w").write("".join(l + "\n" for l in lines))
# Many access tokens, each identity numbered: the order check.
w("order.txt", [acc("user%05d" % i) for i in range(6000)])
w("healthy.txt", [acc("alice"), acc("bob")])
w("with_cap.txt", [acc("alice"), cap("carol", "AP" + "1" * 32)])
hostile = "\x1b[2J\x1b]0;PWNED\x07\x00\u202eevil"
w("hostile_cap.txt", [cap(hostile, "AP" + "2" * 32)])
w("hostile_acc.txt", [acc(hostile)])
# A log: capability tokens for two accounts, clients and apps, an access token, an expired one, a forged one.
log = []
for i in range(400):
    log.append("2024-05-01T10:%02d:00Z GET /health 200" % (i % 60))
    if i % 40 == 0: log.append("2024-05-01 issued token=" + cap("alice", "AP" + "1" * 32) + " ok")
    if i % 100 == 0: log.append('{"event":"token","jwt":"' + cap("bob", None, ACB) + '"}')
log.append("old " + cap("alice", "AP" + "1" * 32, exp=1700000000))
log.append("access " + acc("dave"))
log.append("forged " + cap("mallory", "AP" + "3" * 32, key=b"not-the-auth-token"))
w("app.log", log)
PY

rss_of() { tail -1 "$1"; }  # /usr/bin/time -f %M writes the peak RSS (KB) as the last stderr line

# 1. Bounded memory: 300 MB without a newline, on stdin, is one too-large line, skipped unread.
head -c 300M /dev/zero | /usr/bin/time -f %M "$capmig" decode - --format jsonl >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && ok || bad "300 MB line: exit $rc, want 2"
grep -q '^capmig: error: stdin:1: too-large: 314572800 bytes' "$tmp/err" && ok || bad "300 MB line: too-large error line ($(head -c 200 "$tmp/err"))"
kb=$(rss_of "$tmp/err"); rss_ok "$kb" && ok || bad "300 MB line: peak RSS $kb KB"
# …and the token after it still decodes.
{ head -c 50M /dev/zero; echo; cat "$tmp/healthy.txt"; } | "$capmig" decode - --format jsonl --now $NOW >"$tmp/out" 2>"$tmp/err"
[ "$(grep -c '"kind":"access"' "$tmp/out")" = 2 ] && ok || bad "tokens after a huge line are decoded"
# --extract over 300 MB of NULs: nothing found, flat memory.
head -c 300M /dev/zero | /usr/bin/time -f %M "$capmig" decode --extract - >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q 'no token in the input' "$tmp/err" && ok || bad "--extract on NULs: exit $rc"
kb=$(rss_of "$tmp/err"); rss_ok "$kb" && ok || bad "--extract on NULs: peak RSS $kb KB"
# A big token stream (6000 tokens × 20 = 120,000 tokens), every result written: flat memory.
for i in $(seq 20); do cat "$tmp/order.txt"; done | /usr/bin/time -f %M "$capmig" decode - --format jsonl --now $NOW 2>"$tmp/err" | wc -l >"$tmp/count"
[ "$(cat "$tmp/count")" = 120000 ] && ok || bad "120k tokens: $(cat "$tmp/count") results"
kb=$(rss_of "$tmp/err"); rss_ok "$kb" && ok || bad "120k tokens: peak RSS $kb KB"

# 2. Output in input order on several threads, in every format.
"$capmig" decode -j 4 - --format jsonl --now $NOW <"$tmp/order.txt" >"$tmp/out" 2>/dev/null
python3 - "$tmp/out" <<'PY' && ok || bad "jsonl order"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 6000, len(rows)
for i, r in enumerate(rows):
    assert r["input"] == "stdin:%d" % (i + 1), r["input"]
    assert r["access"]["identity"] == "user%05d" % i
PY
"$capmig" decode -j 3 - --format json --now $NOW <"$tmp/order.txt" >"$tmp/out" 2>/dev/null
python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["access"]["identity"] for r in rows] == ["user%05d" % i for i in range(6000)]' "$tmp/out" && ok || bad "json array order"
"$capmig" check -j 4 - --now $NOW <"$tmp/order.txt" >"$tmp/out" 2>/dev/null
[ "$(head -6000 "$tmp/out" | awk '{print $2}' | tr '\n' ' ')" = "$(seq -f 'stdin:%g' 6000 | tr '\n' ' ')" ] && ok || bad "check text order"
tail -1 "$tmp/out" | grep -q '^6000 tokens: 6000 passed, 0 failed$' && ok || bad "check summary line"
# One token alone stays one object (SPEC), several are an array.
head -1 "$tmp/order.txt" | "$capmig" decode - --format json --now $NOW | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["kind"]=="access" and "input" not in d' && ok || bad "one token: one object"

# 3. gzip: by magic bytes, whole and truncated.
gzip -c "$tmp/app.log" >"$tmp/app.log.gz"
plain=$("$capmig" decode --extract "$tmp/app.log" --format jsonl --now $NOW 2>/dev/null | wc -l)
gz=$("$capmig" decode --extract "$tmp/app.log.gz" --format jsonl --now $NOW 2>/dev/null | wc -l)
[ "$plain" = 17 ] && [ "$gz" = "$plain" ] && ok || bad "gzip log: $gz tokens, plain $plain, want 17"
gz_stdin=$("$capmig" decode --extract - --format jsonl --now $NOW <"$tmp/app.log.gz" 2>/dev/null | wc -l)
[ "$gz_stdin" = 17 ] && ok || bad "gzip on stdin: $gz_stdin tokens"
head -c $(( $(stat -c %s "$tmp/app.log.gz") / 2 )) "$tmp/app.log.gz" >"$tmp/cut.log.gz"
"$capmig" decode --extract "$tmp/cut.log.gz" "$tmp/app.log" --format jsonl --now $NOW >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && ok || bad "truncated gzip: exit $rc, want 2"
grep -q "^capmig: error: $tmp/cut.log.gz: gzip: truncated" "$tmp/err" && ok || bad "truncated gzip error line: $(cat "$tmp/err")"
n=$(wc -l <"$tmp/out"); [ "$n" -gt 17 ] && [ "$n" -lt 34 ] && ok || bad "truncated gzip: $n tokens (its head, then the next input whole)"

# 4. Hostile claims: no raw ESC, BEL, NUL, C1 or U+202E in any text output; JSON stays JSON.
raw_controls() { python3 -c '
import sys
b = open(sys.argv[1], "rb").read()
bad = [c for c in b if c < 0x20 and c not in (0x0a,)] + (["bidi"] if "\u202e".encode() in b else [])
sys.exit(1 if bad else 0)' "$1"; }
for f in hostile_cap hostile_acc; do
  for cmd in "decode -" "check -" "audit -"; do
    $capmig $cmd --now $NOW --color never <"$tmp/$f.txt" >"$tmp/out" 2>&1
    raw_controls "$tmp/out" && ok || bad "$cmd on $f: raw control characters in the text output"
  done
  "$capmig" decode - --now $NOW --format json <"$tmp/$f.txt" >"$tmp/out" 2>/dev/null
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
name = d["capability"]["incoming"]["client_name"] if d["kind"] == "capability" else d["access"]["identity"]
assert name == "\x1b[2J\x1b]0;PWNED\x07\x00\u202eevil", repr(name)' "$tmp/out" && ok || bad "decode json on $f keeps the claim, escaped as JSON"
done
$capmig map - --now $NOW <"$tmp/hostile_cap.txt" >"$tmp/out" 2>&1
raw_controls "$tmp/out" && ok || bad "map text: raw control characters"
grep -qF '\x1b[2J\x1b]0;PWNED\x07\x00\u{202e}evil' "$tmp/out" && ok || bad "map text shows the escapes"
for lang in node python java csharp ruby php; do  # code: the identity is a string literal, escaped in the language
  $capmig map - --as $lang --now $NOW <"$tmp/hostile_cap.txt" >"$tmp/out" 2>&1
  raw_controls "$tmp/out" && ok || bad "map --as $lang: raw control or bidi characters in the code"
done
$capmig mint - --api-key-sid SK0123456789abcdef0123456789abcdef --now $NOW <"$tmp/hostile_cap.txt" >"$tmp/out" 2>&1
raw_controls "$tmp/out" && ok || bad "mint: raw control characters"

# 5. The audit: text, JSON, Markdown.
"$capmig" audit "$tmp/app.log.gz" --now $NOW --format json >"$tmp/audit.json"; rc=$?
[ $rc = 1 ] && ok || bad "audit with capability tokens: exit $rc, want 1"
python3 - "$tmp/audit.json" "$tmp/app.log.gz" <<'PY' && ok || bad "audit json"
import json, sys
a, path = json.load(open(sys.argv[1])), sys.argv[2]
assert a["tokens"] == 17, a["tokens"]
k = a["by_kind"]
assert k["capability"]["tokens"] == 16 and k["access"]["tokens"] == 1 and k["malformed"]["tokens"] == 0
assert k["capability"]["expired"] == 1 and k["capability"]["signature"]["failed"] == 1
clients = {(c["kind"], c["account_sid"], c["name"]): c for c in a["clients"]}
alice = clients[("capability", "AC" + "a" * 32, "alice")]
assert alice["tokens"] == 11 and alice["first_seen"] == path + ":2", alice
assert clients[("capability", "AC" + "b" * 32, "bob")]["tokens"] == 4
assert clients[("access", "AC" + "a" * 32, "dave")]["tokens"] == 1
apps = {(c["account_sid"], c["application_sid"]): c["tokens"] for c in a["apps"] if c["kind"] == "capability"}
assert apps[("AC" + "a" * 32, "AP" + "1" * 32)] == 11, apps
assert a["first_seen"] == path + ":2" and a["last_seen"].startswith(path + ":")
PY
"$capmig" audit "$tmp/app.log" --now $NOW --format markdown >"$tmp/audit.md"
grep -q '^## Clients that still get capability tokens' "$tmp/audit.md" && grep -qF "| capability | \`AC$(printf 'a%.0s' $(seq 32))\` | \`alice\` | 11 |" "$tmp/audit.md" && ok || bad "audit markdown"
"$capmig" audit - --now $NOW <"$tmp/app.log" >"$tmp/audit.txt"
grep -q '^Token audit: 17 tokens' "$tmp/audit.txt" && grep -q 'Clients that still get capability tokens' "$tmp/audit.txt" && grep -q 'alice' "$tmp/audit.txt" && ok || bad "audit text"
"$capmig" audit --now $NOW "$tmp/healthy.txt" >/dev/null; rc=$?
[ $rc = 0 ] && ok || bad "audit of healthy access tokens: exit $rc, want 0"
"$capmig" audit --now $NOW "$tmp/missing.log" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q "^capmig: error: $tmp/missing.log: cannot read" "$tmp/err" && ok || bad "audit of a missing file: exit $rc"

# 6. check keeps its exit codes on a stream.
"$capmig" check - --now $NOW <"$tmp/healthy.txt" >/dev/null 2>&1; rc=$?
[ $rc = 0 ] && ok || bad "check healthy stream: exit $rc, want 0"
"$capmig" check - --now $NOW <"$tmp/with_cap.txt" >/dev/null 2>&1; rc=$?
[ $rc = 1 ] && ok || bad "check stream with a capability token: exit $rc, want 1"
{ cat "$tmp/with_cap.txt"; echo 'not-a-token'; } | "$capmig" check - --now $NOW --format json >"$tmp/out" 2>/dev/null; rc=$?
[ $rc = 2 ] && ok || bad "check stream with a malformed line: exit $rc, want 2"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["passed"]==1 and d["failed"]==2 and len(d["tokens"])==3' "$tmp/out" && ok || bad "check json on a stream"

echo "e2e token_stream: $pass passed, $fail failed"
[ "$fail" = 0 ]
