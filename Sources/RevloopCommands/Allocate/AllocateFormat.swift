internal import ArgumentParser

/// How `revloop allocate` prints its recommendation.
enum AllocateFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, markdown, html
}
