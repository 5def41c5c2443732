#!/usr/bin/env bash
# Interop: the code `capmig map --as node|python` prints, run against twilio-node 6.2.0 and twilio-python 7.7.1,
# fresh and random on every run, checked against capmig. See run_interop.py for the checks.
# Usage (ctest, cwd tests/interop): bash tests/interop/test_mapcode.sh /path/to/capmig
# Replay a failing run with the seed it prints: CAPMIG_INTEROP_SEED=N bash test_mapcode.sh CAPMIG
set -euo pipefail
capmig=$(realpath "${1:?usage: test_mapcode.sh /path/to/capmig}")
cd "$(dirname "${BASH_SOURCE[0]}")"
# Debian's python3-twilio is only visible to the system interpreter, not to a pyenv python3.
[ -x /usr/bin/python3 ] || { echo "interop-mapcode: error: /usr/bin/python3 not found (apt-get install python3-twilio python3-jwt)"; exit 2; }
exec /usr/bin/python3 run_interop.py mapcode "$capmig"
