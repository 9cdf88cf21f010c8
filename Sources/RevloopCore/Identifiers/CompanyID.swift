/// The identifier of a company (account) in a CRM.
public struct CompanyID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
