public import RevloopCore

/// What a delivery run should alert on, and which destinations it should pause, by `alerts` in
/// revloop.yaml. Pure: the run's summaries and the ledger's state in, alerts out. An alert names
/// destinations, codes and counts, never a person.
public enum DeliveryAlerts {
    public struct Alert: Hashable, Sendable, Encodable {
        /// `rejected_share`, `dead_letters`, `no_success`, `paused`.
        public var kind: String
        public var destination: String?
        public var text: String
    }

    /// The run's per-destination figures the rules read.
    public struct Figures: Hashable, Sendable {
        public var destination: String
        public var sent: Int
        public var rejected: Int

        public init(destination: String, sent: Int, rejected: Int) {
            self.destination = destination
            self.sent = sent
            self.rejected = rejected
        }
    }

    /// - Returns: the alerts, and the destinations to pause (their rejected share passed the shutdown
    ///   threshold).
    public static func evaluate(
        _ config: AlertConfig, figures: [Figures], deadLetters: Int, lastCleanSuccess: Timestamp?, now: Timestamp
    ) -> (alerts: [Alert], pause: [String]) {
        var alerts: [Alert] = []
        var pause: [String] = []
        for figure in figures where figure.sent > 0 {
            let share = Double(figure.rejected) / Double(figure.sent)
            let percent = Int((share * 100).rounded())
            if let limit = config.pauseAboveRejectedShare, share > limit {
                pause.append(figure.destination)
                alerts.append(
                    Alert(
                        kind: "paused", destination: figure.destination,
                        text:
                            "\(figure.destination) paused: \(figure.rejected) of \(figure.sent) events rejected (\(percent)%, above the shutdown share \(Int(limit * 100))%); see `revloop ledger stats`, then `revloop resume \(figure.destination)`"
                    ))
            } else if let limit = config.rejectedShare, share > limit {
                alerts.append(
                    Alert(
                        kind: "rejected_share", destination: figure.destination,
                        text:
                            "\(figure.destination): \(figure.rejected) of \(figure.sent) events rejected (\(percent)%, above \(Int(limit * 100))%); see `revloop ledger stats`"
                    ))
            }
        }
        if let limit = config.deadLetters, deadLetters >= limit {
            alerts.append(
                Alert(
                    kind: "dead_letters", destination: nil,
                    text:
                        "\(deadLetters) dead letters in the ledger (alert at \(limit)); see `revloop ledger stats`, `revloop retry --dead-letter`"
                ))
        }
        if let hours = config.noSuccessHours {
            let limit = now.adding(milliseconds: -Int64(hours) * 3_600_000)
            if lastCleanSuccess.map({ $0 < limit }) ?? true {
                alerts.append(
                    Alert(
                        kind: "no_success", destination: nil,
                        text:
                            "no delivery run has succeeded without rejections for \(hours) h (last: \(lastCleanSuccess?.description ?? "never")); see `revloop runs`"
                    ))
            }
        }
        return (alerts, pause)
    }
}
