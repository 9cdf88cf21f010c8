internal import ArgumentParser
internal import RevloopCore
internal import RevloopStore

/// `revloop pause [TARGET]`: a kill switch for a destination or one of its goals.
struct PauseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop sending to a destination, or to one goal of it, until `revloop resume`.",
        discussion: """
            TARGET is a destination of revloop.yaml (meta) or a destination and one of its goals \
            (meta/meta-pipeline). Uploads and schedule cycles honour it from their next batch: its operations are \
            planned but held back, and sent once it is resumed. Without TARGET, lists what is paused (here and by \
            `paused: true` in the files).

            Examples:
              revloop pause meta --reason "values look wrong"
              revloop pause google/google-closed-won
              revloop pause
              revloop resume meta
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "destination or destination/goal")
    var target: String?

    @Option(help: "Why, for the next person to read `revloop pause`.")
    var reason = "paused by hand"

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        let store = try project.openStore(config, output: output)
        guard let target else {
            var lines = try await store.pauses().sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            lines += config.destinations.values.filter(\.paused).map {
                "\($0.name): paused: true in \(config.sourcePath)"
            }
            lines += loaded.mappings.filter(\.paused).map {
                "\($0.destination)/\($0.name): paused: true in \($0.sourcePath)"
            }
            output.result(lines.isEmpty ? "Nothing is paused." : lines.sorted().joined(separator: "\n"))
            return
        }
        try Self.check(target, config: config, mappings: loaded.mappings)
        try await store.pause(target, reason: reason, at: SystemWallClock().now())
        output.result(
            "\(target) paused: nothing is sent to it from the next batch on; `revloop resume \(target)` lifts it.")
    }

    /// The target must name a destination, or a destination and one of its goals.
    static func check(_ target: String, config: ProjectConfig, mappings: [MappingConfig]) throws {
        let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
        guard let destination = parts.first, config.destinations[destination] != nil else {
            throw ValidationError(
                "'\(target)' names no destination (destinations: \(config.destinations.keys.sorted().joined(separator: ", ")))"
            )
        }
        if parts.count == 2 {
            let goals = mappings.filter { $0.destination == destination }.map(\.name).sorted()
            guard goals.contains(parts[1]) else {
                throw ValidationError(
                    "'\(parts[1])' is not a goal of \(destination) (its goals: \(goals.joined(separator: ", ")))")
            }
        }
    }
}

/// `revloop resume TARGET`.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Lift a `revloop pause`; what was held back is sent by the next upload.")

    @OptionGroup var project: ProjectOptions

    @Argument(help: "destination or destination/goal, as paused")
    var target: String

    func run() async throws {
        let output = Output(progress: false)
        let loaded = try project.loadProject(output: output)
        guard let config = loaded.config else { throw ExitStatus.configInvalid }
        try PauseCommand.check(target, config: config, mappings: loaded.mappings)
        let store = try project.openStore(config, output: output)
        if try await store.resume(target) {
            output.result("\(target) resumed: the next upload sends what was held back.")
        } else {
            output.result(
                "\(target) was not paused by command (`revloop pause` lists what is; `paused: true` in a file is lifted there)."
            )
        }
    }
}
