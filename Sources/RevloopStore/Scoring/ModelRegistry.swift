public import RevloopCore

/// Versioned scoring models: every trained model is kept, one per purpose is active, and an active model
/// can be stopped (it then feeds no values until another is activated or it is activated again).
public protocol ModelRegistry: Sendable {
    /// Saves a newly trained model (inactive); a version saved twice is refused.
    func saveModel(_ model: StoredModel) async throws
    /// Every model of `purpose` (all purposes when `nil`), newest first, without their documents' bytes
    /// changed.
    func models(purpose: String?) async throws -> [StoredModel]
    func model(version: String) async throws -> StoredModel?
    func activeModel(purpose: String) async throws -> StoredModel?
    /// Makes `version` its purpose's active model (the previous one is deactivated) and clears any stop.
    /// Returns `false` when no model has that version.
    @discardableResult
    func activateModel(version: String, at time: Timestamp) async throws -> Bool
    /// Stops an active model from feeding values, with the reason `status` and the alert show.
    func stopModel(version: String, reason: String) async throws
}
