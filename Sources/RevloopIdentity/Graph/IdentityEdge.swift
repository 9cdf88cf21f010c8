/// An observed link between two identifiers at a time (an identify call, a form fill, a CRM record).
public struct IdentityEdge: Hashable, Sendable {
    /// Milliseconds since the epoch; edges are applied oldest first.
    public var time: Int64
    public var left: GraphIdentifier
    public var right: GraphIdentifier

    public init(time: Int64, left: GraphIdentifier, right: GraphIdentifier) {
        self.time = time
        self.left = left
        self.right = right
    }
}
