/// How long `POST /v1/decisions` took inside the server (read, validate, decide, answer), in buckets fit
/// for a sub-millisecond target: the delivery histogram's buckets start at 10 ms, too coarse here.
/// Integer counts and a sum in nanoseconds, so nothing drifts over millions of requests.
public struct DecisionLatencyHistogram: Hashable, Sendable {
    /// Upper bounds in seconds (inclusive, as Prometheus counts); a last bucket holds everything (`+Inf`).
    public static let bounds: [Double] = [
        0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1,
    ]

    /// Requests per bucket (not cumulative); one more than `bounds` for `+Inf`.
    public private(set) var counts = Array(repeating: 0, count: bounds.count + 1)
    public private(set) var sumNanoseconds: Int64 = 0

    public init() {}

    public var count: Int { counts.reduce(0, +) }

    public mutating func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        let value = Double(nanoseconds) / 1e9
        counts[Self.bounds.firstIndex { value <= $0 } ?? Self.bounds.count] += 1
        sumNanoseconds += nanoseconds
    }

    /// Cumulative counts per upper bound (`le`), `+Inf` last, as the exposition format wants them.
    public var cumulative: [(bound: String, count: Int)] {
        var running = 0
        return counts.indices.map { index in
            running += counts[index]
            return (index < Self.bounds.count ? String(Self.bounds[index]) : "+Inf", running)
        }
    }
}
