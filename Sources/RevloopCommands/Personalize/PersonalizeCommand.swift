internal import ArgumentParser

/// `revloop personalize`: next-best-content decisions from the command line, and how they are doing.
struct PersonalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "personalize",
        abstract: "Rank content for a visitor, and report the holdout's lift and an off-policy evaluation.",
        subcommands: [PersonalizeRankCommand.self, PersonalizeOutcomeCommand.self, PersonalizeReportCommand.self])
}
