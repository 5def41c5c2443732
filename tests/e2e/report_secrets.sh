#!/usr/bin/env bash
# No report shows a secret: every auth token written in samples/legacy (read from the files at
# the positions of the hardcoded-secret findings) must be absent from `scan` in every format and
# from the reports `fix` renders (markdown, html, sarif), patches included. (`fix`'s diff is the
# file's own text by necessity; its text and json outputs are fix's to check.)
set -uo pipefail
capmig=$(realpath "${1:?usage: report_secrets.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here/samples/legacy" || exit 1
export TWILIO_AUTH_TOKEN=0123456789abcdef0123456789abcdef
"$capmig" scan . --format json --now 1700000000 --fail-on never >"$work/scan.json"
/usr/bin/python3 - "$work/scan.json" >"$work/secrets" <<'EOF_PY'
import json, sys
for f in json.load(open(sys.argv[1]))["findings"]:
    if f["category"] != "hardcoded-secret" or f["line"] != f["end_line"]:
        continue
    line = open(f["path"], encoding="utf-8").read().split("\n")[f["line"] - 1]
    literal = line[f["column"] - 1:f["end_column"] - 1].strip("'\"`")
    assert len(literal) >= 16, (f["path"], literal)
    print(literal)
EOF_PY
n=$(wc -l <"$work/secrets")
[ "$n" -gt 5 ] || { echo "FAIL only $n secrets found in the samples"; exit 1; }
fails=0
for cmd in scan fix; do
  for format in text json sarif markdown html github; do
    [ "$cmd" = fix ] && case $format in markdown | html | sarif) ;; *) continue ;; esac
    "$capmig" "$cmd" . --format "$format" --now 1700000000 --fail-on never >"$work/out" 2>"$work/err"
    rc=$?
    if [ "$rc" -ge 2 ]; then echo "FAIL capmig $cmd --format $format exited $rc: $(head -3 "$work/err")"; fails=$((fails + 1)); continue; fi
    if leaked=$(grep -F -w -o -f "$work/secrets" "$work/out" "$work/err" | head -3) && [ -n "$leaked" ]; then
      echo "FAIL capmig $cmd --format $format prints a secret: $leaked"
      fails=$((fails + 1))
    fi
  done
done
echo "report_secrets: $n secrets; scan in 6 formats, fix in 3: $fails leak(s)"
[ "$fails" = 0 ]
