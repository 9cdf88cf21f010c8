public import RevloopPersonalization

/// What `DecisionEngineConformance` needs to know about the engine it checks: a fresh engine, a surface
/// its inventory holds with how many blocks a visitor without flags is eligible for there, and a surface
/// it does not hold.
public struct DecisionEngineConformanceSubject: Sendable {
    /// A fresh engine with an empty decision log each call.
    public var makeEngine: @Sendable () async throws -> any DecisionEngine
    /// A surface with at least three eligible blocks for a visitor with an empty context.
    public var surface: String
    /// How many blocks are eligible on `surface` for a visitor with an empty context (K, so the holdout's
    /// propensity is 1/K).
    public var eligibleBlocks: Int
    /// A surface the inventory does not hold.
    public var unknownSurface: String

    public init(
        surface: String, eligibleBlocks: Int, unknownSurface: String = "no_such_surface",
        makeEngine: @escaping @Sendable () async throws -> any DecisionEngine
    ) {
        self.surface = surface
        self.eligibleBlocks = eligibleBlocks
        self.unknownSurface = unknownSurface
        self.makeEngine = makeEngine
    }
}
