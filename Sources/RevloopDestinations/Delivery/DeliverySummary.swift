public import RevloopCore

/// One platform's delivery in one run: what was sent and what the platform made of it.
public struct DeliverySummary: Hashable, Sendable, Codable {
    public var platform: Platform
    /// Operations the plan had for this destination in the run (sent or held back).
    public var planned = 0
    /// HTTP requests made, retries and split halves included.
    public var requests = 0
    /// Operations put on the wire at least once.
    public var sent = 0
    /// Accepted, duplicates included.
    public var accepted = 0
    /// Accepted as already held (order or transaction id in use).
    public var duplicates = 0
    /// Refused for good, by the platform's code.
    public var rejected: [String: Int] = [:]
    /// Requests sent again after a passing failure.
    public var retries = 0
    /// Operations left for the next run after this run's retry budget was spent.
    public var retrying = 0
    /// Operations given up on after too many attempts across runs (`revloop retry --dead-letter`).
    public var deadLettered = 0
    /// Operations whose request got no answer on a platform that does not deduplicate (LinkedIn): held
    /// as dead letters instead of risking a double count, unless the policy says resend.
    public var inDoubt = 0
    /// Why the platform was stopped for this run, and what to change.
    public var stopped: String?
    /// Operations held back by a kill switch (`revloop pause`, `paused: true`): planned again once resumed.
    public var paused = 0
    /// Why nothing was sent on purpose (a test run on a platform without a test mode): not a failure.
    public var notSent: String?
    /// Data Manager's asynchronous processing outcomes (`requestStatus:retrieve`), by reason.
    public var processing: [String: Int] = [:]
    /// Requests whose processing status was still pending when polled.
    public var processingPending = 0
    /// How long the platform took to answer each request.
    public var latency = LatencyHistogram()

    public init(platform: Platform) { self.platform = platform }

    /// Adds another part of the same platform's delivery (one batch's) to this one.
    public mutating func merge(_ other: DeliverySummary) {
        planned += other.planned
        requests += other.requests
        sent += other.sent
        accepted += other.accepted
        duplicates += other.duplicates
        rejected.merge(other.rejected, uniquingKeysWith: +)
        retries += other.retries
        retrying += other.retrying
        deadLettered += other.deadLettered
        inDoubt += other.inDoubt
        stopped = stopped ?? other.stopped
        notSent = notSent ?? other.notSent
        paused += other.paused
        processing.merge(other.processing, uniquingKeysWith: +)
        processingPending += other.processingPending
        latency.merge(other.latency)
    }

    public var rejectedTotal: Int { rejected.values.reduce(0, +) }

    /// Whether a human should look: anything refused, given up on or stopped.
    public var needsAttention: Bool { rejectedTotal > 0 || deadLettered > 0 || inDoubt > 0 || stopped != nil }
}
