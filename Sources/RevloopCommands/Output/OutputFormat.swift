internal import ArgumentParser

/// How a command prints its results: for people, or as JSON for machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
