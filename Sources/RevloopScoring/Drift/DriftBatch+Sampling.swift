extension DriftBatch {
    /// The rows at `rows`, in that order.
    public func rows(_ rows: [Int]) -> DriftBatch {
        DriftBatch(
            features: features.map { column in FeatureColumn(name: column.name, values: rows.map { column.values[$0] })
            },
            probabilities: rows.map { probabilities[$0] },
            outcomes: outcomes.map { outcomes in rows.map { outcomes[$0] } })
    }

    /// A batch of `size` rows drawn without replacement (a partial Fisher-Yates shuffle).
    public func randomBatch(size: Int, random: inout some RandomNumberGenerator) -> DriftBatch {
        precondition(size > 0 && size <= probabilities.count, "the batch size must be between 1 and the row count")
        var indices = Array(probabilities.indices)
        for position in 0..<size {
            let pick = Int.random(in: position..<indices.count, using: &random)
            indices.swapAt(position, pick)
        }
        return rows(Array(indices[0..<size]))
    }
}
