internal import ArgumentParser

/// `revloop map --dry-run`: the same as `revloop plan` (the name peers' users know).
struct MapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Apply the mappings; with --dry-run, the same as `revloop plan`.")

    @Flag(help: "Show what would be sent without sending (required: sending is `revloop sync`).")
    var dryRun = false

    @OptionGroup var plan: PlanCommand

    func run() async throws {
        guard dryRun else {
            throw ValidationError(
                "`revloop map` only plans: add --dry-run (or run `revloop plan`). Uploading is `revloop sync`, which this build does not have yet."
            )
        }
        try await plan.run()
    }
}
