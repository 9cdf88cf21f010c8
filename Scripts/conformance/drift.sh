#!/usr/bin/env bash
# Drift conformance: `revloop score monitor --format json` on fixed generated inputs, checked against
# scipy and numpy installed from PyPI into a throw-away virtual environment: PSI per feature and on the
# score (reference-decile bins as np.quantile gives them), its critical value (1/n + 1/m) x chi2.isf
# and p-value chi2.sf, two-sample KS D and p-value against scipy.stats.ks_2samp(method='asymp'), and ECE,
# calibration-in-the-large and Brier. Exits non-zero on any disagreement beyond 1e-9.
# REVLOOP_VENV=/path reuses an existing venv that already has numpy and scipy.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${REVLOOP_BIN:-"$root/.build/debug/revloop"}
[ -x "$bin" ] || swift build --package-path "$root" --product revloop
case $bin in /*) ;; *) bin="$PWD/$bin" ;; esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$root/Scripts/lib/peer-python.sh"
peer_python "$work" "numpy==2.4.6" "scipy==1.17.1"
"$python" "$root/Scripts/conformance/drift_conformance.py" "$bin" "$work"
