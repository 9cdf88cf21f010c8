public import RevloopCore

/// A CRM the bridge pulls from: a file export, HubSpot, Salesforce or Pipedrive.
///
/// A source reads from where its cursors say it got to and hands over pages. Each page carries the
/// cursors that cover it; `commit` must persist the page and those cursors atomically before it
/// returns, so a crash between two pages resumes at the first page not committed, losing nothing.
public protocol CRMSource: Sendable {
    /// The connector's name (the store keys everything by it).
    var name: ConnectorName { get }

    /// Pulls what changed since `cursors` (keyed by stream), page by page.
    func pull(
        from cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void
    ) async throws(ConnectorError)
}
