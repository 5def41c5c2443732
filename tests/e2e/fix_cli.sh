#!/usr/bin/env bash
# capmig fix end to end: the diff applies with git and patch, --apply gives the same bytes and
# keeps modes, a second run has nothing to do, and --apply killed at random moments never leaves
# a file half-written. What the fix writes into each sample is held to its `.fixed` twin by
# tests/e2e/fix_twins.sh.
set -uo pipefail
capmig=$(realpath "${1:?usage: fix_cli.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# On disk next to the build, not a tmpfs: the interrupt test needs real fsyncs to land in.
work=$(mktemp -d "$(dirname "$capmig")/fix-cli.XXXXXX")
trap 'rm -rf "$work"' EXIT
fails=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi; }
py=/usr/bin/python3

# --- the samples: patch, apply, idempotence ---------------------------------------
cd "$work"
cp -r "$here/samples/legacy" legacy
git init -q . && git add -A && git -c user.email=t@t -c user.name=t commit -qm base
"$capmig" fix legacy >fix.diff 2>fix.err; rc=$?
check "fix exits 1 while constructs need input" '[ $rc = 1 ]'
check "the summary is on stderr, the diff alone on stdout" \
  'grep -q "^capmig: fix: .* rewritable in .* need input (nothing written" fix.err && head -1 fix.diff | grep -q "^--- a/legacy/"'
check "every needs-input construct says why" \
  '[ "$(grep -c ": needs-input: " fix.err)" -ge 10 ] && ! grep -q ": needs-input: $" fix.err'
check "git apply --check takes the patch" 'git apply --check fix.diff'
check "patch -p1 --dry-run takes the patch" 'patch -p1 --dry-run -s <fix.diff >/dev/null'
# The samples' auth-token literals (their hex also occurs inside SIDs, hence the quote before).
secrets="[\"'](e3b0c44298fc1c149afbf4c8996fb924|098f6bcd4621d373cade4e832627b4f6|8f14e45fceea167a5a36dedd4bea2543|1679091c5a880faf6fb5e6087eb1b2dc|9bf31c7ff062936a96d3c8bd1f8f2ff3)"
# The diff is the user's own text and must apply, so a literal may sit on a line it removes or
# shows as context; the patch never adds one, and the summary and reports never print one.
check "no sample auth token in the summary, and none on a line the patch adds" \
  '! grep -Eq "$secrets" fix.err && ! grep -E "^\+" fix.diff | grep -Eq "$secrets"'

cp -r legacy applied
chmod 0640 applied/javascript/node2-express-capability.js
"$capmig" fix applied --apply >apply.out 2>apply.err; rc=$?
check "--apply exits 1 (needs-input remains) and prints no diff" '[ $rc = 1 ] && [ ! -s apply.out ]'
check "--apply reports the files it wrote" 'grep -q "applied to [1-9][0-9]* of [1-9][0-9]* files" apply.err'
git apply fix.diff
check "--apply gives exactly what git apply gives" 'diff -r legacy applied >/dev/null'
check "--apply keeps the file mode" '[ "$(stat -c %a applied/javascript/node2-express-capability.js)" = 640 ]'
"$capmig" fix applied >again.diff 2>again.err
check "a second fix on migrated code has nothing to do" '[ ! -s again.diff ]'
check "no temporary files are left beside the patched ones" '[ -z "$(find applied -name ".*capmig*")" ]'

"$capmig" fix applied --format json >fix.json 2>/dev/null
check "--format json lists each rewrite with status and reasons" \
  "$py -c 'import json; r=json.load(open(\"fix.json\")); s=r[\"summary\"]; assert s[\"rewritten\"]==0 and s[\"needs_input\"]==len(r[\"rewrites\"])>0; assert all(w[\"reasons\"] for w in r[\"rewrites\"])'"
git checkout -q -- legacy
"$capmig" fix legacy --format json --output fix2.json 2>/dev/null
check "the JSON report redacts hard-coded secrets in before/after and diffs" '! grep -Eq "$secrets" fix2.json'
check "--output writes the JSON report; it names patched files with their diff" \
  "$py -c 'import json; r=json.load(open(\"fix2.json\")); s=r[\"summary\"]; assert s[\"rewritten\"]>=10 and s[\"files_patched\"]==len(r[\"files\"]); assert all(f[\"diff\"].startswith(\"--- a/\") for f in r[\"files\"]); assert {w[\"status\"] for w in r[\"rewrites\"]}=={\"rewritten\",\"needs-input\"}'"

# Drafts: constructs that need only a person's piece (identity, API key source, library
# upgrade) are written with it marked TODO(capmig); in the patch only with --include-drafts.
"$capmig" fix legacy --include-drafts >drafts.diff 2>drafts.err
check "--include-drafts adds the drafts to the patch, marked, and they still need input" \
  'git apply --check drafts.diff && grep -q "^+.*TODO(capmig)" drafts.diff && ! grep -q "^+.*TODO(capmig)" fix.diff &&
   [ "$(grep -c "^+++ " drafts.diff)" -gt "$(grep -c "^+++ " fix.diff)" ] && grep -q "they are in the patch" drafts.err &&
   [ "$(grep -c ": needs-input: " drafts.err)" = "$(grep -c ": needs-input: " fix.err)" ]'
rm -rf drafted && cp -r legacy drafted && (cd drafted && patch -s -p2 <../drafts.diff)
bad=""
for f in $(grep "^+++ b/" drafts.diff | sed 's|^+++ b/legacy/||'); do
  case "$f" in
    *.js) node --check "drafted/$f" 2>/dev/null || bad="$bad $f" ;;
    *.py) $py -m py_compile "drafted/$f" 2>/dev/null || bad="$bad $f" ;;
    *.rb) ! command -v ruby >/dev/null || ruby -c "drafted/$f" >/dev/null 2>&1 || bad="$bad $f" ;;
    *.php) ! command -v php >/dev/null || php -l "drafted/$f" >/dev/null 2>&1 || bad="$bad $f" ;;
  esac
done
check "every drafted JS, Python, Ruby and PHP file still parses${bad:+ (not:$bad)}" '[ -z "$bad" ]'

# (one language's tree: the whole samples' report is cut to GitHub's comment size)
"$capmig" fix legacy/ruby --format markdown >drafts.md 2>/dev/null
"$capmig" fix legacy/ruby --format html >drafts.html 2>/dev/null
"$capmig" scan legacy/ruby --format markdown >plan.md 2>/dev/null
n_json=$("$capmig" fix legacy/ruby --format json 2>/dev/null | $py -c 'import json,sys; print(sum("draft" in r for r in json.load(sys.stdin)["rewrites"]))')
n_md=$(grep -c '^\*\*Draft\*\* (not in the patch' drafts.md)
check "the Markdown and HTML reports show each draft ($n_md of $n_json) with its TODO(capmig); a scan's plan none" \
  '[ "$n_json" -gt 0 ] && [ "$n_md" = "$n_json" ] && grep -q "TODO(capmig)" drafts.md &&
   grep -q "\"draft\":{\"diff\"" drafts.html && ! grep -q "Draft" plan.md'
"$capmig" fix legacy/javascript/node2-oneliners.js --library-upgraded >id0.diff 2>id0.err
"$capmig" fix legacy/javascript/node2-oneliners.js --library-upgraded --identity "'lobby'" >id1.diff 2>id1.err
check "--identity rewrites the construct that had no client name" \
  'grep -q "identity-missing" id0.err && ! grep -q "needs-input" id1.err && grep -q "identity: '"'"'lobby'"'"'" id1.diff'
"$capmig" fix legacy --format github >/dev/null 2>err; rc=$?
check "an unknown --format is a usage error" '[ $rc = 2 ] && grep -q "capmig: error:" err'
"$capmig" fix "$work/missing" >/dev/null 2>err; rc=$?
check "a missing path exits 2" '[ $rc = 2 ]'

# --- --apply interrupted: every file is wholly old or wholly new ---------------------------
n=1500
mkdir -p itree/src orig ifix
# A twilio-node 2.x file in a project already on 6.x: fix rewrites it without --library-upgraded.
upgraded='{"dependencies": {"twilio": "^6.2.0"}}'
echo "$upgraded" >itree/package.json
echo "$upgraded" >ifix/package.json
cat >orig/tok.js <<'EOF'
const twilio = require('twilio');

function tokenFor(user) {
  const capability = new twilio.Capability(process.env.TWILIO_ACCOUNT_SID, process.env.TWILIO_AUTH_TOKEN);
  capability.allowClientIncoming(user);
  return capability.generate(600);
}

module.exports = { tokenFor };
EOF
cp orig/tok.js ifix/expected.js
"$capmig" fix ifix/expected.js --apply 2>/dev/null
mv ifix/expected.js expected.js
check "the interrupt fixture is rewritten" 'grep -q "new AccessToken(" expected.js && ! cmp -s expected.js orig/tok.js'
seed_tree() { rm -rf itree/src; mkdir -p itree/src; for i in $(seq 1 $n); do cp orig/tok.js itree/src/t$i.js; done; }
partial=0 torn=0 trials=0
# Fixed delays first; when none lands mid-apply (a slow sanitizer build, a busy machine moves
# the write window), bisect between the last kill that wrote nothing and the first that wrote all.
lo=0 hi=10 extra=0 left_tmp=0
delays="0.3 0.6 1.0 1.5 2.0 3.0 0.8 1.2"
while :; do
  if [ -n "$delays" ]; then
    delay=${delays%% *}; [ "$delays" = "$delay" ] && delays="" || delays=${delays#* }
  elif [ "$partial" = 0 ] && [ "$extra" -lt 6 ]; then
    delay=$(python3 -c "print(round(($lo + $hi) / 2, 3))"); extra=$((extra + 1))
  else
    break
  fi
  seed_tree
  "$capmig" fix itree --apply -j 2 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  trials=$((trials + 1))
  new=0 old=0
  for f in itree/src/*.js; do
    if cmp -s "$f" expected.js; then new=$((new + 1)); elif cmp -s "$f" orig/tok.js; then old=$((old + 1)); else torn=$((torn + 1)); echo "torn: $f"; fi
  done
  [ "$(ls itree/src | wc -l)" = "$n" ] || torn=$((torn + 1))
  # Killed between naming the finished temporary file and the rename: it may stay, whole,
  # until the next run removes it (checked below); never a torn one.
  for t in $(find itree -name '.*capmig*'); do
    cmp -s "$t" expected.js || { echo "torn temporary file after kill -9 at ${delay}s: $t"; torn=$((torn + 1)); }
    left_tmp=$((left_tmp + 1))
  done
  if [ "$new" -gt 0 ] && [ "$old" -gt 0 ]; then partial=$((partial + 1)); fi
  [ "$new" = 0 ] && python3 -c "import sys; sys.exit(not $delay > $lo)" && lo=$delay
  [ "$old" = 0 ] && python3 -c "import sys; sys.exit(not $delay < $hi)" && hi=$delay
  echo "     kill -9 after ${delay}s: $new patched, $old untouched"
done
check "kill -9 during --apply never leaves a file or a temporary torn ($trials trials, $left_tmp whole temporaries)" '[ $torn = 0 ]'
check "at least one kill landed mid-apply (some files patched, some not)" '[ $partial -gt 0 ]'
# What a kill between link and rename leaves, from a process that is gone (a live one's stays).
sh -c 'exit 0' & dead=$!; wait "$dead"
first=$(ls itree/src | head -1)
cp orig/tok.js "itree/src/$first"
cp expected.js "itree/src/.$first.capmig-$dead-0"
cp expected.js "itree/src/.$first.capmig-$$-0"
"$capmig" fix itree --apply >/dev/null 2>&1
check "re-running --apply after an interrupt completes the migration" \
  '[ "$(for f in itree/src/*.js; do cmp -s "$f" expected.js && echo x; done | wc -l)" = "$n" ]'
check "the rerun removes a dead run's temporary file, not a live one's" \
  '[ ! -e "itree/src/.$first.capmig-$dead-0" ] && [ -e "itree/src/.$first.capmig-$$-0" ]'
rm -f "itree/src/.$first.capmig-$$-0"

[ $fails = 0 ] && echo "fix_cli: all checks passed" || echo "fix_cli: $fails failure(s)"
exit $((fails > 0))
