/// The identifier of a deal pipeline in a CRM.
public struct PipelineID: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}
