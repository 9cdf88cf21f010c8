/// A user-data field a platform can match on.
public enum IdentifierField: String, Hashable, Sendable, CaseIterable {
    case email
    case phone
    case firstName = "first_name"
    case lastName = "last_name"
    case city
    case state
    case zip
    case country
}
