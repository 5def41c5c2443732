#!/usr/bin/env bash
# capmig scan --history end to end: a repository built here with git, holding an auth token
# added then removed, a capability token, a capability mint later migrated away, a binary
# blob, a submodule entry, a large blob and a second branch with a secret only there; every
# report field is checked against what git says. Then a shallow clone, a missing object and
# the inputs that must exit 2.
set -uo pipefail
capmig=$(realpath "${1:?usage: scan_history.sh /path/to/capmig}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi; }
py=/usr/bin/python3
unset TWILIO_AUTH_TOKEN TWILIO_API_KEY_SECRET
export GIT_CONFIG_NOSYSTEM=1 HOME=$work GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t \
  GIT_COMMITTER_EMAIL=t@example.com
repo=$work/repo
# commit DAY MESSAGE: every commit gets its own author date (in +01:00) so each one is checked.
commit() {
  GIT_AUTHOR_DATE="2024-03-$1T09:30:00+0100" GIT_COMMITTER_DATE="2024-03-$1T09:30:00+0100" \
    git -C "$repo" commit -q --allow-empty -m "$2"
}
git init -q -b main "$repo"
secret=9f3c2a7b1e8d4c6f0a5b3e2d1c9f8a7b  # test data: not a real auth token
side_secret=0a1b2c3d4e5f60718293a4b5c6d7e8f9
printf 'DEBUG = True\nTWILIO_AUTH_TOKEN = "%s"\n' "$secret" >"$repo/settings.py"
cat >"$repo/token.js" <<'JS'
const ClientCapability = require("twilio").jwt.ClientCapability;
const capability = new ClientCapability({accountSid: process.env.SID, authToken: process.env.TOKEN});
capability.addScope(new ClientCapability.IncomingClientScope("alice"));
module.exports = capability.toJwt();
JS
printf 'PNG\0\0\0binary' >"$repo/logo.png"
git -C "$repo" add . && commit 01 "add settings, a capability mint and a logo"
c_add=$(git -C "$repo" rev-parse HEAD)
# A capability token pasted into a fixture, signed here (test key, python3's hmac).
jwt=$($py - <<'PY'
import base64, hashlib, hmac, json
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
si = b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode()) + "." + b64(json.dumps(
    {"scope": "scope:client:incoming?clientName=alice", "iss": "AC" + "1f" * 16, "exp": 1900000000}).encode())
print(si + "." + b64(hmac.new(b"e2e-history-key", si.encode(), hashlib.sha256).digest()))
PY
)
mkdir -p "$repo/test"
printf 'const fixture = "%s";\n' "$jwt" >"$repo/test/fixture.js"
git -C "$repo" add . && commit 02 "a fixture"
c_jwt=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" rm -q settings.py && commit 03 "settings from the environment"
c_rm=$(git -C "$repo" rev-parse HEAD)
echo 'module.exports = require("./access_token")();' >"$repo/token.js"
git -C "$repo" commit -qa --no-edit 2>/dev/null; git -C "$repo" add -A && commit 04 "migrate to Access Tokens"
c_mig=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" update-index --add --cacheinfo 160000,1111111111111111111111111111111111111111,vendor/lib
head -c 3000 /dev/zero | tr '\0' 'a' >"$repo/big.txt"
git -C "$repo" add big.txt && commit 05 "a submodule and a big file"
c_sub=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" checkout -q -b side "$c_jwt"
printf 'twilio:\n  authToken: "%s"\n' "$side_secret" >"$repo/config.yml"
git -C "$repo" add . && commit 06 "side branch config"
c_side=$(git -C "$repo" rev-parse HEAD)
git -C "$repo" checkout -q main

"$capmig" scan --history "$repo" --max-filesize 2K --format json >"$work/h.json" 2>"$work/err"; rc=$?
check "secrets in history exit 1" '[ $rc = 1 ]'
check "every field as git says" "$py - '$work/h.json' $c_add $c_jwt $c_rm $c_mig $c_sub $c_side <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); add, jwt, rm, mig, sub, side = sys.argv[2:]
assert r['commits'] == 6 and r['refs'] == 2 and r['head'] == sub and not r['incomplete'], r
f = {(x['category'], x['introduced']['path']): x for x in r['findings']}
assert len(f) == 4, list(f)
s = f[('hardcoded-secret', 'settings.py')]
assert s['introduced'] == {'commit': add, 'short': add[:7], 'date': '2024-03-01T09:30:00+01:00', 'unix': 1709281800, 'path': 'settings.py', 'line': 2}, s
assert s['at_head'] is False and s['removed_by']['commit'] == rm and s['removed_by']['date'].startswith('2024-03-03'), s
assert s['secret'] == '9f3c\u2026' and s['rule_id'] == 'hardcoded-auth-token-anywhere', s
m = f[('capability-mint', 'token.js')]
assert m['introduced']['commit'] == add and m['introduced']['line'] == 2 and m['at_head'] is False, m
assert m['removed_by']['commit'] == mig and m['removed_by']['path'] == 'token.js', m
t = f[('embedded-token', 'test/fixture.js')]
assert t['introduced']['commit'] == jwt and t['at_head'] is True and t['removed_by'] is None, t
o = f[('hardcoded-secret', 'config.yml')]
assert o['introduced']['commit'] == side and o['at_head'] is False and o['removed_by'] is None, o
assert sorted(x['secret'] for x in r['rotate'] if x['rule_id'].startswith('hardcoded')) == ['0a1b\u2026', '9f3c\u2026'], r['rotate']
sk = {(x['reason'], x['path'], x['commit']) for x in r['skipped']}
assert sk == {('binary', 'logo.png', add), ('submodule', 'vendor/lib', sub), ('too large', 'big.txt', sub)}, sk
PY"
check "no secret is printed in json" "! grep -q -e '$secret' -e '$side_secret' -e '${jwt##*.}' '$work/h.json'"
"$capmig" scan --history "$repo" --max-filesize 2K --color never >"$work/h.txt"; rc=$?
check "text names the commits and what to rotate" "[ $rc = 1 ] && grep -q 'removed by ${c_rm:0:7} 2024-03-03 settings.py' '$work/h.txt' && grep -q 'removed by ${c_mig:0:7} 2024-03-04 token.js' '$work/h.txt' && grep -q '^  9f3c…' '$work/h.txt' && grep -q 'submodule  vendor/lib' '$work/h.txt'"
check "no secret is printed in text" "! grep -q -e '$secret' -e '$side_secret' '$work/h.txt'"
"$capmig" scan --history "$c_rm..main" "$repo" --format json >"$work/r.json"; rc=$?
check "a range scans only its commits: nothing new after the removal" "[ $rc = 0 ] && $py -c 'import json; r=json.load(open(\"$work/r.json\")); assert r[\"commits\"]==2 and r[\"findings\"]==[], r'"
(cd "$repo" && "$capmig" scan --history main~4 --format json) >"$work/one.json"; rc=$?
check "one REV from inside the work tree" "[ $rc = 1 ] && $py -c 'import json; r=json.load(open(\"$work/one.json\")); assert r[\"commits\"]==1 and len(r[\"findings\"])==2, r'"

# --- a shallow clone: the boundary is said, findings there are "at or before" -------------
git clone -q --depth 1 --branch side "file://$repo" "$work/shallow" 2>/dev/null
"$capmig" scan --history "$work/shallow" --format json >"$work/s.json"; rc=$?
check "shallow clone: boundary reported, findings marked" "[ $rc = 1 ] && $py - '$work/s.json' $c_side <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); side = sys.argv[2]
assert r['shallow'] == [{'commit': side, 'message': 'shallow: history before %s not scanned' % side[:7]}], r['shallow']
assert r['commits'] == 1 and not r['incomplete'] and r['findings'], r
assert all(f['introduced_at_shallow_boundary'] and f['introduced']['commit'] == side for f in r['findings']), r['findings']
PY"
"$capmig" scan --history "$work/shallow" >"$work/s.txt"
check "shallow boundary in text" "grep -q '^shallow: history before ${c_side:0:7} not scanned' '$work/s.txt'"

# --- a missing object: reported, the rest still scanned, the gate fails ---------------------
cp -r "$repo" "$work/broken"
blob=$(git -C "$repo" rev-parse "$c_jwt:test/fixture.js")
rm -f "$work/broken/.git/objects/${blob:0:2}/${blob:2}"
"$capmig" scan --history "$work/broken" --format json >"$work/b.json" 2>"$work/err"; rc=$?
check "a missing blob is an error, never fatal" "[ $rc = 1 ] && grep -q 'history incomplete' '$work/err' && $py -c 'import json; r=json.load(open(\"$work/b.json\")); assert r[\"incomplete\"] and any(\"$blob\" in e[\"message\"] for e in r[\"errors\"]) and len(r[\"findings\"])==3, r'"

# --- a path that is not UTF-8: the JSON stays valid, the text shows it escaped ---------------
odd=$work/odd
git init -q -b main "$odd"
printf 'TWILIO_AUTH_TOKEN = "%s"\n' "$secret" >"$odd/$(printf 'caf\351\033[2J.py')"
git -C "$odd" add . && git -C "$odd" commit -qm odd
"$capmig" scan --history "$odd" --format json >"$work/o.json"; rc=$?
check "a non-UTF-8 path: valid JSON" "[ $rc = 1 ] && $py -c 'import json; r=json.load(open(\"$work/o.json\")); assert r[\"findings\"][0][\"introduced\"][\"path\"]==\"caf\ufffd\x1b[2J.py\", r'"
"$capmig" scan --history "$odd" --color always >"$work/o.txt"
check "a non-UTF-8 path: no raw escape in text" "! grep -q \"$(printf '\033\\[2J')\" '$work/o.txt' && grep -q 'caf' '$work/o.txt'"

# --- what cannot be done exits 2 -----------------------------------------------------------
mkdir "$work/plain"
"$capmig" scan --history "$work/plain" >/dev/null 2>"$work/err"; rc=$?
check "not a repository exits 2" "[ $rc = 2 ] && grep -q 'not a git repository' '$work/err'"
"$capmig" scan --history nosuch..main "$repo" >/dev/null 2>"$work/err"; rc=$?
check "a bad range exits 2" "[ $rc = 2 ] && grep -q 'nosuch' '$work/err'"
"$capmig" scan --history "$repo" --format sarif >/dev/null 2>"$work/err"; rc=$?
check "an unsupported format exits 2" "[ $rc = 2 ]"
git init -q "$work/empty"
"$capmig" scan --history "$work/empty" >"$work/e.txt"; rc=$?
check "an empty repository: nothing found, exit 0" "[ $rc = 0 ] && grep -q 'No secrets' '$work/e.txt'"

echo "e2e scan_history: $fails failed"
[ $fails = 0 ]
