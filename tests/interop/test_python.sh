#!/usr/bin/env bash
# Interop: tokens minted by Debian's twilio-python 7.7.1 (ClientCapabilityToken, AccessToken),
# fresh and random on every run, checked against capmig. See run_interop.py for the checks.
# Usage (ctest, cwd tests/interop): bash tests/interop/test_python.sh /path/to/capmig
# Replay a failing run with the seed it prints: CAPMIG_INTEROP_SEED=N bash test_python.sh CAPMIG
set -euo pipefail
capmig=$(realpath "${1:?usage: test_python.sh /path/to/capmig}")
cd "$(dirname "${BASH_SOURCE[0]}")"
# Debian's python3-twilio is only visible to the system interpreter, not to a pyenv python3.
[ -x /usr/bin/python3 ] || { echo "interop-python: error: /usr/bin/python3 not found (apt-get install python3-twilio python3-jwt)"; exit 2; }
exec /usr/bin/python3 run_interop.py python "$capmig"
