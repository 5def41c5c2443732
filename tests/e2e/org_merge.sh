#!/usr/bin/env bash
# capmig merge at organisation scale: 200 generated repositories (legacy samples, generated
# capability code and secrets, clean code), scanned one by one through GNU parallel with the
# commands of docs/org-scale.md, merged, and compared finding for finding with one direct
# `capmig scan` of their parent directory (rule, path, place, severity, category, snippet, and
# the ids recomputed from the fingerprint scheme). Then every output format and every bad input.
set -u
capmig=$(realpath "${1:?usage: org_merge.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
tmp=$(mktemp -d /tmp/capmig-org-e2e.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
unset TWILIO_AUTH_TOKEN TWILIO_API_KEY_SECRET
command -v parallel >/dev/null || { echo "org_merge: error: GNU parallel is not installed (scripts/install-deps.sh)"; exit 2; }
mkdir -p "$tmp/bin" && ln -s "$capmig" "$tmp/bin/capmig"
export PATH="$tmp/bin:$PATH"

# 1. The repositories. Kinds by number: clean code only; legacy samples (the same file at the
#    same path in many repositories, so ids repeat across them); generated capability code and
#    hard-coded auth tokens; a mix. repo-137 holds the most high-severity findings.
python3 - "$here/samples/legacy" "$tmp/clones" <<'PY'
import os, random, shutil, sys
samples, out = sys.argv[1], sys.argv[2]
rnd = random.Random(15)
legacy = sorted(os.path.join(d, f) for d, _, fs in os.walk(samples) for f in fs
                if not f.startswith(("negative", "Negative")) and f != "README.md")
negative = sorted(os.path.join(d, f) for d, _, fs in os.walk(samples) for f in fs if f.lower().startswith("negative"))
def put(repo, rel, text=None, src=None):
    p = os.path.join(out, repo, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    if src: shutil.copyfile(src, p)
    else: open(p, "w").write(text)
def generated_js(i):
    return ("const twilio = require('twilio');\n"
            "const ClientCapability = twilio.jwt.ClientCapability;\n"
            "function token(req) {\n"
            "  const capability = new ClientCapability({ accountSid: process.env.ACCOUNT_SID, authToken: process.env.AUTH_TOKEN });\n"
            "  capability.addScope(new ClientCapability.IncomingClientScope('agent%d'));\n"
            "  capability.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: 'AP%032x' }));\n"
            "  return capability.toJwt();\n}\nmodule.exports = token;\n" % (i, i))
def secret_py(i):
    return ("import os\nfrom twilio.rest import Client\n\nACCOUNT_SID = 'AC%032x'\n"
            "AUTH_TOKEN = '%032x'\nclient = Client(ACCOUNT_SID, AUTH_TOKEN)\n" % (i, rnd.getrandbits(128)))
for i in range(200):
    repo = "repo-%03d" % i
    put(repo, "README.md", "# %s\n\nNothing to see.\n" % repo)
    put(repo, "src/util.py", "def add(a, b):\n    return a + b  # %d\n" % i)
    kind = i % 4
    if kind == 1 or kind == 3:
        put(repo, "server/token" + os.path.splitext(legacy[i % 7])[1], src=legacy[i % 7])
    if kind == 2 or kind == 3:
        put(repo, "web/token.js", generated_js(i))
        put(repo, "config/settings.py", secret_py(i))
    if kind == 0 and i % 8 == 0:
        put(repo, "lib/" + os.path.basename(negative[i % len(negative)]), src=negative[i % len(negative)])
    if i % 10 == 5:
        put(repo, "legacy/" + os.path.basename(legacy[(i * 3) % len(legacy)]), src=legacy[(i * 3) % len(legacy)])
for k in range(6):  # the worst one
    put("repo-137", "extra%d/token.js" % k, generated_js(1000 + k))
    put("repo-137", "extra%d/settings.py" % k, secret_py(1000 + k))
PY

# 2. docs/org-scale.md's GNU parallel block, run as written (its first ```sh block).
python3 - "$here/docs/org-scale.md" >"$tmp/run.sh" <<'PY'
import re, sys
print(re.search(r"^```sh\n(.*?)^```", open(sys.argv[1]).read(), re.S | re.M).group(1))
PY
start=$(date +%s.%N)
(cd "$tmp" && CLONES="$tmp/clones" bash "$tmp/run.sh") >"$tmp/run.out" 2>&1
secs=$(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
grep -qx "scans that failed: 0" "$tmp/run.out" && ok || { bad "docs/org-scale.md's parallel block"; cat "$tmp/run.out"; }
# Every job ran and exited 0 (a scan's 1 passed through the doc's guard): column 7 of the log.
[ "$(awk 'NR > 1 && $7 == 0' "$tmp/scan.log" | wc -l)" = 200 ] && ok || bad "job log: not 200 jobs with exit 0"
[ "$(ls "$tmp/reports" | wc -l)" = 200 ] && ok || bad "not 200 reports from parallel"
echo "org_merge: 200 scans through parallel and 3 merges in ${secs}s"

# docs/org-scale.md's workflow parses, scans each matrix repository and merges every report.
python3 - "$here/docs/org-scale.md" <<'PY' && ok || bad "docs/org-scale.md's workflow"
import re, sys, yaml
wf = yaml.safe_load(re.search(r"^```yaml\n(.*?)^```", open(sys.argv[1]).read(), re.S | re.M).group(1))
jobs = wf["jobs"]
assert jobs["scan"]["strategy"]["matrix"]["repository"] and jobs["scan"]["needs"] == "build"
scan = "\n".join(s.get("run", "") for s in jobs["scan"]["steps"])
assert "capmig scan repo --format json --repository" in scan
assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in jobs["scan"]["steps"])
assert jobs["merge"]["needs"] == "scan"
down = [s for s in jobs["merge"]["steps"] if s.get("uses", "").startswith("actions/download-artifact")]
assert any(s["with"].get("pattern") == "capmig-report-*" and s["with"].get("merge-multiple") for s in down)
merge = "\n".join(s.get("run", "") for s in jobs["merge"]["steps"])
for fmt in ("sarif", "html", "markdown"):
    assert "bin/capmig merge reports/*.json --format " + fmt in merge, fmt
PY

# The reports named with --repository carry fix's plan: the organisation's remaining work
# splits what `fix` migrates from what needs a person, summed over the repositories.
python3 - "$tmp/reports" <<'PY' && ok || bad "every report carries fix_plan"
import json, pathlib, sys
plans = [json.load(open(p)).get("fix_plan") for p in pathlib.Path(sys.argv[1]).glob("*.json")]
assert len(plans) == 200 and all(p is not None for p in plans), sum(p is None for p in plans)
assert sum(p["rewritten"] for p in plans) > 0 and sum(p["needs_input"] for p in plans) > 0
PY
(cd "$tmp" && "$capmig" merge reports/*.json --format markdown) 2>/dev/null | grep -q "migrates automatically" &&
  ok || bad "merged Markdown splits the constructs fix migrates from those needing a person"

# 3. The same repositories in one scan: the merged report must say the same.
"$capmig" scan "$tmp/clones" --format json -o "$tmp/direct.json"
[ $? = 1 ] && ok || bad "direct scan: want exit 1 (findings)"
(cd "$tmp" && "$capmig" merge reports/*.json) >"$tmp/merged.json" 2>"$tmp/err"  # the doc's relative names
rc=$?
[ $rc = 1 ] && ok || bad "merge: exit $rc, want 1 (findings)"
cmp -s "$tmp/merged.json" "$tmp/org.json" && ok || bad "merge to stdout differs from the doc block's --output"
[ ! -s "$tmp/err" ] && ok || bad "merge of good reports wrote to stderr: $(head -c 300 "$tmp/err")"
python3 - "$tmp/merged.json" "$tmp/direct.json" <<'PY' && ok || bad "merged report differs from the direct scan"
import collections, hashlib, json, sys
merged, direct = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
def fp(rule, path, snippet, k):  # analyzer/scan/fingerprint.cpp's scheme
    field = lambda s: str(len(s.encode())) + ":" + s
    norm = "".join(c for c in snippet if c not in " \t\n\r\v\f")
    data = field("cm1-") + field(rule) + field(path) + field(norm) + field(str(k))
    return "cm1-" + hashlib.sha256(data.encode()).hexdigest()[:20]
keys = ("rule_id", "line", "column", "end_line", "end_column", "severity", "category", "language", "snippet", "message")
m = {(f["repository"] + "/" + f["path"],) + tuple(f[k] for k in keys): f for f in merged["findings"]}
d = {(f["path"],) + tuple(f[k] for k in keys): f for f in direct["findings"]}
assert len(m) == len(merged["findings"]) and len(d) == len(direct["findings"]), "duplicate findings"
assert set(m) == set(d), ("only merged", sorted(set(m) - set(d))[:3], "only direct", sorted(set(d) - set(m))[:3])
assert len(m) > 300, len(m)
for key, f in m.items():
    g = d[key]
    ks = [k for k in range(50) if fp(f["rule_id"], f["path"], f["snippet"], k) == f["id"]]
    assert len(ks) == 1, ("merged id is not its repository's fingerprint", f["org_id"])
    assert fp(g["rule_id"], g["path"], g["snippet"], ks[0]) == g["id"], ("direct id", g["path"])
    assert f["org_id"] == f["repository"] + ":" + f["id"]
    assert f["capability"] == g["capability"] and f["mapping"] == g["mapping"]
ids = collections.Counter(f["id"] for f in merged["findings"])
assert max(ids.values()) > 1, "no id repeats across repositories: org_id untested"
assert len({f["org_id"] for f in merged["findings"]}) == len(merged["findings"]), "org_id not unique"
t, s = merged["totals"], direct["summary"]
assert t["repositories"] == 200 and t["incomplete_repositories"] == 0
assert t["files_scanned"] == direct["files_scanned"], (t["files_scanned"], direct["files_scanned"])
for k in ("findings", "new", "files_with_findings", "by_severity", "by_category", "by_language"):
    assert t[k] == s[k], (k, t[k], s[k])
rows = merged["repositories"]
assert [r["repository"] for r in rows] == ["repo-%03d" % i for i in range(200)]
per = collections.Counter(f["path"].split("/")[0] for f in direct["findings"])
assert all(r["summary"]["findings"] == per[r["repository"]] and r["complete"] for r in rows)
assert sum(1 for r in rows if r["summary"]["findings"] == 0) >= 40, "too few clean repositories"
PY

# The worst-first order, from the direct scan: most high, then medium, low, info; then name.
python3 - "$tmp/direct.json" >"$tmp/worst.txt" <<'PY'
import collections, json, sys
sev = collections.defaultdict(lambda: [0, 0, 0, 0])
for f in json.load(open(sys.argv[1]))["findings"]:
    sev[f["path"].split("/")[0]][["high", "medium", "low", "info"].index(f["severity"])] += 1
repos = ["repo-%03d" % i for i in range(200)]
print("\n".join(sorted(repos, key=lambda r: ([-n for n in sev[r]], r))))
PY
[ "$(head -1 "$tmp/worst.txt")" = repo-137 ] && ok || bad "repo-137 is not the worst: $(head -1 "$tmp/worst.txt")"

# 4. Formats. HTML: self-contained, repositories worst first, totals.
grep -o 'data-repository="[^"]*"' "$tmp/org.html" | sed 's/.*="\(.*\)"/\1/' >"$tmp/html-order.txt"
cmp -s "$tmp/html-order.txt" "$tmp/worst.txt" && ok || bad "HTML rows are not worst first: $(head -3 "$tmp/html-order.txt" | tr '\n' ' ')"
grep -q 'id="remaining-work"' "$tmp/org.html" && grep -q '200 repositories' "$tmp/org.html" && ok || bad "HTML: no totals or remaining work"
! grep -qiE '<script|src="http|href="http' "$tmp/org.html" && ok || bad "HTML dashboard loads or runs something"
# Markdown: a row per repository, same order.
grep -o '^| repo-[0-9]*' "$tmp/org.md" | cut -c3- >"$tmp/md-order.txt"
cmp -s "$tmp/md-order.txt" "$tmp/worst.txt" && ok || bad "Markdown rows are not the 200 repositories worst first"
# SARIF: one run per repository, each result fingerprinted by its finding's id.
"$capmig" merge --format sarif "$tmp"/reports/*.json -o "$tmp/org.sarif"
[ $? = 1 ] && ok || bad "merge --format sarif: want exit 1"
python3 - "$tmp/org.sarif" "$tmp/merged.json" <<'PY' && ok || bad "SARIF runs"
import json, sys
sarif, merged = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert sarif["version"] == "2.1.0" and len(sarif["runs"]) == 200
by_repo = {}
for f in merged["findings"]: by_repo.setdefault(f["repository"], []).append(f["id"])
for run in sarif["runs"]:
    repo = run["properties"]["repository"]
    assert run["automationDetails"]["id"] == "capmig/" + repo + "/"
    assert run["tool"]["driver"]["name"] == "capmig" and run["tool"]["driver"]["rules"]
    got = [r["partialFingerprints"]["capmigFindingId/v1"] for r in run["results"]]
    assert got == by_repo.get(repo, []), repo
    for r in run["results"]:
        assert r["ruleId"] == run["tool"]["driver"]["rules"][r["ruleIndex"]]["id"]
PY

# 5. Names: without --repository the root's last component; a hostile name is escaped.
"$capmig" scan "$tmp/clones/repo-001" --format json -o "$tmp/plain-001.json"
"$capmig" scan "$tmp/clones/repo-002/" --format json -o "$tmp/plain-002.json"
"$capmig" merge "$tmp/plain-001.json" "$tmp/plain-002.json" >"$tmp/plain.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [r["repository"] for r in d["repositories"]]==["repo-001","repo-002"]' "$tmp/plain.json" &&
  ok || bad "repository names from the roots"
"$capmig" scan "$tmp/clones/repo-002" --format json --repository '<img src=x onerror=alert(1)>&"' -o "$tmp/hostile.json"
"$capmig" merge --format html "$tmp/hostile.json" >"$tmp/hostile.html"
grep -qF '&lt;img src=x onerror=alert(1)&gt;&amp;&quot;' "$tmp/hostile.html" && ! grep -q '<img' "$tmp/hostile.html" &&
  ok || bad "hostile repository name not escaped in HTML"
"$capmig" scan "$tmp/clones/repo-002" --format json --repository 'a:b' -o "$tmp/x.json" 2>"$tmp/err"
[ $? = 2 ] && grep -q "repository" "$tmp/err" && ok || bad "scan --repository with ':' accepted"

# 6. Bad input: each an error naming the file (exit 2), or a warning; never a crash.
r=$tmp/reports
expect() {  # expect EXIT "stderr pattern" what -- merge args…
  local want=$1 pattern=$2 what=$3
  shift 4
  "$capmig" merge "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  if [ $rc = "$want" ] && grep -qE "$pattern" "$tmp/err"; then ok; else bad "$what: exit $rc, stderr: $(head -c 300 "$tmp/err")"; fi
}
head -c 300 "$r/repo-003.json" >"$tmp/truncated.json"
expect 2 "truncated.json: not a capmig scan report \(not JSON, or cut short" "truncated report" -- "$r/repo-001.json" "$tmp/truncated.json"
: >"$tmp/empty.json"
expect 2 "empty.json: not a capmig scan report" "empty file" -- "$tmp/empty.json"
head -c 4096 /dev/urandom >"$tmp/binary.json"
expect 2 "binary.json: not a capmig scan report" "binary file" -- "$tmp/binary.json"
printf '{"findings": [], "root": "\xff\xfe"}' >"$tmp/latin1.json"
expect 2 "latin1.json: not a capmig scan report \(not UTF-8" "invalid UTF-8" -- "$tmp/latin1.json"
echo '{"name": "some-package", "version": "1.0.0"}' >"$tmp/package.json"
expect 2 'package.json: not a capmig scan report \(no "root"' "foreign JSON" -- "$tmp/package.json"
expect 2 "org.sarif: not a capmig scan report" "SARIF given as a scan report" -- "$tmp/org.sarif"
expect 2 "org.json: not a capmig scan report" "a merged report given as a scan report" -- "$tmp/org.json"
sed 's/^{"version":1,/{"version":2,/' "$r/repo-005.json" >"$tmp/v2.json"
expect 2 "v2.json: scan report version 2, this capmig reads version 1" "version mismatch" -- "$tmp/v2.json"
python3 - "$r/repo-007.json" "$tmp" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["findings"], "repo-007 has no findings"
d["findings"][0]["line"] = "12"
json.dump(d, open(sys.argv[2] + "/damaged.json", "w"))
d = json.load(open(sys.argv[1])); d["findings"].append(d["findings"][0])
json.dump(d, open(sys.argv[2] + "/twice.json", "w"))
d = json.load(open(sys.argv[1])); d["findings"].pop()
json.dump(d, open(sys.argv[2] + "/other-007.json", "w"))
d = json.load(open(sys.argv[1])); d["findings"].append(dict(d["findings"][0]))
for f in d["findings"][-2:]: f["id"] = "\x1b]0;PWNED\x07\x1b[2J"
json.dump(d, open(sys.argv[2] + "/escape.json", "w"))
d = json.load(open(sys.argv[1])); d["complete"] = False; d["repository"] = "half"
json.dump(d, open(sys.argv[2] + "/incomplete.json", "w"))
PY
expect 2 'damaged.json: damaged scan report: finding 1 has no count "line"' "finding with a string line" -- "$tmp/damaged.json"
expect 2 "twice.json: damaged scan report: finding id cm1-[0-9a-f]+ appears twice" "one id twice" -- "$tmp/twice.json"
expect 2 'escape.json: damaged scan report: finding id \\x1b\]0;PWNED\\x07\\x1b\[2J appears twice' "escape sequences in an id" -- "$tmp/escape.json"
! grep -q $'\x1b' "$tmp/err" && ok || bad "an escape sequence from a report reached the terminal"
expect 2 'repository "repo-007" also comes from' "one repository, two different reports" -- "$r/repo-007.json" "$tmp/other-007.json"
expect 1 'warning: .*repo-007.json: the same report for repository "repo-007" as .*counted once' "same report twice" -- \
  "$r/repo-007.json" "$r/repo-007.json" "$r/repo-004.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["totals"]["repositories"]==2' "$tmp/out" &&
  ok || bad "same report twice is not counted once"
expect 1 'warning: .*incomplete.json: repository "half" was scanned incompletely' "incomplete scan" -- "$tmp/incomplete.json"
expect 2 "missing.json: No such file or directory" "missing file" -- "$tmp/missing.json"
expect 2 "reports: is not a regular file" "a directory" -- "$r"
expect 2 "at least one REPORT.json" "no report" --
expect 2 "format must be" "unknown format" -- --format pdf "$r/repo-004.json"
# Clean repositories only: exit 0 in every format.
for fmt in json sarif markdown html; do
  "$capmig" merge --format $fmt "$r/repo-000.json" "$r/repo-004.json" >/dev/null 2>&1
  rc=$?
  [ $rc = 0 ] && ok || bad "merge --format $fmt of clean repositories: exit $rc, want 0"
done

echo "e2e org_merge: $pass passed, $fail failed"
[ $fail = 0 ]
