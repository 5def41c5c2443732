#!/usr/bin/env bash
# Installs what capmig needs to build and test, from Debian and npm only.
# Idempotent and quiet: prints nothing when everything is already there.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

debs=(
  cmake make g++ clang pkg-config git
  clang-format-14 clang-tidy-14          # the style checks (scripts/format.sh, scripts/tidy.sh)
  libboost-json1.81-dev libboost-program-options1.81-dev   # 1.81 set only: never mix with 1.74
  libssl-dev libclang-dev catch2 libre2-dev libgit2-dev zlib1g-dev   # zlib: gzip-compressed logs (--extract, audit)
  libhyperscan-dev                       # the scan prefilter: every rule keyword in one pass
  libdeflate-dev                         # scan --history: inflates every object of a pack
  python3 python3-twilio python3-jwt python3-jsonschema python3-yaml ripgrep
  ruby php-cli openjdk-17-jdk-headless   # syntax checks of generated code (ruby -c, php -l, javac)
  python3-flask python3-django           # `fix` proof: the Python samples run before and after the patch
  chromium                               # the HTML report is opened in headless Chromium
  parallel                               # e2e org_merge: one scan per repository, as docs/org-scale.md runs them
)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# node and npm may come from outside Debian (the machine image ships its own): ask for the
# Debian packages only when the commands are missing.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm packages for the interop tests and the benchmark (real twilio-node versions).
if [ "${CAPMIG_SKIP_NPM:-0}" != 1 ]; then
  for dir in tests/interop tests/fix_proof; do
    pkg="$here/$dir/package.json" stamp="$here/$dir/node_modules/.capmig-installed"
    [ -f "$pkg" ] || continue
    if [ ! -f "$stamp" ] || [ "$pkg" -nt "$stamp" ]; then
      echo "install-deps: npm install in $dir" >&2
      (cd "$here/$dir" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null) ||
        { echo "install-deps: npm install failed in $dir" >&2; exit 1; }
      touch "$stamp"
    fi
  done
fi
