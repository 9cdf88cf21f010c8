internal import ArgumentParser
internal import RevloopCore
internal import RevloopStore

/// `revloop retry --dead-letter`: gives dead letters another chance.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Queue dead-lettered operations for the next upload.",
        discussion: """
            Dead letters are operations Revloop gave up on: too many failed attempts, or (LinkedIn) sent without an \
            answer, which LinkedIn might have counted. --dead-letter sets them back to retrying with their attempts \
            reset; the next `revloop upload` or `sync` sends them. For LinkedIn in-doubt operations that is your \
            decision to risk a double count.

            Examples:
              revloop retry --dead-letter
              revloop retry --dead-letter --platform linkedin
            """)

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Requeue the dead letters.")
    var deadLetter = false

    @Option(help: "Only this platform's dead letters.")
    var platform: String?

    func validate() throws {
        guard deadLetter else { throw ValidationError("say what to retry: --dead-letter") }
        if let platform, Platform(rawValue: platform) == nil {
            throw ValidationError(
                "--platform '\(platform)' is not one of: \(Platform.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        let now = SystemWallClock().now()
        let requeued = try await store.ledgerEntries().values.filter {
            $0.state == .deadLetter && (platform == nil || $0.platform.rawValue == platform)
        }.map { entry -> LedgerEntry in
            var entry = entry
            entry.state = .retrying
            entry.attempts = 0
            entry.updatedAt = now
            return entry
        }
        try await store.record(requeued, note: "requeued by retry --dead-letter")
        output.result(
            requeued.isEmpty
                ? "No dead letters." : "\(requeued.count) operations requeued; `revloop upload` sends them.")
    }
}
