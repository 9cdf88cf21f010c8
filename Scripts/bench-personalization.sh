#!/usr/bin/env bash
# Next-best-content benchmark of learning.md 4.4, side by side in one run on identical environments:
# Benchmarks/personalize_peer.py generates each seed's environment (50,000 visitors, 10 items, context
# industry 6 x size 4 x stage 3 x channel 4 x device 2, logistic click model with context x item effects,
# pre-drawn click uniforms and a 10 % uniform holdout) to CSV; Revloop's LinTS (Benchmarks/
# PersonalizationBenchmark, release build) and the PyPI peers (mabwiser 2.7.4 LinTS, Vowpal Wabbit 9.11.9
# --cb_explore_adf --squarecb -q UA) replay the same files on one core each.
#
# Usage: Scripts/bench-personalization.sh [SEED...]   (default 1 2 3; Revloop's settings were tuned on seed 100)
# REVLOOP_VENV=/path/to/venv reuses a venv that already has the pinned packages.
set -euo pipefail
seeds=("${@:-1 2 3}")
read -r -a seeds <<<"${seeds[*]}"
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
REVLOOP_BENCHMARKS=1 swift build -c release --product PersonalizationBenchmark --package-path "$root" >/dev/null
source "$root/Scripts/lib/peer-python.sh"
peer_python "$work" "numpy==2.4.6" "scipy==1.17.1" "pandas==2.3.3" "scikit-learn==1.9.1" "mabwiser==2.7.4" \
  "vowpalwabbit==9.11.9"
mkdir -p "$work/env"
"$python" "$root/Benchmarks/personalize_peer.py" generate "$work/env" "${seeds[@]}"
echo "== Revloop LinTS (Swift, release, one core)"
taskset -c 0 "$root/.build/release/PersonalizationBenchmark" simulate "$work/env" "${seeds[@]}"
echo "== Revloop LinTS with rewards arriving 2,000 visitors late"
taskset -c 0 "$root/.build/release/PersonalizationBenchmark" simulate "$work/env" "${seeds[@]}" --delay 2000 | tail -1
echo "== The whole PersonalizationEngine in-process (in-memory log, its own SHA-256 holdout), first seed"
taskset -c 0 "$root/.build/release/PersonalizationBenchmark" engine "$work/env" "${seeds[0]}"
echo "== Peers (Python, one core): random, oracle, mabwiser LinTS, Vowpal Wabbit"
taskset -c 0 "$python" "$root/Benchmarks/personalize_peer.py" run "$work/env" "${seeds[@]}"
