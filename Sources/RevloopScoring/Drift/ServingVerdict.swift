/// Whether the model may keep feeding values to the value policy.
public struct ServingVerdict: Sendable, Hashable, Codable {
    /// True when calibration drifted past the shutdown criterion: the model must stop feeding values and
    /// the mapping falls back to the stage probability (with an alert).
    public let shouldStopServing: Bool
    /// Why, in words.
    public let reason: String
}
