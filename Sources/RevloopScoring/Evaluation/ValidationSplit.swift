internal import RevloopCore

/// Which rows train and which validate: stratified k-fold for cross-validation, or time-ordered for the
/// store (train on earlier deals, validate on later ones, as the model will be used).
public enum ValidationSplit {
    /// Fold index (0..<k) per row. Each class is shuffled with `seed` and dealt round-robin, continuing
    /// across classes, so every fold holds the same share of positives to within one row.
    public static func stratifiedFolds(labels: [Bool], folds k: Int, seed: UInt64) -> [Int] {
        precondition(k >= 2, "at least two folds")
        var random = SeededRandomNumberGenerator(seed: seed)
        var assignment = [Int](repeating: 0, count: labels.count)
        var next = 0
        for wanted in [true, false] {
            var rows = labels.indices.filter { labels[$0] == wanted }
            // Fisher–Yates with the seeded generator.
            if rows.count > 1 {
                for i in stride(from: rows.count - 1, to: 0, by: -1) {
                    let j = Int(random.next() % UInt64(i + 1))
                    rows.swapAt(i, j)
                }
            }
            for row in rows {
                assignment[row] = next
                next = (next + 1) % k
            }
        }
        return assignment
    }

    /// The training and validation rows of fold `fold` in an assignment.
    public static func rows(of assignment: [Int], fold: Int) -> (training: [Int], validation: [Int]) {
        var training: [Int] = []
        var validation: [Int] = []
        for (row, value) in assignment.enumerated() {
            if value == fold { validation.append(row) } else { training.append(row) }
        }
        return (training, validation)
    }

    /// Rows ordered by `times` (ties by row order): the earliest `1 − validationFraction` train, the rest
    /// validate. No row validates a model trained on anything later than itself.
    public static func timeOrdered(times: [Double], validationFraction: Double) -> (
        training: [Int], validation: [Int]
    ) {
        let order = times.indices.sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
        let fraction = min(max(validationFraction, 0), 1)
        let cut = order.count - Int((Double(order.count) * fraction).rounded())
        return (Array(order[..<cut]), Array(order[cut...]))
    }
}
