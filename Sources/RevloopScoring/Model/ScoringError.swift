/// Why training or reading a model failed; `description` names what is wrong and the fix.
public struct ScoringError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What went wrong, for callers that react differently.
    public enum Kind: String, Sendable {
        /// The outcome is not a binary closed outcome (won/lost).
        case invalidLabel
        /// Too few rows, or only one outcome, to fit and calibrate.
        case insufficientData
        /// The rows do not match the model (count, schema).
        case invalidInput
        /// A model file this version cannot read.
        case unsupportedModel
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
