-- wrk script for Scripts/bench-serve.sh: POST /v1/decisions with varied visitors, surfaces and contexts.
-- REVLOOP_BENCH_KEY is the API key; REVLOOP_BENCH_PACE_MS > 0 makes each connection wait that long after
-- each answer (wrk has no rate flag: connections x 1000 / (pace + latency) is the offered rate);
-- REVLOOP_BENCH_AUTH=none sends no key (every answer must then be 401).
local key = os.getenv("REVLOOP_BENCH_KEY") or ""
local pace = tonumber(os.getenv("REVLOOP_BENCH_PACE_MS") or "0")
local auth = os.getenv("REVLOOP_BENCH_AUTH") or "bearer"

local surfaces = { "homepage_hero", "email_footer", "in_app_sidebar" }
local industries = { "saas", "fintech", "healthcare", "retail", "manufacturing", "education" }
local devices = { "desktop", "mobile" }
local stages = { "awareness", "consideration", "decision" }

local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("thread_id", threads)
end

local prepared = {}
local next_index = 0
function init(args)
    local headers = { ["Content-Type"] = "application/json" }
    if auth == "bearer" then headers["Authorization"] = "Bearer " .. key end
    -- 2,000 distinct bodies per thread, prepared once so the load generator spends its time on the wire.
    for i = 1, 2000 do
        local body = string.format(
            '{"visitor_id":"v-%d-%d","surface":"%s","context":{"industry":"%s","device":"%s","lifecycle_stage":"%s"},"limit":3}',
            thread_id or 0, i, surfaces[i % #surfaces + 1], industries[i % #industries + 1], devices[i % #devices + 1],
            stages[i % #stages + 1])
        prepared[i] = wrk.format("POST", "/v1/decisions", headers, body)
    end
end

function request()
    next_index = next_index % #prepared + 1
    return prepared[next_index]
end

if pace > 0 then
    function delay() return pace end
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors
    io.write(string.format(
        "RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f " ..
        "non2xx=%d socket_errors=%d\n",
        summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
        latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
        latency.max / 1000, errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
