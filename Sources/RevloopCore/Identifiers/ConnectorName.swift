/// The identifier of a configured CRM connector, as named in its connector file.
public struct ConnectorName: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
