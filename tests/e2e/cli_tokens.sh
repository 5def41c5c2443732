#!/usr/bin/env bash
# The token commands end to end: exit codes, one-line errors, formats, secrets kept secret.
set -u
capmig=$1
S=samples/tokens
keys=(--auth-token-file $S/auth_token.txt --api-key-secret-file $S/api_key_secret.txt)
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
expect_exit() { # expected-code description command...
  local want=$1 what=$2; shift 2
  "$@" >/tmp/capmig-e2e.out 2>/tmp/capmig-e2e.err; local got=$?
  [ "$got" = "$want" ] && ok || bad "$what: exit $got, want $want"
}
cap=$(cat $S/node6-incoming-outgoing.jwt)
acc=$(cat $S/node6-access-token.jwt)

expect_exit 0 "decode verified capability token" "$capmig" decode "${keys[@]}" --now 1700000060 "$cap"
expect_exit 1 "decode with the wrong auth token" env TWILIO_AUTH_TOKEN=wrong "$capmig" decode --now 1700000060 "$cap"
grep -q '^capmig: error: argument 1: signature-invalid: ' /tmp/capmig-e2e.err && ok || bad "signature-invalid error line"
expect_exit 2 "decode garbage" "$capmig" decode "not a token"
grep -q '^capmig: error: argument 1: not-jwt: ' /tmp/capmig-e2e.err && ok || bad "not-jwt error line"
expect_exit 2 "decode alg none" "$capmig" decode --format json 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJBQzEifQ.'
python3 -c 'import json,sys; d=json.load(open("/tmp/capmig-e2e.out")); assert d["error"]["code"]=="alg-none"' && ok || bad "json error object"
expect_exit 2 "unknown command" "$capmig" frobnicate
expect_exit 2 "unknown flag" "$capmig" decode --bogus "$cap"

# jsonl: one object per input line, in order, errors included
printf '%s\n\n%s\nnope\n' "$cap" "$acc" | "$capmig" decode - --format jsonl "${keys[@]}" --now 1700000060 >/tmp/capmig-e2e.out 2>/dev/null
[ $? = 2 ] && ok || bad "jsonl with a bad line exits 2"
python3 - <<'PY' && ok || bad "jsonl content"
import json
rows = [json.loads(l) for l in open("/tmp/capmig-e2e.out")]
assert [r.get("kind") for r in rows] == ["capability", "access", None], rows
assert rows[0]["input"] == "stdin:1" and rows[1]["input"] == "stdin:3" and rows[2]["error"]["code"] == "not-jwt"
assert rows[0]["signature"]["verified"] is True and rows[1]["signature"]["verified"] is True
PY

# decode JSON follows SPEC's shape
"$capmig" decode --format json "${keys[@]}" --now 1700000060 "$cap" >/tmp/capmig-e2e.out
python3 - <<'PY' && ok || bad "decode json shape"
import json
d = json.load(open("/tmp/capmig-e2e.out"))
assert set(d) == {"kind", "header", "payload", "signature", "capability", "mapping", "lint"}, set(d)
assert d["mapping"]["identity"] == "alice" and d["mapping"]["ttl"] == 600
assert d["mapping"]["grants"] == {"identity": "alice", "voice": {"incoming": {"allow": True}, "outgoing": {
    "application_sid": "AP0123456789abcdef0123456789abcdef", "params": {"plan": "gold tier"}}}}
PY

# secrets never reach any output
secret=$(cat $S/auth_token.txt) apisecret=$(cat $S/api_key_secret.txt)
for cmd in decode map check; do
  "$capmig" $cmd "${keys[@]}" --now 1700000060 "$cap" >/tmp/capmig-e2e.out 2>&1
  "$capmig" $cmd "${keys[@]}" --now 1700000060 --format json "$cap" >>/tmp/capmig-e2e.out 2>&1
  # the sample auth token is also the tail of the sample SIDs (AC0123…), so match it alone
  grep -qE -e "(^|[^A-Za-z])$secret" -e "$apisecret" /tmp/capmig-e2e.out && bad "$cmd printed a secret" || ok
done

# mint: token alone on one line, usable as $(capmig mint …); refuses without identity
out=$("$capmig" mint --api-key-sid SK0123456789abcdef0123456789abcdef "${keys[@]}" --now 1700000060 "$cap")
[ $? = 0 ] && [ "$(printf '%s' "$out" | wc -l)" = 0 ] && [[ $out == eyJ*.*.* ]] && ok || bad "mint text output"
"$capmig" decode --format json "${keys[@]}" --now 1700000060 "$out" | python3 -c '
import json,sys; d=json.load(sys.stdin); assert d["kind"]=="access" and d["signature"]["verified"] and d["access"]["identity"]=="alice"' && ok || bad "minted token decodes"
expect_exit 2 "mint without identity" "$capmig" mint --api-key-sid SK0123456789abcdef0123456789abcdef "${keys[@]}" --now 1700000060 "$(cat $S/node6-outgoing-no-identity.jwt)"
grep -q 'identity-missing' /tmp/capmig-e2e.err && ok || bad "mint says identity-missing"
expect_exit 0 "mint with --identity" "$capmig" mint --identity bob --api-key-sid SK0123456789abcdef0123456789abcdef "${keys[@]}" --now 1700000060 "$(cat $S/node6-outgoing-no-identity.jwt)"
expect_exit 2 "mint without a secret" env -u TWILIO_API_KEY_SECRET "$capmig" mint --api-key-sid SK0123456789abcdef0123456789abcdef --now 1700000060 "$cap"
expect_exit 1 "mint from a forged capability token" env TWILIO_AUTH_TOKEN=wrong TWILIO_API_KEY_SECRET=x "$capmig" mint --api-key-sid SK0123456789abcdef0123456789abcdef --now 1700000060 "$cap"

# check: the CI gate
expect_exit 0 "check a healthy access token" "$capmig" check "${keys[@]}" --now 1700000060 "$acc"
expect_exit 1 "check a capability token" "$capmig" check "${keys[@]}" --now 1700000060 "$cap"
expect_exit 1 "check an expired access token" "$capmig" check "${keys[@]}" --now 1800000000 "$acc"
expect_exit 0 "check HS384 passes by default" "$capmig" check "${keys[@]}" --now 1700000060 "$(cat $S/node6-access-token-hs384-region.jwt)"
expect_exit 1 "check HS384 fails with --strict" "$capmig" check --strict "${keys[@]}" --now 1700000060 "$(cat $S/node6-access-token-hs384-region.jwt)"
expect_exit 1 "check --require-verified without keys" env -u TWILIO_API_KEY_SECRET "$capmig" check --require-verified --now 1700000060 "$acc"
expect_exit 2 "check a malformed token" "$capmig" check "${keys[@]}" "eyJ.eyJ.x"

# --extract finds the tokens in a log and a HAR capture
n=$("$capmig" decode --extract --format jsonl "${keys[@]}" --now 1700000060 $S/server.log $S/browser.har | wc -l)
[ "$n" = 3 ] && ok || bad "--extract found $n tokens, want 3"

# A secret file that is a directory or empty is an error, never an empty key.
expect_exit 2 "a directory as --auth-token-file" "$capmig" decode --auth-token-file "$S" "$cap"
grep -q "cannot read secret file .*Is a directory" /tmp/capmig-e2e.err && ok || bad "directory secret file error line"
: >/tmp/capmig-e2e-empty-secret
expect_exit 2 "an empty --api-key-secret-file" "$capmig" decode --api-key-secret-file /tmp/capmig-e2e-empty-secret "$acc"
grep -q "is empty" /tmp/capmig-e2e.err && ok || bad "empty secret file error line"
rm -f /tmp/capmig-e2e-empty-secret

echo "e2e cli_tokens: $pass passed, $fail failed"
[ "$fail" = 0 ]
