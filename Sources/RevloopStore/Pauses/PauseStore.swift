public import RevloopCore

/// Kill switches set from the command line (`revloop pause`): a destination (`meta`) or one goal of it
/// (`meta/meta-pipeline`) that nothing is sent to until it is resumed.
public protocol PauseStore: Sendable {
    func pause(_ target: String, reason: String, at time: Timestamp) async throws
    /// Returns whether the target was paused.
    @discardableResult func resume(_ target: String) async throws -> Bool
    /// Every paused target and why.
    func pauses() async throws -> [String: String]
}
