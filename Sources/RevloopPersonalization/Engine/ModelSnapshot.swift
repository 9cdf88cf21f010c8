public import Foundation

/// The model as persisted: the state after applying every log entry up to `sequence`, so a restart
/// loads it and replays only what came after.
public struct ModelSnapshot: Hashable, Sendable {
    public var sequence: Int64
    /// The encoded model (JSON of `PersistedModel`).
    public var data: Data

    public init(sequence: Int64, data: Data) {
        self.sequence = sequence
        self.data = data
    }
}
