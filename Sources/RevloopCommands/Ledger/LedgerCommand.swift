internal import ArgumentParser

/// `revloop ledger`: what was sent, what each platform answered.
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Inspect the delivery ledger: one operation's history, or counts by platform and state.",
        subcommands: [LedgerShowCommand.self, LedgerStatsCommand.self])
}
