/// An ad click identifier captured for a contact, with the time of the click.
public struct ClickID: Hashable, Sendable, Codable {
    public var contactID: ContactID
    public var kind: ClickIDKind
    /// The identifier as the platform issued it (not personal data; never hashed).
    public var value: String
    public var clickedAt: Timestamp

    public init(contactID: ContactID, kind: ClickIDKind, value: String, clickedAt: Timestamp) {
        self.contactID = contactID
        self.kind = kind
        self.value = value
        self.clickedAt = clickedAt
    }
}
