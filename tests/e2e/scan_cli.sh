#!/usr/bin/env bash
# capmig scan end to end: exit codes and the CI gate, baselines that survive line shifts,
# secrets never printed, user rules, and a tree of nasty files that must never be fatal.
set -uo pipefail
capmig=${1:?usage: scan_cli.sh /path/to/capmig}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi; }
py=/usr/bin/python3
cd "$here"

# --- the samples: findings, JSON shape, gate -------------------------------------------
"$capmig" scan samples/legacy --format json --now 1700000000 >"$work/all.json"; rc=$?
check "scan samples exits 1 (findings at --fail-on low)" '[ $rc = 1 ]'
check "JSON report has the SPEC keys and >= 80 findings" \
  "$py -c 'import json,sys; r=json.load(open(\"$work/all.json\")); assert list(r)[:6]==[\"version\",\"root\",\"files_scanned\",\"errors\",\"findings\",\"summary\"][:6] or list(r)[:5]==[\"version\",\"root\",\"files_scanned\",\"errors\",\"findings\"]; assert len(r[\"findings\"])>=80, len(r[\"findings\"]); f=r[\"findings\"][0]; [f[k] for k in (\"id\",\"rule_id\",\"category\",\"severity\",\"language\",\"path\",\"line\",\"column\",\"end_line\",\"end_column\",\"message\",\"snippet\",\"capability\",\"mapping\")]'"
"$capmig" scan samples/legacy --fail-on never >/dev/null; rc=$?
check "--fail-on never exits 0" '[ $rc = 0 ]'
"$capmig" scan samples/legacy/javascript/negative-accesstoken-voicegrant.js >/dev/null; rc=$?
check "a migrated file exits 0" '[ $rc = 0 ]'
"$capmig" scan samples/legacy/javascript/browser-softphone-twiliojs1.js --fail-on medium >/dev/null; rc=$?
check "--fail-on medium ignores low findings" '[ $rc = 0 ]'
"$capmig" scan samples/legacy --fail-on sometimes >/dev/null 2>"$work/err"; rc=$?
check "a bad --fail-on is a usage error (exit 2)" '[ $rc = 2 ] && grep -q "capmig: error:" "$work/err"'
"$capmig" scan "$work/does-not-exist" >/dev/null 2>"$work/err"; rc=$?
check "a missing path exits 2 naming it" '[ $rc = 2 ] && grep -q "does-not-exist" "$work/err"'
"$capmig" scan samples/legacy/java/TokenServlet.java samples/legacy/php --format json --fail-on never >"$work/roots.json"
check "several roots: a file root is named as given, a directory root prefixes its files" \
  "$py -c 'import json; p={f[\"path\"] for f in json.load(open(\"$work/roots.json\"))[\"findings\"]}; assert \"samples/legacy/java/TokenServlet.java\" in p and \"samples/legacy/php/client_token_plain.php\" in p, p'"

# --- secrets: no auth-token literal of the samples appears in any format ----------------
secrets=$(grep -rhoE "['\"][0-9a-f]{32}['\"]" samples/legacy | tr -d "'\"" | sort -u)
for fmt in text json sarif; do
  "$capmig" scan samples/legacy --format "$fmt" --color always >"$work/out.$fmt" 2>&1
  leaked=0
  # (the samples reuse some hex strings inside SIDs: AC<hex> is not the secret)
  for s in $secrets; do grep -qE "(^|[^A-Za-z0-9])$s" "$work/out.$fmt" && { leaked=1; echo "     leaked in $fmt: ${s:0:4}…"; }; done
  check "no auth token literal printed ($fmt)" '[ $leaked = 0 ]'
done
check "hard-coded secrets are reported redacted" 'grep -q "hardcoded-secret" "$work/out.text" && grep -q "…" "$work/out.text"'

# --- baseline: ids survive an unrelated edit that shifts lines ---------------------------
mkdir -p "$work/repo"
cp samples/legacy/python/flask_client_capability_token.py samples/legacy/java/LegacyPhoneTokens.java "$work/repo/"
"$capmig" scan "$work/repo" --write-baseline "$work/baseline.json" >/dev/null
"$capmig" scan "$work/repo" --baseline "$work/baseline.json" >/dev/null; rc=$?
check "everything in the baseline: exit 0" '[ $rc = 0 ]'
{ printf '# a new header comment\n\n\n'; cat "$work/repo/flask_client_capability_token.py"; } >"$work/x" && mv "$work/x" "$work/repo/flask_client_capability_token.py"
sed -i 's/^\(\s*\)public class/\n\n\1public class/' "$work/repo/LegacyPhoneTokens.java"
"$capmig" scan "$work/repo" --baseline "$work/baseline.json" >/dev/null; rc=$?
check "lines shifted: still all in the baseline (exit 0)" '[ $rc = 0 ]'
printf '\nfrom twilio.jwt.client import ClientCapabilityToken\nt = ClientCapabilityToken("AC1", "x").to_jwt()\n' >>"$work/repo/flask_client_capability_token.py"
"$capmig" scan "$work/repo" --baseline "$work/baseline.json" --format json >"$work/new.json"; rc=$?
check "a new construct fails despite the baseline" '[ $rc = 1 ]'
check "only the new construct is new" "$py -c 'import json; r=json.load(open(\"$work/new.json\")); n=[f for f in r[\"findings\"] if f[\"new\"]]; assert len(n)==1, n'"
echo '{"version": 7}' >"$work/bad-baseline.json"
"$capmig" scan "$work/repo" --baseline "$work/bad-baseline.json" >/dev/null 2>"$work/err"; rc=$?
check "a malformed baseline exits 2" '[ $rc = 2 ]'

# --- rules: list, user rules on RE2, bad rules ----------------------------------------
"$capmig" rules list >"$work/rules.txt"; rc=$?
check "rules list shows every built-in rule" '[ $rc = 0 ] && [ $(grep -c "^[a-z]" "$work/rules.txt") -ge 16 ]'
mkdir -p "$work/rules" "$work/userrepo"
cat >"$work/rules/legacy-wrapper.json" <<'JSON'
{"id": "acme-token-wrapper", "name": "ACME's wrapper around capability tokens", "kind": "regex",
 "languages": ["python"], "category": "capability-mint", "severity": "medium",
 "keywords": ["acme_capability"], "pattern": "acme_capability\\(\\s*['\"](?P<name>\\w+)['\"]",
 "captures": {"name": "incoming_client_name"}, "message": "ACME capability wrapper"}
JSON
printf 'tok = acme_capability("alice")\n# tok = acme_capability("bob")\n' >"$work/userrepo/app.py"
"$capmig" scan "$work/userrepo" --rules "$work/rules" --format json >"$work/user.json"; rc=$?
check "a user regex rule finds its match, not the commented one" \
  "[ $rc = 1 ] && $py -c 'import json; r=json.load(open(\"$work/user.json\")); f=r[\"findings\"]; assert len(f)==1 and f[0][\"mapping\"][\"identity\"][\"value\"]==\"alice\", f'"
mkdir -p "$work/badrules"
echo '{"id": "x", "name": "x", "kind": "regex", "languages": ["python"], "category": "capability-mint", "severity": "low", "keywords": ["a"], "pattern": "(a", "message": "m"}' >"$work/badrules/x.json"
"$capmig" scan "$work/userrepo" --rules "$work/badrules" >/dev/null 2>"$work/err"; rc=$?
check "an invalid user pattern exits 2 naming the file" '[ $rc = 2 ] && grep -q "x.json" "$work/err"'
echo '{"id": "y", "name": "y", "kind": "construct", "languages": ["ruby"], "category": "capability-mint", "severity": "low", "keywords": ["Cap"], "message": "m", "construct": {"classes": ["Cap"], "args": [{"at": "0#x", "param": "ttl"}]}}' >"$work/badrules/x.json"
"$capmig" scan "$work/userrepo" --rules "$work/badrules" >/dev/null 2>"$work/err"; rc=$?
check "an array element that is not a number exits 2 saying so" '[ $rc = 2 ] && grep -q "element number" "$work/err"'
# A pattern that backtracks catastrophically elsewhere runs in linear time on RE2.
echo '{"id": "redos", "name": "x", "kind": "regex", "languages": ["text"], "category": "capability-mint", "severity": "low", "keywords": ["a"], "pattern": "(a+)+b", "message": "m"}' >"$work/badrules/x.json"
$py -c "print('a' * 200000)" >"$work/userrepo/a.txt"
start=$(date +%s)
timeout 60 "$capmig" scan "$work/userrepo" --rules "$work/badrules" >/dev/null; rc=$?
check "(a+)+b over 200k a's finishes (RE2, linear time)" '[ $rc != 124 ] && [ $rc != 2 ]'

# --- nasty files: never fatal, each counted or listed ------------------------------------
n=$work/nasty
mkdir -p "$n/sub"
printf 'const ClientCapability = require("twilio").jwt.ClientCapability;\n\xff\xfe\xc3(bad utf8)\nconst c = new ClientCapability({accountSid: "AC1", authToken: "x\xff"});\nc.addScope(new ClientCapability.IncomingClientScope("al\xffice"));\n' >"$n/invalid-utf8.js"
printf 'binary\0\0\0 ClientCapability twilio' >"$n/blob.js"
$py -c "
import sys
jwt=open('samples/tokens/node6-capability.jwt').read().strip() if False else ''
sys.stdout.write('var x=1;' * (50*1024*1024//8) + '\n')" >"$n/huge-one-line.js"
ln -s .. "$n/sub/loop"
ln -s "$n/missing-target" "$n/dangling"
printf '\x00' | head -c 0 >"$n/empty.py"
"$capmig" scan "$n" --follow --max-filesize 64M --format json >"$work/nasty.json" 2>"$work/nasty.err"; rc=$?
check "nasty tree: exit is not 2 (nothing fatal)" '[ $rc = 0 ] || [ $rc = 1 ]'
check "nasty tree: JSON output is valid UTF-8 JSON" "$py -c 'import json; json.load(open(\"$work/nasty.json\", encoding=\"utf-8\"))'"
check "nasty tree: the construct in the invalid-UTF-8 file is found" "grep -q invalid-utf8.js '$work/nasty.json'"
check "nasty tree: the binary file is skipped" "! grep -q '\"blob.js\"' '$work/nasty.json'"
check "nasty tree: the symlink loop is listed under errors" "$py -c 'import json; r=json.load(open(\"$work/nasty.json\")); assert any(\"loop\" in e[\"path\"] or \"loop\" in e[\"message\"] for e in r[\"errors\"]), r[\"errors\"]'"
"$capmig" scan "$n" --format json >"$work/nasty2.json" 2>/dev/null; rc=$?
check "nasty tree: the 50 MB file is skipped by the default --max-filesize" '[ $rc != 2 ]'

echo "scan_cli: $fails failure(s)"
[ "$fails" = 0 ]
