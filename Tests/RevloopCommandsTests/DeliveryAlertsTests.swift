import RevloopCommands
import RevloopCore
import RevloopDestinations
import Testing

@Suite struct DeliveryAlertsTests {
    static let now = Timestamp(millisecondsSinceEpoch: 1_796_000_000_000)

    static var config: AlertConfig {
        var config = AlertConfig()
        config.rejectedShare = 0.1
        config.pauseAboveRejectedShare = 0.5
        config.deadLetters = 10
        config.noSuccessHours = 24
        return config
    }

    @Test func eachRuleFiresOnceAndOnlyPastItsThreshold() {
        let (alerts, pause) = DeliveryAlerts.evaluate(
            Self.config,
            figures: [
                .init(destination: "google", sent: 100, rejected: 10),  // 10%: not above 10%
                .init(destination: "linkedin", sent: 100, rejected: 20),  // above 10%: an alert
                .init(destination: "meta", sent: 100, rejected: 60),  // above 50%: paused, one alert
                .init(destination: "idle", sent: 0, rejected: 0),
            ], deadLetters: 10, lastCleanSuccess: Self.now.adding(milliseconds: -25 * 3_600_000), now: Self.now)
        #expect(alerts.map(\.kind) == ["rejected_share", "paused", "dead_letters", "no_success"])
        #expect(alerts.map(\.destination) == ["linkedin", "meta", nil, nil])
        #expect(pause == ["meta"])
        #expect(alerts[1].text.contains("60 of 100") && alerts[1].text.contains("revloop resume meta"))
        // Alerts carry destinations, counts and codes only.
        #expect(alerts.allSatisfy { !$0.text.contains("@") })
    }

    @Test func aHealthyRunRaisesNothing() {
        let (alerts, pause) = DeliveryAlerts.evaluate(
            Self.config, figures: [.init(destination: "google", sent: 100, rejected: 1)], deadLetters: 9,
            lastCleanSuccess: Self.now.adding(milliseconds: -3_600_000), now: Self.now)
        #expect(alerts.isEmpty && pause.isEmpty)
        // Never a clean success at all counts as too long.
        let never = DeliveryAlerts.evaluate(
            Self.config, figures: [], deadLetters: 0, lastCleanSuccess: nil, now: Self.now)
        #expect(never.alerts.map(\.kind) == ["no_success"])
    }

    @Test func metricsAreValidPrometheusTextWithEscapedLabels() {
        var summary = DeliverySummary(platform: .linkedIn)
        summary.sent = 10
        summary.accepted = 9
        summary.rejected = ["INVALID /user \"ids\"": 1]
        let text = DeliveryMetrics.text(
            deliveries: [DestinationDelivery(destination: "linkedin", summary: summary)],
            states: ["linkedin": ["accepted": 9, "rejected": 1]], runSeconds: 1.5, finishedAt: Self.now)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"revloop_events_sent{destination="linkedin",platform="linkedin"} 10"#))
        #expect(
            lines.contains(
                #"revloop_events_rejected{destination="linkedin",platform="linkedin",code="INVALID /user \"ids\""} 1"#))
        #expect(lines.contains(#"revloop_ledger_operations{platform="linkedin",state="rejected"} 1"#))
        #expect(lines.contains("revloop_run_finished_timestamp_seconds 1796000000"))
        // Every sample line follows a HELP and a TYPE line for its metric.
        for (index, line) in lines.enumerated() where !line.hasPrefix("#") {
            let name = String(line.prefix { $0 != "{" && $0 != " " })
            #expect(lines[..<index].contains("# TYPE \(name) gauge"))
        }
    }
}
