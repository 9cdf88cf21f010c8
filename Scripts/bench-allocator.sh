#!/usr/bin/env bash
# Allocator benchmark, side by side in one run: Revloop's policies and the greedy and equal-split baselines
# (Benchmarks/AllocatorBenchmark, release build, one core) and the discrete-arm peers from PyPI
# (Benchmarks/allocator_peer.py: mabwiser 2.7.4 Thompson sampling and UCB1, in a throw-away venv), on the
# market of learning.md 1.3, SEEDS seeds (default 20). Add --scan to also compare the default's draw
# settings on a second seed set.
#
# Usage: Scripts/bench-allocator.sh [SEEDS] [--scan]
set -euo pipefail
seeds=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
REVLOOP_BENCHMARKS=1 swift build -c release --product AllocatorBenchmark --package-path "$root" >/dev/null
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "mabwiser==2.7.4"
echo "== Revloop (Swift)"
taskset -c 0 "$root/.build/release/AllocatorBenchmark" "$seeds" "${@:2}"
echo "== mabwiser peers (Python)"
taskset -c 0 "$venv/bin/python" "$root/Benchmarks/allocator_peer.py" "$seeds"
