#!/usr/bin/env bash
# Identity benchmark: normalize + SHA-256 one million emails and one million phone numbers, end to end
# (read stdin, normalize, hash, write hex), Revloop's release build side by side with a Python baseline
# doing the same work with hashlib, in one run, pinned to one core. Also prints OpenSSL's own SHA-256
# speed on 32-byte inputs: the bound no implementation on this machine can pass.
#
# Usage: Scripts/bench-identity.sh [COUNT]
set -euo pipefail
count=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
swift build -c release --product revloop --package-path "$root" >/dev/null
bin="$root/.build/release/revloop"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$root/Benchmarks/identity_inputs.py" "$count" "$work"

seconds() { # input-file command... ; prints wall seconds of the fastest of 3 runs
  local input=$1 best=""
  shift
  for _ in 1 2 3; do
    local start end
    start=$(date +%s.%N)
    "$@" < "$input" > /dev/null
    end=$(date +%s.%N)
    best=$(python3 -c "a='$best'; b=$end-$start; print(b if a=='' or b<float(a) else a)")
  done
  echo "$best"
}
report() { # label revloop_seconds python_seconds
  python3 -c "
n=$count; r=float('$2'); p=float('$3')
print(f'$1: revloop {n/r:,.0f}/s ({r:.2f} s), python {n/p:,.0f}/s ({p:.2f} s), ratio {p/r:.1f}x')"
}
for kind in email phone; do
  r=$(seconds "$work/$kind.txt" taskset -c 0 "$bin" identity hash --platform google --kind "$kind" --region US)
  p=$(seconds "$work/$kind.txt" taskset -c 0 python3 "$root/Benchmarks/identity_baseline.py" "$kind")
  report "$kind" "$r" "$p"
done
echo "openssl (bound, sha256 of 32-byte inputs, one core):"
taskset -c 0 openssl speed -seconds 2 -evp sha256 -bytes 32 2>/dev/null | tail -1
