public import RevloopCore

/// Builds the source a connector file describes.
public enum CRMSources {
    /// The source for `config`; `roster` is the store its pulls commit to, which a source that reconciles what
    /// the store holds against its CRM reads (Pipedrive's persons).
    public static func make(_ config: ConnectorConfig, roster: (any SnapshotRoster)? = nil) throws(ConnectorError)
        -> any CRMSource
    {
        switch config.kind {
        case .file: try FileExportSource(config: config)
        case .hubspot: try HubSpotSource(config: config)
        case .pipedrive: try PipedriveSource(config: config, roster: roster)
        case .salesforce: try SalesforceSource(config: config)
        }
    }
}
