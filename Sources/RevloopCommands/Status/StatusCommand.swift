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

        var store: String
        var counts: SnapshotCounts
        var streams: [Stream]
        var runs: [RunRecord]
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
            report = Report(
                store: config.storePath, counts: try await store.counts(), streams: streams,
                runs: try await store.recentRuns(limit: runs))
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

    static func text(_ report: Report) -> String {
        let counts = report.counts
        var lines = [
            "store \(report.store)",
            "  pipelines \(counts.pipelines) (\(counts.stages) stages)",
            "  companies \(counts.companies)",
            "  contacts  \(counts.contacts) (\(counts.contactIdentifiers) hashed identifiers)",
            "  click ids \(counts.clickIDs)",
            "  deals     \(counts.deals) (\(counts.deletedDeals) deleted, \(counts.stageTransitions) stage transitions, "
                + "\(counts.amountChanges) amount changes, \(counts.dealContacts) contact links)",
        ]
        if !report.streams.isEmpty {
            lines.append("streams")
            for stream in report.streams {
                let name = stream.stream == "-" ? stream.connector : "\(stream.connector)/\(stream.stream)"
                lines.append("  \(name): \(stream.state)")
            }
        }
        lines.append(report.runs.isEmpty ? "runs: none yet (try: revloop pull)" : "recent runs")
        for run in report.runs {
            let changed = run.summary.filter { $0.key.hasSuffix(".inserted") || $0.key.hasSuffix(".updated") }
                .reduce(0) { $0 + $1.value }
            let rejected = run.summary.filter { $0.key.hasSuffix(".rejected") }.reduce(0) { $0 + $1.value }
            lines.append(
                "  #\(run.id) \(run.command) \(run.startedAt) \(Self.state(of: run)): \(changed) new or changed, \(rejected) rejected"
            )
        }
        return lines.joined(separator: "\n")
    }
}
