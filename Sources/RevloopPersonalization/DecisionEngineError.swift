/// Why the engine refused a request; the server maps each case to a 4xx (or 5xx for `storage`).
public enum DecisionEngineError: Error, Hashable, Sendable {
    /// A field is missing or out of range: the field's name and what it accepts (maps to 400).
    case invalidField(name: String, expected: String)
    /// The surface is not in the inventory (maps to 422).
    case unknownSurface(String)
    /// The outcome names a decision the log does not hold (maps to 404).
    case unknownDecision(String)
    /// The outcome was already recorded for this decision and block (maps to 409); rewards count once.
    /// `PersonalizationEngine` keys outcomes by decision, block and kind, so a click and, weeks later, the
    /// deal stage it led to are two outcomes of one decision; the same kind twice is the duplicate.
    case duplicateOutcome(decisionID: String)
    /// The decision log or model could not be written (maps to 503); nothing was half-stored.
    case storage(String)
}
