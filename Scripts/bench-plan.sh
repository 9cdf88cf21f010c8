#!/usr/bin/env bash
# Plan benchmark: `revloop plan --from-export --format wire` over a generated export of DEALS deals, end to
# end (read the files, normalize and hash the people it sends, value, decide, render every platform's request
# bodies), release build, pinned to one core, RUNS times; then the Python baseline
# (Benchmarks/plan_baseline.py, the official SDKs in a throw-away venv) on the same export and core, once.
# Prints wall seconds, deals per second and peak RSS (/usr/bin/time -v) for each, and the ratio.
#
# Usage: Scripts/bench-plan.sh [DEALS] [RUNS]     (the export is cached in $BENCH_DIR, default /tmp)
set -euo pipefail
deals=${1:-1000000}
runs=${2:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
swift build -c release --product revloop --package-path "$root" >/dev/null
bin="$root/.build/release/revloop"
anchor=2026-11-29
export_dir=${BENCH_DIR:-/tmp}/revloop-bench-plan-$deals
if [ ! -f "$export_dir/manifest.json" ]; then
  "$bin" sample --out "$export_dir" --deals "$deals" --as-of "$anchor" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$root/mappings" "$root/fx" "$work/"
mkdir "$work/connectors"
sed -e 's|connectors/sample.yaml|connectors/bench.yaml|' -e 's|path: .revloop/revloop.sqlite|path: .revloop/none.sqlite|' \
  "$root/revloop.yaml" > "$work/revloop.yaml"
cat > "$work/connectors/bench.yaml" <<YAML
name: bench
kind: file
path: $export_dir
default_region: US
default_currency: USD
YAML

measure() { # label command... ; prints "label seconds peak_kb"
  local label=$1
  shift
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  python3 - "$label" "$work/time.txt" <<'PY'
import re, sys
text = open(sys.argv[2]).read()
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1).split(":")
seconds = sum(float(part) * 60 ** index for index, part in enumerate(reversed(wall)))
peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
print(sys.argv[1], f"{seconds:.2f}", peak)
PY
}

results=()
cd "$work"
for run in $(seq "$runs"); do
  results+=("$(measure "revloop-$run" taskset -c 0 "$bin" plan --from-export --as-of "${anchor}T12:00:00Z" --format wire)")
done
venv="$work/venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "facebook-business==26.0.3" \
  "google-ads-datamanager==0.9.4" "google-ads-datamanager-util==0.4.0" "phonenumbers==9.0.43"
results+=("$(measure python taskset -c 0 "$venv/bin/python" "$root/Benchmarks/plan_baseline.py" "$export_dir" \
  --as-of "${anchor}T12:00:00Z" --fx "$root/fx/rates.csv" --connector bench)")
printf '%s\n' "${results[@]}" | python3 -c "
import sys, statistics
rows = [line.split() for line in sys.stdin if line.strip()]
n = $deals
ours = [(float(s), int(k)) for label, s, k in rows if label.startswith('revloop')]
py = [(float(s), int(k)) for label, s, k in rows if label == 'python'][0]
for label, s, k in rows:
    print(f'{label}: {float(s):.2f} s, {n / float(s):,.0f} deals/s, peak RSS {int(k) / 1024:.0f} MB')
median = statistics.median(s for s, _ in ours)
print(f'revloop median of {len(ours)}: {median:.2f} s = {n / median:,.0f} deals/s; python {py[0]:.2f} s = {n / py[0]:,.0f} deals/s; ratio {py[0] / median:.1f}x')
"
