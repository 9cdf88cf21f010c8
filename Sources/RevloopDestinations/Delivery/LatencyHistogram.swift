/// How long a platform took to answer requests, in the fixed buckets the metrics expose (seconds, upper
/// bounds inclusive, as Prometheus histograms count them). Integer counts and a sum in microseconds, so
/// merging runs and cycles is exact.
public struct LatencyHistogram: Hashable, Sendable, Codable {
    /// Upper bounds in seconds; a last, implicit bucket holds everything (`+Inf`).
    public static let bounds: [Double] = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

    /// Answers per bucket (not cumulative); one more than `bounds` for `+Inf`.
    public private(set) var counts: [Int]
    public private(set) var sumMicroseconds: Int64 = 0

    public init() { counts = Array(repeating: 0, count: Self.bounds.count + 1) }

    public var count: Int { counts.reduce(0, +) }

    public mutating func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        let value = Double(microseconds) / 1_000_000
        counts[Self.bounds.firstIndex { value <= $0 } ?? Self.bounds.count] += 1
        sumMicroseconds += microseconds
    }

    public mutating func merge(_ other: LatencyHistogram) {
        for index in counts.indices { counts[index] += other.counts[index] }
        sumMicroseconds += other.sumMicroseconds
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
