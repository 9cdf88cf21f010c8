public import RevloopCore

/// Builds the source a connector file describes.
public enum CRMSources {
    /// The source for `config`.
    public static func make(_ config: ConnectorConfig) throws(ConnectorError) -> any CRMSource {
        switch config.kind {
        case .file: try FileExportSource(config: config)
        case .hubspot: try HubSpotSource(config: config)
        case .pipedrive: try PipedriveSource(config: config)
        case .salesforce: try SalesforceSource(config: config)
        }
    }
}
