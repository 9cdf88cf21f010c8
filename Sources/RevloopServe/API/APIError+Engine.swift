public import RevloopPersonalization

extension APIError {
    /// The answer to an engine's refusal. A storage failure's detail stays in the log: the client learns
    /// only that nothing was stored and that it may retry.
    public init(_ error: DecisionEngineError) {
        switch error {
        case .invalidField(let name, let expected):
            self = .invalidField(name, expected)
        case .unknownSurface(let surface):
            self.init(
                status: 422, code: "unknown_surface", field: "surface",
                message: "surface \(JSONText.quoted(surface)) is not in the inventory; use a surface its blocks name")
        case .unknownDecision(let decision):
            self.init(
                status: 404, code: "unknown_decision", field: "decision_id",
                message: "decision \(JSONText.quoted(decision)) is not in the decision log")
        case .duplicateOutcome(let decision):
            self.init(
                status: 409, code: "duplicate_outcome",
                message: "an outcome of this kind was already recorded for decision \(JSONText.quoted(decision)) "
                    + "and this block; rewards count once")
        case .storage:
            self.init(
                status: 503, code: "unavailable",
                message: "the decision log could not be written; nothing was stored, retry later")
        }
    }
}
