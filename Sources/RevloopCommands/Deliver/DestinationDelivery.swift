internal import RevloopCore
public import RevloopDestinations

/// One destination's delivery in one run, as `upload` and `sync` report it.
public struct DestinationDelivery: Encodable, Sendable {
    public var destination: String
    public var summary: DeliverySummary

    public init(destination: String, summary: DeliverySummary) {
        self.destination = destination
        self.summary = summary
    }

    /// The platform's match rate is reported by the platforms' own tools, not in these answers: the
    /// summary says what was accepted and what the platform said about processing.
    static func text(_ deliveries: [DestinationDelivery]) -> String {
        guard !deliveries.isEmpty else { return "Nothing to send: every planned conversion is already settled." }
        var rows = [
            [
                "destination", "platform", "requests", "sent", "accepted", "duplicate", "rejected", "retried",
                "retrying", "dead", "in-doubt",
            ]
        ]
        for delivery in deliveries {
            let summary = delivery.summary
            rows.append(
                [delivery.destination, summary.platform.rawValue]
                    + [
                        summary.requests, summary.sent, summary.accepted, summary.duplicates, summary.rejectedTotal,
                        summary.retries, summary.retrying, summary.deadLettered, summary.inDoubt,
                    ].map(String.init))
        }
        var lines = PlanReport.table(rows)
        for delivery in deliveries {
            let summary = delivery.summary
            for (code, count) in summary.rejected.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(delivery.destination): rejected \(count) x \(code)")
            }
            for (reason, count) in summary.processing.sorted(by: { $0.key < $1.key }) {
                lines.append("  \(delivery.destination): processing reported \(count) x \(reason)")
            }
            if summary.processingPending > 0 {
                lines.append("  \(delivery.destination): \(summary.processingPending) requests still processing")
            }
            if summary.inDoubt > 0 {
                lines.append(
                    "  \(delivery.destination): \(summary.inDoubt) sent without an answer; LinkedIn does not deduplicate, so they are held as dead letters (`revloop ledger stats`; `revloop retry --dead-letter` resends them)"
                )
            }
            if let stopped = summary.stopped { lines.append("  \(delivery.destination): stopped: \(stopped)") }
            if let notSent = summary.notSent { lines.append("  \(delivery.destination): not sent: \(notSent)") }
            if summary.paused > 0 {
                lines.append(
                    "  \(delivery.destination): \(summary.paused) held back by a kill switch (`revloop pause` lists them; `revloop resume` lifts one)"
                )
            }
        }
        return lines.joined(separator: "\n")
    }
}
