/// A link between two identifiers (`type:value`, emails and phones as SHA-256 hex) asserted by a source
/// at a time: a CRM record ties its id to its email, a click id to its contact, an identify log a cookie
/// to a login. Stored in canonical order (`left` < `right`), so a link is the same whichever way it was seen.
public struct IdentityLink: Hashable, Sendable, Codable {
    public let left: String
    public let right: String
    public let time: Timestamp

    public init(_ first: String, _ second: String, time: Timestamp) {
        (left, right) = first <= second ? (first, second) : (second, first)
        self.time = time
    }

    /// The source name under which a CRM contact's own links are stored.
    public static func contactSource(connector: ConnectorName, contact: ContactID) -> String {
        "crm:\(connector.rawValue):\(contact.rawValue)"
    }

    /// The links a CRM contact asserts: its record to its (Google-normalized) email hash and E.164 phone hash.
    public static func links(of contact: Contact, connector: ConnectorName) -> [IdentityLink] {
        let record = contactSource(connector: connector, contact: contact.id)
        return contact.identifiers.compactMap { identifier in
            switch identifier.kind {
            case .googleEmail: IdentityLink(record, "email:\(identifier.sha256Hex)", time: contact.createdAt)
            case .phoneE164: IdentityLink(record, "phone:\(identifier.sha256Hex)", time: contact.createdAt)
            default: nil
            }
        }
    }

    /// The source name and link of a click id: the contact's record to the click.
    public static func link(of click: ClickID, connector: ConnectorName) -> (source: String, link: IdentityLink) {
        let record = contactSource(connector: connector, contact: click.contactID)
        let clickIdentifier = "\(click.kind.rawValue):\(click.value)"
        return (
            "click:\(connector.rawValue):\(click.contactID.rawValue):\(clickIdentifier)",
            IdentityLink(record, clickIdentifier, time: click.clickedAt)
        )
    }
}
