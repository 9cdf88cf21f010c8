internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopStore

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// `revloop status`: what the store holds, where each connector got to, and how the last runs went.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the store holds and the last runs.",
        discussion:
            "Counts per record kind, each connector's streams (read completely or where a pull stopped), recent runs.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "How many recent runs to list.")
    var runs = 5

    struct Report: Encodable {
        struct Stream: Encodable {
            var connector: String
            var stream: String
            var state: String
        }

        /// When each connector last finished a pull without failing.
        struct Connector: Encodable {
            var name: String
            var lastPull: Timestamp?
        }

        /// Delivery health: the ledger by platform and state, the backlog, kill switches and the last
        /// delivery run that succeeded.
        struct Delivery: Encodable {
            var states: [String: [String: Int]]
            /// Operations waiting to be sent again (`sending` left by a crash, `retrying`).
            var backlog: Int
            var deadLetters: Int
            var paused: [String: String]
            var lastSuccess: Timestamp?
            /// Per destination: when a run last had events accepted, and its match-key rates, newest first.
            var destinations: [Destination]
        }

        struct Destination: Encodable {
            var name: String
            var lastAccepted: Timestamp?
            var matchKeyRates: [Double]
        }

        var store: String
        var counts: SnapshotCounts
        var streams: [Stream]
        var connectors: [Connector]
        var runs: [RunRecord]
        var delivery: Delivery
        /// Alerts raised in the last 7 days, newest first.
        var alerts: [RaisedAlert]
        /// The active scoring model and the last drift check, when a model was ever trained.
        var scoring: Scoring?
        /// The same for the lead model (purpose `lead_win`), when one was ever trained.
        var leadScoring: Scoring?

        struct Scoring: Encodable {
            var active: ScoreModelSummary?
            var models: Int
            /// The last `score-monitor` run's figures (rows, alarms, ece_milli, stopped).
            var lastCheck: RunRecord?
            var lastTraining: RunRecord?
        }
    }

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let report: Report
        let store = try project.openStore(config, output: output)
        do {
            var streams: [Report.Stream] = []
            for connector in loaded.connectors {
                let cursors = try await store.cursors(connector: connector.name)
                if cursors.isEmpty {
                    streams.append(
                        Report.Stream(
                            connector: connector.name.rawValue, stream: "-", state: "never pulled (run revloop pull)"))
                }
                for (stream, cursor) in cursors.sorted(by: { $0.key < $1.key }) {
                    streams.append(
                        Report.Stream(connector: connector.name.rawValue, stream: stream, state: Self.describe(cursor)))
                }
            }
            let states = await DeliveryOptions.ledgerStates(store)
            func total(_ names: Set<String>) -> Int {
                states.values.reduce(0) { sum, byState in
                    sum + byState.filter { names.contains($0.key) }.values.reduce(0, +)
                }
            }
            // One read of the run history serves the delivery health, the connectors' pulls and the list.
            let history = try await store.recentRuns(limit: max(500, runs))
            let deliveryRuns = history.filter {
                ["upload", "sync", "schedule"].contains($0.command) && $0.status != .failed && $0.status != .running
            }
            let destinations = config.destinations.keys.sorted().map { name in
                Report.Destination(
                    name: name,
                    lastAccepted: deliveryRuns.first { ($0.summary["\(name).accepted"] ?? 0) > 0 }?.finishedAt,
                    matchKeyRates: deliveryRuns.prefix(10).compactMap {
                        $0.summary["\(name).\(DeliveryOptions.matchKeyFigure)"].map { Double($0) / 1_000 }
                    })
            }
            // `pull` runs, and the pulls inside `sync` runs and schedule cycles.
            let pulls = history.filter {
                ["pull", "sync", "schedule"].contains($0.command)
                    && ($0.status == .succeeded || $0.status == .succeededWithDiagnostics)
            }
            let connectors = loaded.connectors.map { connector in
                Report.Connector(
                    name: connector.name.rawValue,
                    lastPull: pulls.first {
                        $0.summary["\(connector.name).rejected"] != nil
                            || $0.summary["\(connector.name).pull_read"] != nil
                    }?.finishedAt)
            }
            let week = SystemWallClock().now().adding(milliseconds: -7 * 86_400_000)
            report = Report(
                store: config.storePath, counts: try await store.counts(), streams: streams, connectors: connectors,
                runs: Array(history.prefix(runs)),
                delivery: Report.Delivery(
                    states: states, backlog: total(["sending", "retrying", "planned"]),
                    deadLetters: total(["dead_letter"]),
                    paused: try await store.pauses(), lastSuccess: deliveryRuns.first?.finishedAt,
                    destinations: destinations),
                alerts: try await store.alerts(since: week, limit: 20),
                scoring: try await Self.scoring(store: store, history: history),
                leadScoring: try await Self.scoring(store: store, history: history, purpose: .lead))
        } catch {
            output.error("error: \(error)")
            throw ExitStatus.runFailed
        }
        switch format {
        case .json: try output.json(report)
        case .text: output.result(Self.text(report))
        }
    }

    static func describe(_ cursor: PullCursor) -> String {
        if cursor.stream == "rebase_days" { return "timestamps shifted by \(cursor.value) days" }
        struct FileCursor: Decodable {
            var offset: Int64
            var complete: Bool
        }
        guard let file = try? JSONDecoder().decode(FileCursor.self, from: Data(cursor.value.utf8)) else {
            return cursor.value
        }
        return file.complete ? "read completely" : "stopped at byte \(file.offset); the next pull resumes there"
    }

    /// A run still `running` whose process is gone was interrupted (killed, or the machine stopped).
    static func state(of run: RunRecord) -> String {
        guard run.status == .running else { return run.status.rawValue }
        guard let pid = run.processID, kill(pid, 0) == 0 || errno == EPERM else {
            return "interrupted (its process is gone; the next pull resumes where it stopped)"
        }
        return "running (process \(pid))"
    }

    static func scoring(store: SQLiteStore, history: [RunRecord], purpose: ScoringPurpose = .deal) async throws
        -> Report.Scoring?
    {
        let models = try await store.models(purpose: purpose.registryName)
        guard !models.isEmpty else { return nil }
        return Report.Scoring(
            active: models.first(where: \.isActive).map(ScoreModelSummary.init), models: models.count,
            lastCheck: history.first { $0.command == purpose.monitorCommand },
            lastTraining: history.first { $0.command == purpose.trainCommand })
    }

    static func scoringLines(_ scoring: Report.Scoring, purpose: ScoringPurpose = .deal) -> [String] {
        var lines: [String] = []
        let name = purpose == .lead ? "lead scoring" : "scoring"
        let fallback =
            purpose == .lead
            ? "lead scores come from the deal model or the store" : "`predicted` goals use stage probability"
        if let active = scoring.active {
            var line =
                "\(name): \(active.version) \(active.state) (\(active.kind), trained \(active.trainedAt.prefix(10)), "
            line += "AUC \(active.metrics["auc"].map { ScoreModelSummary.fixed($0, 3) } ?? "-"), "
            line += "ECE \(active.metrics["ece"].map { ScoreModelSummary.fixed($0, 4) } ?? "-"))"
            lines.append(line)
            if let reason = active.stoppedReason {
                lines.append("  stopped: \(reason); \(fallback) (`revloop score activate`)")
            }
        } else {
            lines.append("\(name): \(scoring.models) models, none active; \(fallback) (`revloop score activate`)")
        }
        if let check = scoring.lastCheck {
            let figures = check.summary
            let rows = purpose == .lead ? "decided leads" : "closed deals"
            var line = "  drift check \(check.startedAt): \(figures["rows"] ?? 0) \(rows) checked"
            if let alarms = figures["alarms"] { line += ", \(alarms) alarms" }
            if let ece = figures["ece_milli"] { line += ", ECE \(ScoreModelSummary.fixed(Double(ece) / 1_000, 3))" }
            if figures["stopped"] == 1 { line += ", model stopped" }
            lines.append(line)
        }
        return lines
    }

    static func text(_ report: Report) -> String {
        let counts = report.counts
        var lines = [
            "store \(report.store)",
            "  pipelines \(counts.pipelines) (\(counts.stages) stages)",
            "  companies \(counts.companies)",
            "  contacts  \(counts.contacts) (\(counts.contactIdentifiers) hashed identifiers)",
            "  click ids \(counts.clickIDs)",
            "  activities \(counts.activities)",
            "  deals     \(counts.deals) (\(counts.deletedDeals) deleted, \(counts.stageTransitions) stage transitions, "
                + "\(counts.amountChanges) amount changes, \(counts.dealContacts) contact links)",
        ]
        for connector in report.connectors {
            lines.append("connector \(connector.name): last pulled \(connector.lastPull?.description ?? "never")")
        }
        if !report.streams.isEmpty {
            lines.append("streams")
            for stream in report.streams {
                let name = stream.stream == "-" ? stream.connector : "\(stream.connector)/\(stream.stream)"
                lines.append("  \(name): \(stream.state)")
            }
        }
        let delivery = report.delivery
        if !delivery.states.isEmpty || delivery.lastSuccess != nil {
            lines.append(
                "delivery: last successful run \(delivery.lastSuccess?.description ?? "never"); backlog \(delivery.backlog), dead letters \(delivery.deadLetters)"
                    + (delivery.deadLetters > 0 ? " (`revloop ledger stats`; `revloop retry --dead-letter`)" : ""))
            for (platform, byState) in delivery.states.sorted(by: { $0.key < $1.key }) {
                let parts = byState.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                lines.append("  \(platform): \(parts.joined(separator: ", "))")
            }
        }
        for destination in delivery.destinations
        where destination.lastAccepted != nil || !destination.matchKeyRates.isEmpty {
            var line = "  \(destination.name): last accepted \(destination.lastAccepted?.description ?? "never")"
            if !destination.matchKeyRates.isEmpty {
                // Oldest to newest, so the trend reads left to right.
                line +=
                    "; match-key rate by run "
                    + destination.matchKeyRates.reversed().map { "\(Int(($0 * 100).rounded()))%" }.joined(
                        separator: " ")
            }
            lines.append(line)
        }
        for (target, reason) in delivery.paused.sorted(by: { $0.key < $1.key }) {
            lines.append("  paused: \(target) (\(reason)); `revloop resume \(target)` lifts it")
        }
        if let scoring = report.scoring { lines += scoringLines(scoring) }
        if let scoring = report.leadScoring { lines += scoringLines(scoring, purpose: .lead) }
        if !report.alerts.isEmpty {
            lines.append("alerts (last 7 days, newest first)")
            for alert in report.alerts { lines.append("  \(alert.raisedAt) \(alert.kind): \(alert.text)") }
        }
        lines.append(report.runs.isEmpty ? "runs: none yet (try: revloop pull)" : "recent runs")
        for run in report.runs {
            let changed = run.summary.filter { $0.key.hasSuffix(".inserted") || $0.key.hasSuffix(".updated") }
                .reduce(0) { $0 + $1.value }
            let rejected = run.summary.filter { $0.key.hasSuffix(".rejected") }.reduce(0) { $0 + $1.value }
            if ["upload", "sync", "schedule"].contains(run.command) {
                func sum(_ suffix: String) -> Int {
                    run.summary.filter { $0.key.hasSuffix(suffix) }.reduce(0) { $0 + $1.value }
                }
                lines.append(
                    "  #\(run.id) \(run.command) \(run.startedAt) \(Self.state(of: run)): \(sum(".accepted")) of \(sum(".sent")) sent accepted, \(rejected) rejected, \(sum(".dead_letter")) dead-lettered"
                )
                continue
            }
            lines.append(
                "  #\(run.id) \(run.command) \(run.startedAt) \(Self.state(of: run)): \(changed) new or changed, \(rejected) rejected"
            )
        }
        return lines.joined(separator: "\n")
    }
}
