internal import RevloopCore

extension HubSpotSource {
    /// The engagements reps log, one stream per type (`meetings`, `calls`, `emails`), each with its own
    /// cursor: a search in the `hs_lastmodifieddate` window in object-id order, as deals and contacts are
    /// read, each page's contacts by v4 batch associations; committed page by page, so a crashed pull
    /// resumes at the first page not committed.
    ///
    /// Deleted (archived) engagements are not read: search leaves them out, and one already stored stays.
    func pullEngagements(
        cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void
    ) async throws(ConnectorError) {
        let mapper = HubSpotEngagementMapper(config: config)
        for (type, kind) in HubSpotEngagementMapper.objectTypes {
            try await pullWindow(
                stream: type, objectType: type, modifiedProperty: "hs_lastmodifieddate",
                properties: HubSpotEngagementMapper.properties(of: type), cursors: cursors, asOf: asOf,
                commit: commit
            ) { objects throws(ConnectorError) in
                let contacts = try await contactIDs(
                    of: objects.map(\.id), through: .contactAssociations(from: type))
                var batch = SnapshotBatch(connector: name)
                var diagnostics: [Diagnostic] = []
                for object in objects {
                    let (activities, problems) = mapper.activities(
                        object, type: type, kind: kind, contactIDs: contacts[object.id] ?? [])
                    batch.activities += activities
                    diagnostics += problems
                }
                return (batch, diagnostics)
            }
        }
    }
}
