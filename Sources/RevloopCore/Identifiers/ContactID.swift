/// The identifier of a contact (a person) in a CRM.
public struct ContactID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
