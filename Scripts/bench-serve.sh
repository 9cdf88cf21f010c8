#!/usr/bin/env bash
# The decision API under load: a release build of `revloop serve` (REVLOOP_SERVE_ENGINE=project, the default:
# the project's personalization engine on a copy of the bundled project, its decision log in a fresh SQLite
# store; memory: the in-memory TEST engine) on loopback, loaded by wrk with
# Scripts/bench-serve.lua. Reports requests per second and p50/p90/p99 latency at a paced offered rate of about
# 2,000 requests per second (wrk has no rate flag: CONNECTIONS connections, each waiting PACE_MS after each
# answer) and at saturation for several connection counts; checks first that malformed, unauthenticated,
# oversized and wrongly typed requests are refused with the right status and store nothing; stops the server
# with SIGTERM and checks it exits 0.
#
# Usage: Scripts/bench-serve.sh [SECONDS]   (default 15 s per run)
# Env: REVLOOP_BENCH_PORT (18480), REVLOOP_SERVE_ENGINE (project or memory; default project), REVLOOP_BENCH_PIN (1: server on CPU 0,
#      wrk on CPU 1; default 0: no pinning), REVLOOP_BENCH_NICE (a niceness for server and wrk, -10 say, to
#      tell the server's own latency from waiting for a CPU that other work holds; default: none).
set -euo pipefail
seconds=${1:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
port=${REVLOOP_BENCH_PORT:-18480}
engine=${REVLOOP_SERVE_ENGINE:-project}
pin=${REVLOOP_BENCH_PIN:-0}
niceness=${REVLOOP_BENCH_NICE:-}
base="http://127.0.0.1:$port"

if ! command -v wrk >/dev/null; then
    echo "wrk is missing: installing it from Debian (apt-get install -y wrk)" >&2
    apt-get install -y wrk >/dev/null
fi
command -v curl >/dev/null || { echo "error: curl is needed for the refusal checks" >&2; exit 2; }

swift build -c release --product revloop --package-path "$root" >/dev/null
bin="$root/.build/release/revloop"

work=$(mktemp -d)
key=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
printf '# bench key, thrown away on exit\n%s\n' "$key" >"$work/keys"
server_cpu=() wrk_cpu=()
if [[ $pin == 1 ]]; then server_cpu=(taskset -c 0) wrk_cpu=(taskset -c 1); fi
if [[ -n $niceness ]]; then server_cpu=(nice -n "$niceness" "${server_cpu[@]}") wrk_cpu=(nice -n "$niceness" "${wrk_cpu[@]}"); fi
project_args=()
if [[ $engine == project ]]; then
    # A copy of the bundled project: its inventory, and a store of its own for the decision log.
    mkdir -p "$work/project"
    cp -R "$root/revloop.yaml" "$root/connectors" "$root/mappings" "$root/fx" "$root/personalization" "$work/project/"
    project_args=(-c "$work/project/revloop.yaml")
fi
# The number of decisions the engine has stored (the in-memory engine numbers them mem-1, mem-2, ...).
stored_decisions() {
    if [[ $engine == project ]]; then
        python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM personalization_decisions").fetchone()[0])' \
            "$work/project/.revloop/revloop.sqlite"
    else
        sed -nE 's/.*"decision_id":"mem-([0-9]+)".*/\1/p' "$work/body"
    fi
}
"${server_cpu[@]}" "$bin" serve --engine "$engine" --port "$port" --api-keys-file "$work/keys" \
    "${project_args[@]}" --log-format json >"$work/serve.log" 2>&1 &
server=$!
cleanup() {
    kill -TERM "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
    curl -fs "$base/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -fs "$base/healthz" >/dev/null || { cat "$work/serve.log"; echo "error: the server did not start" >&2; exit 1; }

failures=0
# check NAME EXPECTED_STATUS curl-arguments...: one request, its status against the expected one.
check() {
    local name=$1 expected=$2
    shift 2
    local status
    status=$(curl -s -o "$work/body" -w '%{http_code}' "$@")
    if [[ $status == "$expected" ]]; then
        printf '  ok    %-44s %s %s\n' "$name" "$status" "$(head -c 110 "$work/body")"
    else
        printf '  FAIL  %-44s %s (expected %s) %s\n' "$name" "$status" "$expected" "$(head -c 110 "$work/body")"
        failures=$((failures + 1))
    fi
}
json=(-H "Content-Type: application/json")
auth=(-H "Authorization: Bearer $key")
good='{"visitor_id":"v-1","surface":"homepage_hero","context":{"industry":"saas"},"limit":2}'
head -c 20000 /dev/zero | tr '\0' ' ' >"$work/big.json"

echo "== Refusals (fresh server: nothing may be stored)"
check "no key" 401 "${json[@]}" -d "$good" "$base/v1/decisions"
check "wrong key" 401 "${json[@]}" -H "Authorization: Bearer wrong-$key" -d "$good" "$base/v1/decisions"
check "wrong X-API-Key" 401 "${json[@]}" -H "X-API-Key: x$key" -d "$good" "$base/v1/decisions"
check "metrics without key" 401 "$base/metrics"
check "malformed JSON" 400 "${auth[@]}" "${json[@]}" -d '{"visitor_id":' "$base/v1/decisions"
check "limit of the wrong type" 400 "${auth[@]}" "${json[@]}" \
    -d '{"visitor_id":"v-1","surface":"homepage_hero","limit":"3"}' "$base/v1/decisions"
check "limit out of range" 400 "${auth[@]}" "${json[@]}" \
    -d '{"visitor_id":"v-1","surface":"homepage_hero","limit":99}' "$base/v1/decisions"
check "unknown field" 400 "${auth[@]}" "${json[@]}" -d '{"visitorId":"v-1","surface":"homepage_hero"}' \
    "$base/v1/decisions"
check "text/plain body" 415 "${auth[@]}" -H "Content-Type: text/plain" -d "$good" "$base/v1/decisions"
check "20 kB body" 413 "${auth[@]}" "${json[@]}" --data-binary "@$work/big.json" "$base/v1/decisions"
check "unknown surface" 422 "${auth[@]}" "${json[@]}" -d '{"visitor_id":"v-1","surface":"nowhere"}' \
    "$base/v1/decisions"
check "outcome for an unknown decision" 404 "${auth[@]}" "${json[@]}" -d '{"decision_id":"mem-999","reward":1}' \
    "$base/v1/outcomes"
check "GET on a POST route" 405 "${auth[@]}" "$base/v1/decisions"
check "first valid decision" 200 "${auth[@]}" "${json[@]}" -d "$good" "$base/v1/decisions"
decision=$(sed -nE 's/.*"decision_id":"([^"]+)".*/\1/p' "$work/body")
if [[ $(stored_decisions) == 1 ]]; then
    echo "  ok    nothing was stored by the refused requests (the first valid decision is the only one stored)"
else
    echo "  FAIL  $(stored_decisions) decisions stored after one valid request: refused requests stored something"
    failures=$((failures + 1))
fi
check "reward out of range" 400 "${auth[@]}" "${json[@]}" -d "{\"decision_id\":\"$decision\",\"reward\":1.5}" \
    "$base/v1/outcomes"
check "first valid outcome (not a 409)" 202 "${auth[@]}" "${json[@]}" -d "{\"decision_id\":\"$decision\",\"reward\":1}" \
    "$base/v1/outcomes"
check "the same outcome again" 409 "${auth[@]}" "${json[@]}" -d "{\"decision_id\":\"$decision\",\"reward\":1}" \
    "$base/v1/outcomes"

run() { # run LABEL CONNECTIONS PACE_MS AUTH SECONDS
    local label=$1 connections=$2 pace=$3 mode=$4 duration=$5 result
    result=$(REVLOOP_BENCH_KEY=$key REVLOOP_BENCH_PACE_MS=$pace REVLOOP_BENCH_AUTH=$mode \
        "${wrk_cpu[@]}" wrk -t1 -c"$connections" -d"${duration}s" --timeout 2s -s "$root/Scripts/bench-serve.lua" \
        "$base/v1/decisions" | grep '^RESULT')
    printf '  %-34s %s\n' "$label" "${result#RESULT }"
    last=$result
}
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$last"; }

echo "== Warm-up (5 s, not reported)"
REVLOOP_BENCH_KEY=$key "${wrk_cpu[@]}" wrk -t1 -c16 -d5s -s "$root/Scripts/bench-serve.lua" "$base/v1/decisions" \
    >/dev/null
load_during=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== Paced: about 2,000 requests per second offered (${seconds} s; load average before: $load_during)"
# 24 x 1000 / (11 ms + about 0.5 ms answer) is about 2,050 offered; wrk reports what was actually sent.
run "24 connections, 11 ms pace" 24 11 bearer "$seconds"
paced_rps=$(field rps) paced_p50=$(field p50_ms) paced_p99=$(field p99_ms) paced_non2xx=$(field non2xx)
run "48 connections, 23 ms pace" 48 23 bearer "$seconds"
echo "== Saturation: as fast as the server answers (${seconds} s each)"
max_rps=0
for connections in 1 8 32 64; do
    run "$connections connection(s)" "$connections" 0 bearer "$seconds"
    rps=$(field rps)
    if ((rps > max_rps)); then max_rps=$rps max_p50=$(field p50_ms) max_p99=$(field p99_ms) max_c=$connections; fi
done
echo "== Unauthenticated load (5 s): every answer must be 401 and nothing stored"
before=$(curl -s "${auth[@]}" "$base/metrics" | sed -nE 's/^revloop_serve_requests_total\{route="decisions",status="200"\} //p')
run "16 connections, no key" 16 0 none 5
unauth_requests=$(field requests) unauth_non2xx=$(field non2xx)
after=$(curl -s "${auth[@]}" "$base/metrics" | sed -nE 's/^revloop_serve_requests_total\{route="decisions",status="200"\} //p')
refused=$(curl -s "${auth[@]}" "$base/metrics" | sed -nE 's/^revloop_serve_requests_total\{route="decisions",status="401"\} //p')
if [[ $unauth_requests == "$unauth_non2xx" && $before == "$after" ]]; then
    echo "  ok    $unauth_requests of $unauth_requests refused (401 count now $refused); decisions answered stayed at $after"
else
    echo "  FAIL  $unauth_non2xx of $unauth_requests refused; decisions answered went from $before to $after"
    failures=$((failures + 1))
fi

echo "== Server-side decision latency (GET /metrics, all runs)"
curl -s "${auth[@]}" "$base/metrics" | grep -E '^revloop_serve_decision_duration_seconds_(bucket\{le="0.000(1|25|5)"|bucket\{le="0.001"|bucket\{le="0.005"|bucket\{le="\+Inf"|count|sum)' |
    sed 's/^/  /'

echo "== SIGTERM"
kill -TERM "$server"
status=0
wait "$server" || status=$?
if [[ $status == 0 ]] && grep -q 'revloop serve: stopped' "$work/serve.log"; then
    echo "  ok    exited 0 after SIGTERM"
else
    echo "  FAIL  exit status $status after SIGTERM; the server's last lines:"
    tail -5 "$work/serve.log" | sed 's/^/        /'
    failures=$((failures + 1))
fi
if grep -q "$key" "$work/serve.log"; then
    echo "  FAIL  the API key appears in the server's log"
    failures=$((failures + 1))
fi

echo "== Summary (engine: $engine; pinned: $pin; niceness: ${niceness:-default}; load average before the paced runs: $load_during)"
echo "  paced:      $paced_rps rps, p50 $paced_p50 ms, p99 $paced_p99 ms, non-2xx $paced_non2xx" \
    "(target p99 < 5 ms: $(awk -v p="$paced_p99" 'BEGIN { printf "%.2f", p / 5 }') of the target)"
echo "  saturation: $max_rps rps at $max_c connections, p50 $max_p50 ms, p99 $max_p99 ms" \
    "(paced rate is $(awk -v a="$paced_rps" -v b="$max_rps" 'BEGIN { printf "%.2f", a / b }') of it)"
echo "  refusal checks failed: $failures"
[[ $failures == 0 ]]
