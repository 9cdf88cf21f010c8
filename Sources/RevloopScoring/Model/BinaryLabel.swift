internal import Foundation

/// Reads a closed outcome from text: 1/0, true/false, yes/no, won/lost (any case, surrounding spaces
/// ignored). Anything else (an open stage, "meeting booked", a blank) is refused, because a model trained
/// on it would learn the wrong thing.
public enum BinaryLabel {
    static let positives: Set<String> = ["1", "true", "yes", "won", "closed won", "closed_won", "closedwon"]
    static let negatives: Set<String> = ["0", "false", "no", "lost", "closed lost", "closed_lost", "closedlost"]

    /// The outcome of one text value, or `nil` when it is not a closed outcome.
    public static func parse(_ text: String) -> Bool? {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        if positives.contains(key) { return true }
        if negatives.contains(key) { return false }
        return nil
    }

    /// The outcomes of a whole label column named `column`; throws naming the column, the values seen
    /// (at most five, each cut to 24 characters) and the fix.
    public static func parseColumn(_ values: [String], column: String) throws(ScoringError) -> [Bool] {
        var distinct: [String] = []
        var seen: Set<String> = []
        // Distinct by what they mean: "Yes" and " yes " are one value.
        for value in values {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if seen.insert(trimmed.lowercased()).inserted { distinct.append(trimmed) }
        }
        let parsed = values.map(parse)
        let unreadable = distinct.filter { parse($0) == nil }
        let outcomes = Set(parsed.compactMap { $0 })
        if !unreadable.isEmpty || distinct.count > 2 || outcomes.count < 2 {
            let shown = distinct.prefix(5).map { "'\($0.count > 24 ? String($0.prefix(24)) + "…" : $0)'" }
            let more = distinct.count > 5 ? " and \(distinct.count - 5) more" : ""
            let problem: String
            if !unreadable.isEmpty || distinct.count > 2 {
                problem =
                    "it holds \(distinct.count) distinct value\(distinct.count == 1 ? "" : "s") "
                    + "(\(shown.joined(separator: ", "))\(more))"
            } else {
                problem = "every row has the same outcome (\(shown.joined(separator: ", ")))"
            }
            throw ScoringError(
                .invalidLabel,
                "label column '\(column)' is not a closed outcome: \(problem). A label must have exactly two "
                    + "values, won and lost: 1/0, true/false, yes/no or won/lost. Fix: keep only closed deals "
                    + "(drop open stages and milestones such as meetings booked) and map the outcome to won/lost.")
        }
        return parsed.map { $0 ?? false }
    }
}
