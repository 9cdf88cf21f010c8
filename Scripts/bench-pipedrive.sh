#!/usr/bin/env bash
# Pipedrive pull speed: `revloop pull` of DEALS deals with their persons from the Pipedrive emulator (`revloop
# sandbox` in its own process, on loopback) into a SQLite store, once with the per-deal reads off (deals and
# persons from the lists only, as before the flow and participants were read) and once with them on (each deal's
# persons, and each moved or closed deal's flow: one request per deal each). Prints, for each, the pull's
# records, wall time, CPU time and peak memory (/usr/bin/time -v) and the emulator's requests by kind; then
# merges 50 pairs of persons in the emulator and pulls again: the reconcile folds them.
#
# Usage: Scripts/bench-pipedrive.sh [DEALS] [debug|release]   (defaults 20000, release)
set -euo pipefail
deals=${1:-20000}
configuration=${2:-release}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# REVLOOP_SKIP_BUILD=1 measures the binary already built.
[ "${REVLOOP_SKIP_BUILD:-}" = 1 ] || swift build -c "$configuration" --product revloop >/dev/null
bin="$root/.build/$configuration/revloop"
work=$(mktemp -d)
sandbox_pid=
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

start_sandbox() {
    port=$(free_port)
    base="http://127.0.0.1:$port"
    "$bin" sandbox --port "$port" --pipedrive-deals "$deals" --pipedrive-seed 42 --hubspot-deals 10 \
        --salesforce-deals 10 2> "$work/sandbox.log" &
    sandbox_pid=$!
    for _ in $(seq 1 1200); do curl -sf "$base/_sandbox/pipedrive" >/dev/null && break; sleep 0.1; done
    grep Pipedrive "$work/sandbox.log"
}

project() { # $1: folder, $2: true|false for the per-deal reads
    mkdir -p "$1/connectors"
    printf 'bench-token\n' > "$1/token.txt"
    cat > "$1/connectors/pipedrive.yaml" <<YAML
name: pipedrive
kind: pipedrive
base_url: $base
api_token: \${file:token.txt}
page_size: 500
read_deal_flow: $2
read_deal_persons: $2
YAML
    cat > "$1/revloop.yaml" <<YAML
version: 1
store: { path: store.sqlite }
connectors: [connectors/pipedrive.yaml]
destinations: {}
mappings: []
YAML
}

tally() { curl -sf "$base/_sandbox/pipedrive"; }

measure() { # $1: folder, $2: label
    local before after
    before=$(tally)
    (cd "$1" && /usr/bin/time -v "$bin" pull --format json > pull.json 2> time.txt) || { cat "$1/time.txt"; exit 1; }
    after=$(tally)
    python3 - "$1/pull.json" "$1/time.txt" "$before" "$after" "$2" <<'PY'
import json, re, sys
summary = json.load(open(sys.argv[1]))["connectors"][0]
text = open(sys.argv[2]).read()
before, after = json.loads(sys.argv[3]), json.loads(sys.argv[4])
clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
seconds = int(clock.group(1) or 0) * 3600 + int(clock.group(2)) * 60 + float(clock.group(3))
cpu = sum(float(re.search(rf"{kind} time \(seconds\): ([\d.]+)", text).group(1)) for kind in ("User", "System"))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
delta = {k: after[k] - before[k] for k in ("requests", "flowRequests", "dealPersonRequests")}
outcome = summary["outcome"]
inserted = {kind: tally["inserted"] for kind, tally in outcome.items() if tally["inserted"]}
print(f"{sys.argv[5]}: {summary['records_read']} records read ({inserted}), {seconds:.1f} s wall, "
      f"{cpu:.1f} s CPU, peak RSS {rss:.0f} MB; requests {delta['requests']} "
      f"(deal persons {delta['dealPersonRequests']}, flows {delta['flowRequests']}, lists and reconcile "
      f"{delta['requests'] - delta['dealPersonRequests'] - delta['flowRequests']})")
PY
}

start_sandbox
echo "== $deals deals, $configuration build, $(nproc) cores"
project "$work/lists" false
measure "$work/lists" "per-deal reads off"
project "$work/details" true
measure "$work/details" "per-deal reads on"
echo "== 50 merges, then a pull with the reconcile"
curl -sf -X POST "$base/_sandbox/pipedrive/merge?count=50" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]), "pairs merged")'
sqlite3 "$work/details/store.sqlite" "SELECT COUNT(*) FROM contacts" | sed 's/^/contacts before: /'
measure "$work/details" "after the merges"
sqlite3 "$work/details/store.sqlite" "SELECT COUNT(*) FROM contacts" | sed 's/^/contacts after: /'
