/// Where visitor profiles come from: the store (identity graph, CRM snapshot, flags) or a test's table.
public protocol ProfileSource: Sendable {
    /// The visitor's profile; an anonymous profile when the visitor is linked to nobody.
    func profile(visitorID: String) async throws -> VisitorProfile
}
