internal import ArgumentParser

/// `revloop identity`: identifier normalization and hashing, as each platform requires.
struct IdentityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Normalize and hash identifiers exactly as each platform requires.",
        subcommands: [IdentityHashCommand.self, IdentityResolveCommand.self, IdentityShowCommand.self])
}
