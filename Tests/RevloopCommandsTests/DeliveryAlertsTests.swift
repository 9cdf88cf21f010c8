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
            ],
            history: .init(deadLetters: 10, lastCleanSuccess: Self.now.adding(milliseconds: -25 * 3_600_000)),
            now: Self.now)
        #expect(alerts.map(\.kind) == ["rejected_share", "paused", "dead_letters", "no_success"])
        #expect(alerts.map(\.destination) == ["linkedin", "meta", nil, nil])
        #expect(pause == ["meta"])
        #expect(alerts[1].text.contains("60 of 100") && alerts[1].text.contains("revloop resume meta"))
        // Alerts carry destinations, counts and codes only.
        #expect(alerts.allSatisfy { !$0.text.contains("@") })
    }

    @Test func aHealthyRunRaisesNothing() {
        let (alerts, pause) = DeliveryAlerts.evaluate(
            Self.config, figures: [.init(destination: "google", sent: 100, rejected: 1)],
            history: .init(deadLetters: 9, lastCleanSuccess: Self.now.adding(milliseconds: -3_600_000)), now: Self.now)
        #expect(alerts.isEmpty && pause.isEmpty)
        // Never a clean success at all counts as too long.
        let never = DeliveryAlerts.evaluate(
            Self.config, figures: [], history: .init(deadLetters: 0, lastCleanSuccess: nil), now: Self.now)
        #expect(never.alerts.map(\.kind) == ["no_success"])
    }

    @Test func aMatchRateDropAgainstTheTrailingMedianAlertsOnlyPastTheDrop() {
        var config = AlertConfig()
        config.matchRateDrop = 0.2
        let history = DeliveryAlerts.History(
            deadLetters: 0, lastCleanSuccess: Self.now,
            matchRates: ["meta": [0.80, 0.78, 0.90, 0.10], "google": [0.8, 0.8], "linkedin": [0.5, 0.5, 0.5]])
        let (alerts, _) = DeliveryAlerts.evaluate(
            config,
            figures: [
                .init(destination: "meta", sent: 50, rejected: 0, matchRate: 0.63),  // median 0.79: 0.632 is the line
                .init(destination: "google", sent: 50, rejected: 0, matchRate: 0.1),  // two runs: no median yet
                .init(destination: "linkedin", sent: 50, rejected: 0, matchRate: 0.41),  // 0.4 is the line
                .init(destination: "idle", sent: 0, rejected: 0, matchRate: nil),
            ], history: history, now: Self.now)
        #expect(alerts.map(\.kind) == ["match_rate"])
        #expect(alerts.first?.destination == "meta")
        #expect(alerts.first?.text.contains("63%") == true && alerts.first?.text.contains("79%") == true)
    }

    @Test func aCredentialExpiringWithinTheWindowAlertsWithItsDate() {
        var config = AlertConfig()
        config.tokenExpiryDays = 14
        let day: Int64 = 86_400_000
        let (alerts, _) = DeliveryAlerts.evaluate(
            config,
            figures: [
                .init(
                    destination: "linkedin", sent: 0, rejected: 0,
                    credentialExpiresAt: Self.now.adding(milliseconds: 6 * day)),
                .init(
                    destination: "meta", sent: 0, rejected: 0, credentialExpiresAt: Self.now.adding(milliseconds: -day)),
                .init(
                    destination: "google", sent: 0, rejected: 0,
                    credentialExpiresAt: Self.now.adding(milliseconds: 15 * day)),
                .init(destination: "unknown", sent: 0, rejected: 0),
            ], history: .init(deadLetters: 0, lastCleanSuccess: Self.now), now: Self.now)
        #expect(alerts.map(\.destination) == ["linkedin", "meta"])
        #expect(alerts[0].text.contains("in 6 day(s)") && alerts[1].text.contains("expired on"))
    }

    @Test func theValueGuardFlagsAGoalWhoseValueJumpsPastTheMultipleOfItsMedian() throws {
        var ledger: [DedupKey: LedgerEntry] = [:]
        for index in 0..<25 {
            let key = DedupKey(rawValue: "m-\(index)")
            ledger[key] = LedgerEntry(
                key: key, platform: .meta, goal: "meta-pipeline", connector: "sample", dealID: DealID("d-\(index)"),
                stageID: "won", state: index == 24 ? .rejected : index % 2 == 0 ? .accepted : .restated,
                value: Money(minorUnits: Int64(10_000 + index * 100), currency: .usd), updatedAt: Self.now)
        }
        func upload(_ minor: Int64, goal: String = "meta-pipeline", currency: CurrencyCode = .usd) -> PlannedOperation {
            var operation = PlannedOperation(
                action: .upload, key: DedupKey(rawValue: "new-\(minor)-\(goal)"), goal: goal, platform: .meta,
                dealID: "d-new",
                stageID: "won", occurredAt: Self.now, event: nil)
            operation.event = ConversionEvent(
                key: operation.key, goal: goal, platform: .meta, account: "act", target: "dataset", connector: "sample",
                crmName: "Sample", dealID: "d-new", stageID: "won", stageLabel: "Won", occurredAt: Self.now,
                value: Money(minorUnits: minor, currency: currency), conversion: nil,
                person: ConversionPerson(
                    contactID: "ct-1", identifiers: [], clicks: [], countryCode: nil, region: nil, postalCode: nil,
                    consent: Consent(adUserData: .granted, adPersonalization: .granted, limitedDataUse: false)),
                limitedDataUse: false)
            return operation
        }
        // The median of the 24 delivered values is 11,100 (minor units); 10x is 111,000.
        let outliers = ValueOutlierGuard.outliers(
            in: [
                upload(111_000), upload(111_001), upload(5_000_000),
                upload(999_999_999, currency: CurrencyCode("EUR")!),
                upload(9_999_999, goal: "new-goal"),
            ],
            ledger: ledger, multiple: 10)
        #expect(outliers.count == 1)
        let outlier = try #require(outliers.first)
        #expect(outlier.goal == "meta-pipeline" && outlier.count == 2)
        #expect(outlier.median == Money(minorUnits: 11_100, currency: .usd))
        #expect(outlier.largest == Money(minorUnits: 5_000_000, currency: .usd))
    }

    @Test func theMatchKeyTallyCountsRecentConversionsThatReachedTheIdentifierCheck() {
        var tally = MatchKeyTally(asOf: Self.now)
        func operation(_ action: PlannedOperation.Action, daysAgo: Int64 = 1) -> PlannedOperation {
            PlannedOperation(
                action: action, key: DedupKey(rawValue: "k"), goal: "g", platform: .meta, dealID: "d", stageID: "s",
                occurredAt: Self.now.adding(milliseconds: -daysAgo * 86_400_000), event: nil)
        }
        for _ in 0..<15 { tally.count(operation(.skip(.alreadySent))) }
        for _ in 0..<3 { tally.count(operation(.upload)) }
        #expect(tally.rate == nil)  // 18 conversions: too few to make a rate
        for _ in 0..<2 { tally.count(operation(.skip(.noMatchableIdentifier))) }
        tally.count(operation(.skip(.heldOut)))  // decided before identifiers: not counted
        tally.count(operation(.skip(.noContact), daysAgo: 8))  // older than a week: not counted
        #expect(tally.keyed == 18 && tally.unkeyed == 2)
        #expect(tally.rate == 0.9)
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
            let family = ["_bucket", "_sum", "_count"].first { name.hasSuffix($0) }.map {
                String(name.dropLast($0.count))
            }
            #expect(
                lines[..<index].contains("# TYPE \(name) gauge")
                    || family.map { lines[..<index].contains("# TYPE \($0) histogram") } == true, "\(line)")
        }
    }
}
