internal import ArgumentParser

/// `revloop score`: win-probability models and their drift monitors.
struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Train, apply and monitor win-probability models.",
        subcommands: [ScoreMonitorCommand.self])
}
