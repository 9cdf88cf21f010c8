internal import ArgumentParser

/// How `revloop plan` prints: a table, the numbers as JSON, or the exact requests (one JSON per line).
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, wire
}
