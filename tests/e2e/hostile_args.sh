#!/usr/bin/env bash
# Hostile arguments and names (issue 14): every numeric flag is range-checked with one line on
# stderr and exit 2; help screens show only options a command takes; a path given to a token
# command says how to read a file; file names with a newline stay one name in a unified diff
# (git apply takes it) and in GitHub annotations; format-string placeholders in a hand-rolled
# scope are unknown values, not the format string.
set -uo pipefail
capmig=$(realpath "${1:?usage: hostile_args.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi; }
py=/usr/bin/python3
cd "$here"
mkdir -p "$work/tree"
printf 'const x = 1;\n' >"$work/tree/a.js"
jwt=$(cat samples/tokens/node6-access-token.jwt)

# refused ARGS...: exit 2 and exactly one stderr line "capmig: error: …" (no abort, no hang).
refused() {
  timeout 20 "$capmig" "$@" </dev/null >"$work/out" 2>"$work/err"
  local rc=$?
  [ $rc = 2 ] && [ "$(wc -l <"$work/err")" = 1 ] && grep -q '^capmig: error: ' "$work/err" &&
    ! grep -qi 'terminate called' "$work/err"
}
for args in "scan $work/tree -j 100000" "scan $work/tree -j -1" "scan $work/tree -j=-1" "scan $work/tree --threads -1" \
            "scan $work/tree -j 1025" "scan $work/tree -j abc" "scan $work/tree -j 1.5" "scan $work/tree -j 99999999999999999999" \
            "fix $work/tree -j 100000" "fix $work/tree -j -1" \
            "scan $work/tree --max-filesize -1" "scan $work/tree --max-filesize 10Q" "scan $work/tree --max-filesize 999999999999T" \
            "scan $work/tree --max-filesize ''" "fix $work/tree --max-filesize -1" \
            "scan $work/tree --now -1" "scan $work/tree --now abc" "scan $work/tree --now 99999999999999" \
            "decode $jwt --now -1" "decode $jwt --now 1e9" "check $jwt --now 99999999999999" "map $jwt --now -5" \
            "mint $jwt --api-key-sid SK0 --ttl -1" "mint $jwt --api-key-sid SK0 --ttl 99999999999" \
            "mint $jwt --api-key-sid SK0 --ttl abc" "mint $jwt --api-key-sid SK0 --now -1"; do
  eval "set -- $args"
  check "refused with one line and exit 2: capmig ${args//$work/TMP}" 'refused "$@"'
done
"$capmig" scan "$work/tree" -j 100000 2>"$work/err"
check "-j 100000: the error names the flag and its range" 'grep -q -e "-j 100000: expected a whole number from 0 to 1024" "$work/err"'
for j in 0 1 1024; do
  "$capmig" scan "$work/tree" -j $j >/dev/null 2>&1; rc=$?
  check "scan -j $j works (0: one per core, 1024: the most)" '[ $rc = 0 ]'
done
"$capmig" scan "$work/tree" --max-filesize 1K >/dev/null 2>&1; rc=$?
check "--max-filesize 1K works" '[ $rc = 0 ]'

# --- help screens ------------------------------------------------------------------------
for c in decode map mint check scan fix rules; do
  "$capmig" $c --help 2>&1 | tr -s ' \n' ' ' >"$work/help.$c"
done
check "no help screen shows the internal --input" '! grep -q -- "--input" "$work"/help.*'
check "rules --help does not show --action" '! grep -q -- "--action" "$work/help.rules"'
check "map --help lists no API key secret (map takes capability tokens only)" '! grep -q -- "--api-key-secret" "$work/help.map"'
check "mint --help lists no --color (mint prints tokens)" '! grep -q -- "--color" "$work/help.mint"'
check "scan --help: -j 0 means one per core; --allow-incomplete is documented" \
  'grep -q "0 (the default) means one per core" "$work/help.scan" && grep -q -- "--allow-incomplete" "$work/help.scan" && grep -q -- "--allow-incomplete" "$work/help.fix"'
"$capmig" map "$(cat samples/tokens/node2-incoming-events-outgoing.jwt)" --color never >/dev/null 2>"$work/err"; rc=$?
check "map still takes --color" '[ $rc = 0 ] && ! grep -qi "option" "$work/err"'
mkdir -p "$work/cwd" && printf 'const x = 1;\n' >"$work/cwd/a.js"
(cd "$work/cwd" && "$capmig" scan </dev/null >"$work/out" 2>"$work/err"); rc=$?
check "scan without PATH and with a piped stdin scans . (as in CI)" '[ $rc = 0 ] && grep -q "no findings in 1 file" "$work/out"'

# --- a path given to a token command -------------------------------------------------------
refused decode samples/tokens/node6-access-token.jwt
check "decode FILE: refused, exit 2" '[ $? = 0 ]'
check "decode FILE: says it looks like a path and shows '- < FILE' and --extract" \
  'grep -q "looks like a path" "$work/err" && grep -q "capmig decode - < samples/tokens/node6-access-token.jwt" "$work/err" && grep -q "capmig decode --extract samples/tokens/node6-access-token.jwt" "$work/err"'
refused decode --extract samples/tokens
check "decode --extract DIR: says it is a directory" '[ $? = 0 ] && grep -q "is a directory" "$work/err"'
"$capmig" decode - <samples/tokens/node6-access-token.jwt >/dev/null 2>&1; rc=$?
check "decode - < FILE still decodes" '[ $rc = 0 ]'
"$capmig" decode --extract samples/tokens/node6-access-token.jwt >/dev/null 2>&1; rc=$?
check "decode --extract FILE still decodes" '[ $rc = 0 ]'

# --- a file name with a newline: one name in the diff and in annotations ----------------------
repo=$work/repo
mkdir -p "$repo/dir"
name=$(printf 'dir/new\nline "q" \\ tab\t.js')
cat >"$repo/$name" <<'EOF'
const twilio = require('twilio');
const ClientCapability = twilio.jwt.ClientCapability;

function tokenFor(identity) {
  const capability = new ClientCapability({
    accountSid: process.env.TWILIO_ACCOUNT_SID,
    authToken: process.env.TWILIO_AUTH_TOKEN,
  });
  capability.addScope(new ClientCapability.IncomingClientScope(identity));
  return capability.toJwt();
}

module.exports = { tokenFor };
EOF
git -C "$repo" init -q
(cd "$repo" && "$capmig" fix . >"$work/newline.diff" 2>"$work/newline.err")
check "fix: the diff quotes the name the way git does" \
  "grep -qF -e '--- \"a/dir/new\\nline \\\"q\\\" \\\\ tab\\t.js\"' '$work/newline.diff'"
(cd "$repo" && git apply --check "$work/newline.diff" 2>"$work/apply.err"); rc=$?
check "fix: git apply --check takes the patch" '[ $rc = 0 ] && [ -s "$work/newline.diff" ]'
(cd "$repo" && "$capmig" scan . --format github >"$work/newline.gh")
check "github: every annotation stays on one line (the name escaped as %0A)" \
  "grep -q '^::[a-z]* file=dir/new%0Aline \"q\" \\\\ tab	.js,line=' '$work/newline.gh' && [ \$(grep -vc '^::' '$work/newline.gh') = 1 ]"

# --- format-string placeholders in a hand-rolled scope are unknown ----------------------------
fmt=$work/fmt
mkdir -p "$fmt"
cp samples/legacy/cpp/capability_signer.cpp "$fmt/"
cat >"$fmt/signer.py" <<'EOF'
import jwt
def token(name, sid):
    a = "scope:client:incoming?clientName={}".format(name)
    b = "scope:client:outgoing?appSid=%(sid)s" % {"sid": sid}
    return jwt.encode({"scope": a + " " + b}, "secret")
EOF
cat >"$fmt/Signer.cs" <<'EOF'
class Signer {
  string Scope(string sid) { return string.Format("scope:client:outgoing?appSid={0}", sid); }
}
EOF
cat >"$fmt/signer.js" <<'EOF'
const scope = `scope:client:incoming?clientName=${user.name}`;
EOF
"$capmig" scan "$fmt" --format json --fail-on never >"$work/fmt.json"
check "hand-rolled scopes: a placeholder is an unknown value shown as the argument that fills it (or itself), never the format string" \
  "$py -c '
import json
r = json.load(open(\"$work/fmt.json\"))
seen = {}
for f in r[\"findings\"]:
    if f[\"rule_id\"] != \"hand-rolled-scope\": continue
    for k in (\"incoming_client_name\", \"outgoing_application_sid\", \"outgoing_client_name\"):
        p = f[\"capability\"][k]
        if p is None: continue
        assert p[\"value\"] is None, (f[\"path\"], k, p)
        assert \"scope:client\" not in p[\"text\"], (f[\"path\"], k, p)
        seen.setdefault(f[\"path\"], set()).add(p[\"text\"])
    m = f[\"mapping\"]
    if m and m[\"identity\"]: assert \"scope:client\" not in m[\"identity\"][\"text\"], m
want = {\"capability_signer.cpp\": {\"client_name.c_str()\", \"app_sid.c_str()\"}, \"signer.py\": {\"name\", \"%(sid)s\"},
        \"Signer.cs\": {\"sid\"}}
for path, texts in want.items():
    assert seen.get(path) == texts, (path, seen.get(path))
'"

echo "hostile_args: $fails failure(s)"
[ "$fails" = 0 ]
