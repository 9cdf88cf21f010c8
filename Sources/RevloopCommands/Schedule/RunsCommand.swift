internal import ArgumentParser
internal import Foundation
internal import RevloopCore
internal import RevloopStore

/// `revloop runs [show ID]`: the run history.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recent runs (pull, upload, sync, schedule cycles) or show one.",
        discussion: """
            Examples:
              revloop runs
              revloop runs --limit 50 --format json
              revloop runs show 12
            """,
        subcommands: [RunsListCommand.self, RunsShowCommand.self], defaultSubcommand: RunsListCommand.self)
}

struct RunsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Recent runs, newest first.")

    @OptionGroup var project: ProjectOptions

    @Option(help: "How many runs.")
    var limit = 20

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let runs = try await project.openStore(config, output: output).recentRuns(limit: limit)
        if format == .json {
            try output.json(runs)
            return
        }
        var rows = [["id", "command", "started", "finished", "status", "figures"]]
        for run in runs {
            let figures = run.summary.filter { $0.value != 0 }.sorted { $0.key < $1.key }.prefix(4)
                .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            rows.append([
                String(run.id), run.command, run.startedAt.description, run.finishedAt?.description ?? "-",
                run.status.rawValue, figures,
            ])
        }
        output.result(runs.isEmpty ? "No runs yet." : PlanReport.table(rows).joined(separator: "\n"))
    }
}

struct RunsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One run and all its figures.")

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The run id (`revloop runs` lists them).")
    var id: Int64

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let runs = try await project.openStore(config, output: output).recentRuns(limit: 100_000)
        guard let run = runs.first(where: { $0.id == id }) else {
            output.error("error: no run \(id) (`revloop runs` lists them)")
            throw ExitStatus.recordsRejected
        }
        var lines = [
            "run \(run.id): \(run.command), \(run.status.rawValue)",
            "  started  \(run.startedAt)", "  finished \(run.finishedAt?.description ?? "-")",
        ]
        if let pid = run.processID { lines.append("  process  \(pid)") }
        for (name, value) in run.summary.sorted(by: { $0.key < $1.key }) { lines.append("  \(name) = \(value)") }
        output.result(lines.joined(separator: "\n"))
    }
}
