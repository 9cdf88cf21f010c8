/// The identifier of a stage of a deal pipeline, unique within its CRM.
public struct StageID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
