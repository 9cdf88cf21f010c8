/// The identifier of a deal (opportunity) in a CRM.
public struct DealID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
