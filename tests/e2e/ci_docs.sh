#!/usr/bin/env bash
# docs/ci.md's commands, run for real (docs/ci.md, "How this page is tested"):
#  1. docs/github-actions.yml parses; its capmig steps run as Actions runs them, in a scratch
#     checkout with capability code and a decoy .capmig/src/, and do what the page says;
#  2. docs/pre-commit-hook.sh, installed with the page's command, refuses staged capability code
#     and lets clean or baselined commits through;
#  3. the staging step checks a token served over HTTP on 127.0.0.1: a capability token fails,
#     an Access Token minted by `capmig mint` passes.
# CAPMIG_CI_DOCS_BUILD=1 also runs the workflow's build step on a copy of this tree (minutes),
# installing into the scratch directory instead of /usr/local/bin.
set -uo pipefail
capmig=$(realpath "${1:?usage: ci_docs.sh /path/to/capmig}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
ok() { echo "ci_docs: ok: $*"; }
mkdir -p "$work/bin"
ln -s "$capmig" "$work/bin/capmig"
export PATH="$work/bin:$PATH"
unset TWILIO_AUTH_TOKEN TWILIO_API_KEY_SECRET
git_q() { git -c user.name=ci -c user.email=ci@example.invalid -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

# A checkout to scan: capability-token code in two languages, plus what the workflow puts under
# .capmig/ (capmig's own tree is full of findings; every scan must leave it out).
make_checkout() {
  local dir=$1
  mkdir -p "$dir/server" "$dir/.capmig/src/samples"
  cp "$here/samples/legacy/javascript/node6-express-clientcapability.js" "$dir/server/token.js"
  cp "$here/samples/legacy/python/flask_client_capability_token.py" "$dir/server/token.py"
  cp -r "$here/samples/legacy/javascript" "$dir/.capmig/src/samples/"
  (cd "$dir" && git_q init -q && git_q add server && git_q commit -q -m "legacy code")
}

# ---- 1. the GitHub Actions workflow ----
steps=$work/steps
mkdir -p "$steps"
if ! /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
  echo "ci_docs: SKIPPED the workflow part: python3 has no yaml module (Debian: python3-yaml)"
else
  /usr/bin/python3 - "$here/docs/github-actions.yml" "$steps" <<'EOF' || fail "docs/github-actions.yml"
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
job = wf["jobs"]["capability-tokens"]
assert job["defaults"]["run"]["shell"] == "bash", "steps must run in bash"
assert wf["permissions"]["security-events"] == "write", "upload-sarif needs security-events: write"
by_id, uses = {}, {}
for step in job["steps"]:
    if "id" in step:
        by_id[step["id"]] = step
    if "uses" in step:
        uses.setdefault(step["uses"].split("@")[0], []).append(step)
for sid in ("build", "scan-sarif", "reports", "annotate", "staging-check"):
    assert sid in by_id, f"no step with id {sid}"
    open(f"{sys.argv[2]}/{sid}.sh", "w").write(by_id[sid]["run"])
# What the upload steps name must be what the steps write.
sarif = uses["github/codeql-action/upload-sarif"][0]["with"]["sarif_file"]
assert f"--output {sarif} " in by_id["scan-sarif"]["run"], f"the SARIF step does not write {sarif}"
open(f"{sys.argv[2]}/sarif_file", "w").write(sarif)
artifacts = uses["actions/upload-artifact"][0]["with"]["path"].split()
for a in artifacts:
    assert f"--output {a} " in by_id["reports"]["run"], f"the reports step does not write {a}"
open(f"{sys.argv[2]}/artifacts", "w").write("\n".join(artifacts))
assert "STAGING_TOKEN_URL" in by_id["staging-check"]["if"]
print("ci_docs: ok: docs/github-actions.yml parses; upload steps name what the steps write")
EOF
fi

run_step() {  # run_step ID DIR [ENV=VALUE...]: as Actions runs a `shell: bash` step
  local id=$1 dir=$2
  shift 2
  (cd "$dir" && env "$@" bash --noprofile --norc -eo pipefail "$steps/$id.sh")
}

if [ -f "$steps/scan-sarif.sh" ]; then
  repo=$work/actions
  make_checkout "$repo"
  sarif=$repo/$(cat "$steps/sarif_file")

  run_step scan-sarif "$repo" >"$work/scan-sarif.log" 2>&1 || { cat "$work/scan-sarif.log"; fail "the SARIF step failed"; }
  if /usr/bin/python3 - "$sarif" <<'EOF'; then ok "the SARIF step writes $(cat "$steps/sarif_file") with results, none under .capmig/"; else fail "the SARIF step's output"; fi
import json, sys
log = json.load(open(sys.argv[1]))
results = log["runs"][0]["results"]
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
assert log["version"] == "2.1.0" and results, "no results"
assert uris == {"server/token.js", "server/token.py"}, uris
EOF
  if [ -d "$here/tests/interop/node_modules/@microsoft/sarif-multitool" ]; then
    bash "$here/tests/e2e/sarif_validate.sh" "$sarif" >"$work/validate.log" 2>&1 && ok "its SARIF is valid for GitHub code scanning" ||
      { cat "$work/validate.log"; fail "the workflow's SARIF does not validate"; }
  else
    echo "ci_docs: the SARIF validator is not installed (scripts/install-deps.sh): validity not checked here"
  fi

  run_step reports "$repo" >"$work/reports.log" 2>&1 || { cat "$work/reports.log"; fail "the reports step failed"; }
  while read -r artifact; do
    [ -s "$repo/$artifact" ] || fail "the reports step wrote no $artifact"
  done <"$steps/artifacts"
  head -1 "$repo/.capmig/report.md" | grep -qx '# capmig report' || fail "report.md is not the Markdown report"
  grep -q 'id="capmig-data"' "$repo/.capmig/report.html" || fail "report.html is not the HTML report"
  grep -q '\.capmig/' "$repo/.capmig/report.md" && fail "report.md lists something under .capmig/"
  ok "the reports step writes $(tr '\n' ' ' <"$steps/artifacts")"

  rc=0
  run_step annotate "$repo" >"$work/annotate.log" 2>&1 || rc=$?
  [ "$rc" = 1 ] || fail "the gate exited $rc on new findings (expected 1)"
  grep -q '^::error file=server/token.js,line=' "$work/annotate.log" || { cat "$work/annotate.log"; fail "the gate printed no ::error annotation"; }
  grep -q 'file=\.capmig' "$work/annotate.log" && fail "the gate annotated something under .capmig/"
  ok "the gate fails with $(grep -c '^::' "$work/annotate.log") annotations on new findings"

  # The baseline command of docs/ci.md, then the gate again.
  (cd "$repo" && capmig scan --write-baseline .capmig-baseline.json --fail-on never .) >/dev/null ||
    fail "the baseline command failed"
  rc=0
  run_step annotate "$repo" >"$work/annotate2.log" 2>&1 || rc=$?
  [ "$rc" = 0 ] || { cat "$work/annotate2.log"; fail "the gate exited $rc with every finding in the baseline"; }
  grep -q '^::' "$work/annotate2.log" && fail "the gate annotated baselined findings"
  ok "with the baseline committed, the gate passes"
  # A new construct after the baseline fails again.
  cp "$here/samples/legacy/ruby/client_capability_service.rb" "$repo/server/new.rb"
  rc=0
  run_step annotate "$repo" >"$work/annotate3.log" 2>&1 || rc=$?
  [ "$rc" = 1 ] && grep -q '^::error file=server/new.rb' "$work/annotate3.log" || fail "the gate let a new finding through (exit $rc)"
  ok "a finding added after the baseline fails the gate"
fi

# ---- 2. the pre-commit hook ----
hook_repo=$work/hook
mkdir -p "$hook_repo"
(
  cd "$hook_repo" || exit 1
  git_q init -q
  # The install command of docs/ci.md, with the path to this checkout.
  cp "$here/docs/pre-commit-hook.sh" .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
) || fail "installing the hook"
commit() { (cd "$hook_repo" && git_q commit -q -m "$1" >"$work/commit.log" 2>&1); }
echo 'export const greeting = "hello";' >"$hook_repo/clean.js"
(cd "$hook_repo" && git_q add clean.js)
commit "clean" && ok "hook: a clean commit passes" || { cat "$work/commit.log"; fail "hook: a clean commit was refused"; }

cp "$here/samples/legacy/javascript/node6-express-clientcapability.js" "$hook_repo/token.js"
(cd "$hook_repo" && git_q add token.js)
if commit "capability"; then
  fail "hook: a staged capability construct was committed"
else
  grep -q 'capability-mint' "$work/commit.log" && grep -q 'pre-commit: capmig found new dependencies' "$work/commit.log" &&
    ok "hook: a staged capability construct is refused, with the finding shown" ||
    { cat "$work/commit.log"; fail "hook: refused without saying why"; }
fi
# The working tree cleaned but the index not: the staged version is what would be committed.
echo 'export const token = () => "migrated";' >"$hook_repo/token.js"
commit "still staged" && fail "hook: judged the working tree instead of the index" ||
  ok "hook: the index counts, not the working tree"
(cd "$hook_repo" && git_q add token.js)
commit "migrated" && ok "hook: once the clean version is staged, the commit passes" || { cat "$work/commit.log"; fail "hook: refused a clean staged file"; }
# Untracked capability code is not part of the commit.
cp "$here/samples/legacy/python/flask_client_capability_token.py" "$hook_repo/untracked.py"
echo '// more' >>"$hook_repo/clean.js"
(cd "$hook_repo" && git_q add clean.js)
commit "untracked" && ok "hook: untracked files do not count" || { cat "$work/commit.log"; fail "hook: an untracked file blocked the commit"; }
# A finding recorded in the baseline does not block.
rm "$hook_repo/untracked.py"
cp "$here/samples/legacy/javascript/node6-express-clientcapability.js" "$hook_repo/legacy.js"
(cd "$hook_repo" && capmig scan --write-baseline .capmig-baseline.json --fail-on never . >/dev/null && git_q add legacy.js .capmig-baseline.json)
commit "baselined" && ok "hook: a baselined finding passes" || { cat "$work/commit.log"; fail "hook: refused a baselined finding"; }

# ---- 3. tokens served by staging ----
served=$work/served
mkdir -p "$served"
python3 -m http.server --bind 127.0.0.1 0 --directory "$served" >"$work/http.log" 2>&1 &
server_pid=$!
port=
for _ in $(seq 1 100); do
  port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$work/http.log" | head -1)
  [ -n "$port" ] && break
  sleep 0.1
done
if [ -z "$port" ]; then
  fail "python3 -m http.server did not start: $(cat "$work/http.log")"
elif [ -f "$steps/staging-check.sh" ]; then
  url=http://127.0.0.1:$port/token
  cp "$here/samples/tokens/node6-incoming-outgoing.jwt" "$served/token"
  rc=0
  run_step staging-check "$work" STAGING_TOKEN_URL="$url" >"$work/check1.log" 2>&1 || rc=$?
  [ "$rc" = 1 ] && grep -q capability "$work/check1.log" && ok "staging check: a served capability token fails" ||
    { cat "$work/check1.log"; fail "staging check: a capability token gave exit $rc (expected 1)"; }
  secret=$work/api_key_secret
  printf 'ci-docs-api-key-secret-%s\n' "$$" >"$secret"
  capmig mint --api-key-sid SK0123456789abcdef0123456789abcdef --api-key-secret-file "$secret" --identity alice \
    - <"$here/samples/tokens/node6-incoming-outgoing.jwt" >"$served/token" || fail "capmig mint failed"
  rc=0
  run_step staging-check "$work" STAGING_TOKEN_URL="$url" TWILIO_API_KEY_SECRET="$(cat "$secret")" >"$work/check2.log" 2>&1 || rc=$?
  [ "$rc" = 0 ] && ok "staging check: a served Access Token minted by capmig mint passes (signature verified)" ||
    { cat "$work/check2.log"; fail "staging check: the minted Access Token gave exit $rc (expected 0)"; }
  grep -q 'signature-unverified' "$work/check2.log" && fail "staging check: the signature was not verified with the secret"
  rc=0
  run_step staging-check "$work" STAGING_TOKEN_URL="$url" >"$work/check2b.log" 2>&1 || rc=$?
  [ "$rc" = 0 ] && grep -q 'signature-unverified' "$work/check2b.log" &&
    ok "staging check: without the secret, the Access Token passes with signature-unverified noted" ||
    { cat "$work/check2b.log"; fail "staging check: without the secret, exit $rc"; }
  rc=0
  run_step staging-check "$work" STAGING_TOKEN_URL="http://127.0.0.1:$port/missing" >"$work/check3.log" 2>&1 || rc=$?
  [ "$rc" != 0 ] && ok "staging check: an endpoint that fails (404) fails the step" || fail "staging check: a 404 passed"
fi

# ---- optional: the build step, from a copy of this tree ----
if [ "${CAPMIG_CI_DOCS_BUILD:-0}" = 1 ] && [ -f "$steps/build.sh" ]; then
  ci=$work/ci-build
  mkdir -p "$ci/.capmig/src"
  (cd "$here" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$ci/.capmig/src")
  sed "s|/usr/local/bin/capmig|$work/installed-capmig|" "$steps/build.sh" >"$steps/build-local.sh"
  start=$(date +%s)
  (cd "$ci" && bash --noprofile --norc -eo pipefail "$steps/build-local.sh") >"$work/build.log" 2>&1 &&
    "$work/installed-capmig" rules list >/dev/null && ok "the build step builds capmig in $(($(date +%s) - start)) s" ||
    { tail -30 "$work/build.log"; fail "the workflow's build step failed"; }
fi

if [ "$fails" = 0 ]; then echo "ci_docs: all checks passed"; else echo "ci_docs: $fails failure(s)"; fi
[ "$fails" = 0 ]
