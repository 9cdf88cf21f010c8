public import RevloopCore

/// What a delivery run should alert on, and which destinations it should pause, by `alerts` in
/// revloop.yaml. Pure: the run's summaries and the history's figures in, alerts out. An alert names
/// destinations, goals, codes and counts, never a person.
public enum DeliveryAlerts {
    public struct Alert: Hashable, Sendable, Encodable {
        /// `rejected_share`, `dead_letters`, `no_success`, `paused`, `match_rate`, `token_expiry`,
        /// `value_outlier`.
        public var kind: String
        public var destination: String?
        public var text: String
    }

    /// The run's per-destination figures the rules read.
    public struct Figures: Hashable, Sendable {
        public var destination: String
        public var sent: Int
        public var rejected: Int
        /// This run's match-key rate (`MatchKeyTally`), when it had enough conversions to make one.
        public var matchRate: Double?
        /// When the destination's credential expires, when known.
        public var credentialExpiresAt: Timestamp?
        /// Goals the value guard held back in this run.
        public var valueOutliers: [ValueOutlierGuard.Outlier]

        public init(
            destination: String, sent: Int, rejected: Int, matchRate: Double? = nil,
            credentialExpiresAt: Timestamp? = nil, valueOutliers: [ValueOutlierGuard.Outlier] = []
        ) {
            self.destination = destination
            self.sent = sent
            self.rejected = rejected
            self.matchRate = matchRate
            self.credentialExpiresAt = credentialExpiresAt
            self.valueOutliers = valueOutliers
        }
    }

    /// What the store knows beyond this run.
    public struct History: Hashable, Sendable {
        public var deadLetters: Int
        public var lastCleanSuccess: Timestamp?
        /// Each destination's match-key rates in its recent runs, newest first.
        public var matchRates: [String: [Double]]

        public init(deadLetters: Int, lastCleanSuccess: Timestamp?, matchRates: [String: [Double]] = [:]) {
            self.deadLetters = deadLetters
            self.lastCleanSuccess = lastCleanSuccess
            self.matchRates = matchRates
        }
    }

    /// A trailing median needs this many earlier runs.
    public static let minimumTrailingRuns = 3

    /// - Returns: the alerts, and the destinations to pause (their rejected share passed the shutdown
    ///   threshold).
    public static func evaluate(_ config: AlertConfig, figures: [Figures], history: History, now: Timestamp) -> (
        alerts: [Alert], pause: [String]
    ) {
        var alerts: [Alert] = []
        var pause: [String] = []
        for figure in figures {
            if figure.sent > 0 {
                let share = Double(figure.rejected) / Double(figure.sent)
                if let limit = config.pauseAboveRejectedShare, share > limit {
                    pause.append(figure.destination)
                    alerts.append(
                        Alert(
                            kind: "paused", destination: figure.destination,
                            text:
                                "\(figure.destination) paused: \(figure.rejected) of \(figure.sent) events rejected (\(percent(share)), above the shutdown share \(percent(limit))); see `revloop ledger stats`, then `revloop resume \(figure.destination)`"
                        ))
                } else if let limit = config.rejectedShare, share > limit {
                    alerts.append(
                        Alert(
                            kind: "rejected_share", destination: figure.destination,
                            text:
                                "\(figure.destination): \(figure.rejected) of \(figure.sent) events rejected (\(percent(share)), above \(percent(limit))); see `revloop ledger stats`"
                        ))
                }
            }
            for outlier in figure.valueOutliers {
                alerts.append(
                    Alert(
                        kind: "value_outlier", destination: figure.destination,
                        text:
                            "\(figure.destination)/\(outlier.goal) paused: \(outlier.count) value(s) above \(number(outlier.multiple)) times the goal's median of \(outlier.median) (largest \(outlier.largest)); check the deal amounts (`revloop plan --format json`), then `revloop resume \(figure.destination)/\(outlier.goal)`"
                    ))
            }
            if let drop = config.matchRateDrop, let rate = figure.matchRate,
                let trailing = history.matchRates[figure.destination], trailing.count >= minimumTrailingRuns,
                let median = median(trailing), median > 0, rate < median * (1 - drop)
            {
                alerts.append(
                    Alert(
                        kind: "match_rate", destination: figure.destination,
                        text:
                            "\(figure.destination): match-key rate \(percent(rate)) this run against a median of \(percent(median)) over its last \(trailing.count) runs (a drop of more than \(percent(drop))); check that the CRM still fills emails, phones and click ids (`revloop plan` shows each key's share)"
                    ))
            }
            if let days = config.tokenExpiryDays, let expires = figure.credentialExpiresAt,
                expires < now.adding(milliseconds: Int64(days) * 86_400_000)
            {
                // Whole days left, rounded up: five days less a second is still "in 5 days".
                let left = (expires.millisecondsSinceEpoch - now.millisecondsSinceEpoch + 86_399_999) / 86_400_000
                let when = expires < now ? "expired on \(expires)" : "expires on \(expires) (in \(left) day(s))"
                alerts.append(
                    Alert(
                        kind: "token_expiry", destination: figure.destination,
                        text:
                            "\(figure.destination): the credential \(when); authorize again or issue a new token, update the secret it is read from, then run `revloop doctor`"
                    ))
            }
        }
        if let limit = config.deadLetters, history.deadLetters >= limit {
            alerts.append(
                Alert(
                    kind: "dead_letters", destination: nil,
                    text:
                        "\(history.deadLetters) dead letters in the ledger (alert at \(limit)); see `revloop ledger stats`, `revloop retry --dead-letter`"
                ))
        }
        if let hours = config.noSuccessHours {
            let limit = now.adding(milliseconds: -Int64(hours) * 3_600_000)
            if history.lastCleanSuccess.map({ $0 < limit }) ?? true {
                alerts.append(
                    Alert(
                        kind: "no_success", destination: nil,
                        text:
                            "no delivery run has succeeded without rejections for \(hours) h (last: \(history.lastCleanSuccess?.description ?? "never")); see `revloop runs`"
                    ))
            }
        }
        return (alerts, pause)
    }

    /// The median (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
