internal import ArgumentParser

/// `revloop sync`: pull, plan and upload in one run.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Pull from the CRM, plan, and upload: the whole loop in one run.",
        discussion: """
            The same as `revloop pull` then `revloop upload`. A second sync with nothing new in the CRM sends \
            nothing. --dry-run stops before sending and prints exactly what `revloop plan` prints.

            Examples:
              revloop sync
              revloop sync --dry-run
              revloop sync -c revloop.sandbox.yaml      (against `revloop sandbox`)
            """)

    @OptionGroup var project: ProjectOptions
    @OptionGroup var delivery: DeliveryOptions

    @Flag(help: "Pull and plan only: prints what `revloop plan` prints and sends nothing.")
    var dryRun = false

    func run() async throws {
        if dryRun {
            var arguments = ["-c", project.configPath, "--log-level", project.logLevel]
            if let asOf = project.asOf { arguments += ["--as-of", asOf] }
            if delivery.format == .json { arguments += ["--format", "json"] }
            if delivery.progress { arguments.append("--progress") }
            let plan = try PlanCommand.parse(arguments)
            try await plan.run()
            return
        }
        try await delivery.run(command: "sync", project: project, pullFirst: true)
    }
}
