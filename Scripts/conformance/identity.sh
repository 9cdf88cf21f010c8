#!/usr/bin/env bash
# Identity conformance: Revloop's normalization and hashing against the platforms' official libraries
# (facebook-business, google-ads-datamanager-util) and libphonenumber (phonenumbers), installed from PyPI
# into a throw-away virtual environment. Exits non-zero on any disagreement that is not a documented
# divergence (a reference bug).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${REVLOOP_BIN:-"$root/.build/debug/revloop"}
[ -x "$bin" ] || swift build --package-path "$root" --product revloop
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check \
  "facebook-business==26.0.3" "google-ads-datamanager-util==0.4.0" "phonenumbers==9.0.43"
"$venv/bin/python" "$root/Scripts/conformance/identity_conformance.py" "$bin"
