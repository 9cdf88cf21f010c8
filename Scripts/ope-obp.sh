#!/usr/bin/env bash
# Off-policy evaluation check against obp 0.4.1 (learning.md 4.3): on the Open Bandit Dataset sample that
# ships in obp's wheel (random policy, all campaigns, 10,000 rounds), Benchmarks/ope_obp.py computes the
# BernoulliTS evaluation policy's action_dist and the cross-fitted reward model, prints obp's IPW, SNIPW
# and DR, and exports the rounds; Revloop's OffPolicyEvaluator (Benchmarks/PersonalizationBenchmark,
# release build) estimates the same from the same numbers; the two must agree to 1e-9.
#
# Usage: Scripts/ope-obp.sh
# REVLOOP_VENV=/path/to/venv reuses a venv with the pinned packages. A fresh venv installs torch from
# PyPI (obp 0.4.1 imports it at load), which is large.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
REVLOOP_BENCHMARKS=1 swift build -c release --product PersonalizationBenchmark --package-path "$root" >/dev/null
# obp's declared pins predate pandas 2 and Python 3.11; its code runs on these.
source "$root/Scripts/lib/peer-python.sh"
peer_python "$work" "numpy==2.4.6" "scipy==1.17.1" "pandas==2.3.3" "scikit-learn==1.9.1" "torch==2.15.0" \
  "matplotlib==3.11.2" "seaborn==0.13.2" "pyyaml==6.0.4" "mypy-extensions==1.2.0" "tqdm==4.70.1" \
  --no-deps "obp==0.4.1"
"$python" "$root/Benchmarks/ope_obp.py" export "$work/rounds.csv" | tee "$work/obp.txt"
echo "== Revloop"
"$root/.build/release/PersonalizationBenchmark" ope "$work/rounds.csv" | tee "$work/revloop.txt"
echo "== Comparison"
"$python" "$root/Benchmarks/ope_obp.py" compare "$work/obp.txt" "$work/revloop.txt"
