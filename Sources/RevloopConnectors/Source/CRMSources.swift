public import RevloopCore

/// Builds the source a connector file describes.
public enum CRMSources {
    /// The source for `config`, or an error saying the kind is not available in this build.
    public static func make(_ config: ConnectorConfig) throws(ConnectorError) -> any CRMSource {
        switch config.kind {
        case .file:
            return try FileExportSource(config: config)
        case .hubspot:
            return try HubSpotSource(config: config)
        case .salesforce:
            return try SalesforceSource(config: config)
        case .pipedrive:
            throw ConnectorError(
                .unreadable,
                "\(config.sourcePath): connector kind '\(config.kind.rawValue)' is not available in this build")
        }
    }
}
