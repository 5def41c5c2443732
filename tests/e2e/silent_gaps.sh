#!/usr/bin/env bash
# No silent gaps (issue 14): a green gate must mean the code was read. Deep trees, large and
# minified files, --max-filesize 0, unreadable files, pseudo file systems with --follow,
# special files and vendor/ directories: each file not scanned is counted by reason in every
# format, and an incomplete scan fails the gate unless --allow-incomplete.
set -uo pipefail
capmig=${1:?usage: silent_gaps.sh /path/to/capmig}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi; }
py=/usr/bin/python3
json() { $py -c "import json,sys; r=json.load(open(sys.argv[1])); $2" "$1"; }

# A capability mint (twilio-node 3.x ClientCapability), two lines of code in one file.
mint_js="const twilio = require('twilio');
const ClientCapability = twilio.jwt.ClientCapability;
const capability = new ClientCapability({ accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: process.env.TWILIO_AUTH_TOKEN });
capability.addScope(new ClientCapability.IncomingClientScope('alice'));
module.exports = capability.toJwt();"

# deep_tree DIR N [symlink]: DIR/d/d/…/d (N deep) holding token.js (the mint), and a dangling
# symlink when asked. Made with directory descriptors: `cd` slows down past PATH_MAX.
deep_tree() {
  MINT=$mint_js $py - "$@" <<'EOF'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
os.makedirs(root, exist_ok=True)
fd = os.open(root, os.O_RDONLY)
for _ in range(n):
    os.mkdir("d", dir_fd=fd)
    nfd = os.open("d", os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = nfd
with open(os.open("token.js", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as f:
    f.write(os.environ["MINT"] + "\n")
if len(sys.argv) > 3:
    os.symlink("missing-target", "dangling.js", dir_fd=fd)
EOF
}

# --- a mint 3,000 directories deep (6,000-byte path: over PATH_MAX) --------------------------
deep=$work/deep
deep_tree "$deep" 3000
"$capmig" scan "$deep" --format json >"$work/deep.json" 2>"$work/deep.err"; rc=$?
check "3,000 deep: exit 1 (the mint fails the gate)" '[ $rc = 1 ]'
check "3,000 deep: the mint is found, no error" \
  "json '$work/deep.json' 'assert r[\"files_scanned\"]==1 and not r[\"errors\"] and r[\"complete\"], r[\"errors\"]; assert any(f[\"category\"]==\"capability-mint\" and f[\"path\"].endswith(\"/d/token.js\") and f[\"path\"].count(\"d/\")==3000 for f in r[\"findings\"])'"

# --- 10,000 deep: found too, and an error line about a path there stays short --------------
deeper=$work/deeper
deep_tree "$deeper" 10000 symlink
"$capmig" scan "$deeper" --follow >"$work/deeper.txt" 2>"$work/deeper.err"; rc=$?
check "10,000 deep: the mint is found (exit 1)" '[ $rc = 1 ] && grep -q "1 finding" "$work/deeper.txt"'
check "10,000 deep: the error line (dangling symlink) is one short line" \
  "grep -q 'error:.*dangling symlink' '$work/deeper.txt' && [ \$(grep 'error:' '$work/deeper.txt' | awk '{ print length }' | sort -n | tail -1) -lt 400 ]"
check "10,000 deep: a dangling symlink does not make the scan incomplete" '! grep -q incomplete "$work/deeper.txt"'

# --- large files: searched by keyword, lexed around the hits ---------------------------------
big=$work/big
mkdir -p "$big/small" "$big/lines" "$big/minified"
printf '%s\n' "$mint_js" >"$big/small/token.js"
printf '%s\n' "$mint_js" | tr '\n' ' ' >"$big/small/min.js"
printf '\n' >>"$big/small/min.js"
# 11 MB of filler lines in front of the mint; and the same on one minified line.
$py - "$big" <<'EOF'
import sys
root = sys.argv[1]
small = open(root + "/small/token.js").read()
one = open(root + "/small/min.js").read()
filler = "function f%d(a){return a+1;} // padding padding padding padding padding padding\n"
lines = [filler % i for i in range(140000)]
open(root + "/lines/token.js", "w").write("".join(lines) + small)
open(root + "/../lines.count", "w").write(str(len(lines)))
prefix = "var a=1;" * (11 * 1024 * 1024 // 8)
open(root + "/minified/min.js", "w").write(prefix + one)
open(root + "/../minified.prefix", "w").write(str(len(prefix)))
EOF
"$capmig" scan "$big/small" --format json --fail-on never >"$work/small.json"
"$capmig" scan "$big/lines" "$big/minified" --format json >"$work/big.json" 2>"$work/big.err"; rc=$?
check "11 MB files: exit 1, the mints are found" '[ $rc = 1 ]'
check "11 MB file of lines: the finding is at the small file's line + the filler's" \
  "$py -c '
import json
small = {f[\"path\"]: f for f in json.load(open(\"$work/small.json\"))[\"findings\"] if f[\"category\"] == \"capability-mint\"}
big = [f for f in json.load(open(\"$work/big.json\"))[\"findings\"] if f[\"category\"] == \"capability-mint\"]
n = int(open(\"$work/lines.count\").read())
want = small[\"token.js\"]
got = [f for f in big if f[\"path\"].endswith(\"lines/token.js\")]
assert len(got) == 1, got
assert (got[0][\"line\"], got[0][\"column\"], got[0][\"end_line\"]) == (want[\"line\"] + n, want[\"column\"], want[\"end_line\"] + n), (got[0], want)
assert got[0][\"capability\"][\"incoming_client_name\"][\"value\"] == \"alice\"
'"
check "11 MB minified line: the finding is at the small one-line file's column + the prefix" \
  "$py -c '
import json
small = {f[\"path\"]: f for f in json.load(open(\"$work/small.json\"))[\"findings\"] if f[\"category\"] == \"capability-mint\"}
big = [f for f in json.load(open(\"$work/big.json\"))[\"findings\"] if f[\"category\"] == \"capability-mint\"]
p = int(open(\"$work/minified.prefix\").read())
want = small[\"min.js\"]
got = [f for f in big if f[\"path\"].endswith(\"minified/min.js\")]
assert len(got) == 1, got
assert (got[0][\"line\"], got[0][\"column\"]) == (1, want[\"column\"] + p), (got[0][\"line\"], got[0][\"column\"], want[\"column\"], p)
'"
check "11 MB files: counted as large files, the scan complete" \
  "json '$work/big.json' 'assert r[\"large_files\"]==2 and r[\"files_scanned\"]==2 and r[\"complete\"], (r[\"large_files\"], r[\"files_scanned\"])'"
"$capmig" scan "$big/lines" >"$work/big.txt"
check "11 MB file: the text summary says it was searched by keyword" 'grep -q "1 large file searched by keyword" "$work/big.txt"'
"$capmig" fix "$big/lines" >"$work/big.diff" 2>"$work/big-fix.err"
check "11 MB file: fix does not rewrite what it did not lex whole, and says so" \
  '[ ! -s "$work/big.diff" ] && grep -q "larger than --max-filesize" "$work/big-fix.err"'

# --- --max-filesize 0 does not scan nothing and pass -----------------------------------------
"$capmig" scan "$big/small" --max-filesize 0 --format json >"$work/zero.json"; rc=$?
check "--max-filesize 0: every file is still searched; the mint fails the gate" \
  "[ $rc = 1 ] && json '$work/zero.json' 'assert r[\"files_scanned\"]==2 and r[\"large_files\"]==2 and sum(f[\"category\"]==\"capability-mint\" for f in r[\"findings\"])==2'"

# --- an unreadable file: incomplete, the gate fails in every format ---------------------------
ur=$work/unreadable
mkdir -p "$ur"
printf 'const x = 1;\n' >"$ur/ok.js"
printf '%s\n' "$mint_js" >"$ur/locked.js"
printf 'binary\0\0 ClientCapability twilio\n' >"$ur/blob.js"
chmod 000 "$ur/locked.js"
chmod 755 "$work" "$ur"
as_nobody() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; else "$@"; fi; }
for fmt in text json sarif markdown html github; do
  as_nobody "$capmig" scan "$ur" --format "$fmt" >"$work/ur.$fmt" 2>"$work/ur.$fmt.err"
  echo $? >"$work/ur.$fmt.rc"
done
check "unreadable file: exit 1 in every format, with a line on stderr saying why" \
  'for f in text json sarif markdown html github; do [ "$(cat "$work/ur.$f.rc")" = 1 ] || exit 1; grep -q "incomplete scan" "$work/ur.$f.err" || exit 1; done'
check "unreadable file: JSON counts it by reason and says complete: false" \
  "json '$work/ur.json' 'assert r[\"skipped\"][\"unreadable\"]==1 and r[\"skipped\"][\"binary\"]==1 and r[\"complete\"] is False and r[\"files_scanned\"]==1, r'"
check "unreadable file: the text summary says skipped and incomplete" \
  'grep -q "skipped 1 binary, 1 unreadable" "$work/ur.text" && grep -q "incomplete" "$work/ur.text"'
check "unreadable file: SARIF toolExecutionNotifications count it (error) and the binary (note)" \
  "json '$work/ur.sarif' 'n=r[\"runs\"][0][\"invocations\"][0][\"toolExecutionNotifications\"]; ids={x.get(\"descriptor\",{}).get(\"id\"):x[\"level\"] for x in n}; assert ids.get(\"capmig/skipped/unreadable\")==\"error\" and ids.get(\"capmig/skipped/binary\")==\"note\", n'"
check "unreadable file: Markdown has a visible line" 'grep -q "^Incomplete scan (1 file unreadable, 1 error).*Skipped 1 binary, 1 unreadable" "$work/ur.markdown"'
check "unreadable file: HTML has a visible line" 'grep -q "<p class=\"stat\" id=\"not-scanned\">Incomplete scan" "$work/ur.html"'
check "unreadable file: github annotations carry an error, the summary line the skipped counts" \
  'grep -q "^::error title=capmig%3A incomplete scan::" "$work/ur.github" && tail -1 "$work/ur.github" | grep -q "skipped 1 binary, 1 unreadable · incomplete"'
as_nobody "$capmig" scan "$ur" --allow-incomplete >/dev/null 2>&1; rc=$?
check "--allow-incomplete lets an incomplete scan (without findings) pass" '[ $rc = 0 ]'
chmod 644 "$ur/locked.js"
rm "$ur/locked.js"
"$capmig" scan "$ur" --format json >"$work/bin.json"; rc=$?
check "a skipped binary alone does not make the scan incomplete (exit 0)" \
  "[ $rc = 0 ] && json '$work/bin.json' 'assert r[\"complete\"] and r[\"skipped\"][\"binary\"]==1'"

# --- special files, vendor/ beside a manifest ------------------------------------------------
sp=$work/special
mkdir -p "$sp/vendor" "$sp/app/vendor"
mkfifo "$sp/pipe.js"
printf '%s\n' "$mint_js" >"$sp/vendor/dep.js"
printf '%s\n' "$mint_js" >"$sp/app/vendor/own.js"
printf '{}\n' >"$sp/composer.json"
timeout 20 "$capmig" scan "$sp" --format json >"$work/sp.json"; rc=$?
check "a FIFO is counted as special, not opened, not an error" \
  "json '$work/sp.json' 'assert r[\"skipped\"][\"special\"]==1 and not r[\"errors\"] and r[\"complete\"]'"
check "vendor/ beside composer.json is ignored; an application's own vendor/ is scanned" \
  "json '$work/sp.json' 'p={f[\"path\"] for f in r[\"findings\"]}; assert \"app/vendor/own.js\" in p and \"vendor/dep.js\" not in p and r[\"skipped\"][\"ignored\"]==1, (p, r[\"skipped\"])'"

# --- --follow never enters pseudo file systems, never leaves the roots' ----------------------
start=$(date +%s)
timeout 30 "$capmig" scan /proc/self --follow --format json >"$work/proc.json" 2>"$work/proc.err"; rc=$?
check "scan /proc/self --follow: finishes at once, reads nothing there, and says why (exit 1)" \
  "[ $rc = 1 ] && [ \$((\$(date +%s) - start)) -lt 10 ] && json '$work/proc.json' 'assert r[\"files_scanned\"]==0 and any(\"pseudo file system\" in e[\"message\"] for e in r[\"errors\"]), r[\"errors\"]'"
fl=$work/follow
mkdir -p "$fl"
printf 'const x = 1;\n' >"$fl/a.js"
ln -s /proc "$fl/proc"
timeout 30 "$capmig" scan "$fl" --follow --format json >"$work/follow.json"; rc=$?
check "a tree with a link to /proc (a pseudo file system): --follow does not cross" \
  "[ $rc = 0 ] && json '$work/follow.json' 'assert r[\"files_scanned\"]==1 and r[\"skipped\"][\"other_filesystem\"]>=1, (r[\"files_scanned\"], r[\"skipped\"])'"

echo "silent_gaps: $fails failure(s)"
[ "$fails" = 0 ]
