internal import RevloopCore
internal import Synchronization

/// What `GET /metrics` shows: requests by route and status since start, and the decision latency
/// histogram. Shared by every connection's task, so it sits behind one lock held for a few additions.
public final class ServeMetrics: Sendable {
    private struct State {
        var requests: [RouteStatus: Int] = [:]
        var decisionLatency = DecisionLatencyHistogram()
    }

    private struct RouteStatus: Hashable {
        var route: String
        var status: Int
    }

    private let state = Mutex(State())

    public init() {}

    /// Counts one answered request. `route` is the route's label (`decisions`, `outcomes`...), never a raw
    /// path, so a scanner's paths cannot blow up the label set.
    public func count(route: String, status: Int) {
        state.withLock { $0.requests[RouteStatus(route: route, status: status), default: 0] += 1 }
    }

    /// Adds one decision's time in the server.
    public func recordDecision(_ duration: Duration) {
        state.withLock { $0.decisionLatency.record(duration) }
    }

    /// Requests answered on `route` with `status` so far.
    public func requests(route: String, status: Int) -> Int {
        state.withLock { $0.requests[RouteStatus(route: route, status: status)] ?? 0 }
    }

    public var decisionLatency: DecisionLatencyHistogram { state.withLock { $0.decisionLatency } }

    /// The Prometheus text exposition, rendered by the project's one renderer.
    public func text() -> String {
        let snapshot = state.withLock { $0 }
        var exposition = PrometheusText()
        exposition.metric(
            "serve_requests_total", "counter", "Requests answered by the decision API, by route and status.",
            snapshot.requests.sorted { ($0.key.route, $0.key.status) < ($1.key.route, $1.key.status) }.map {
                ([("route", $0.key.route), ("status", String($0.key.status))], String($0.value))
            })
        exposition.histogramHeader(
            "serve_decision_duration_seconds", "Time POST /v1/decisions spent in the server, body read to answer.")
        let latency = snapshot.decisionLatency
        exposition.histogramSeries(
            "serve_decision_duration_seconds", labels: [], cumulative: latency.cumulative,
            sum: Double(latency.sumNanoseconds) / 1e9, count: latency.count)
        return exposition.text
    }
}
