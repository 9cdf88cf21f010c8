internal import RevloopCore

extension SalesforceSource {
    /// Leads per lookup query (`WHERE Id IN (...)` stays well under the URL limit).
    static let leadLookupWidth = 200

    /// Tasks (calls and emails) and Events (meetings), one stream each with its own cursor, read through
    /// `queryAll` in the `SystemModstamp` window as the other objects are; the rows naming a lead get the
    /// contact it was converted to by one `Lead` query per 200 leads. A deleted row (`IsDeleted`) deletes its
    /// activity from the store.
    func pullActivities(
        cursors: [String: PullCursor], asOf: Timestamp, commit: (CRMPage) async throws -> Void
    ) async throws(ConnectorError) {
        let mapper = SalesforceActivityMapper(config: config)
        for (stream, object) in SalesforceActivityMapper.objects {
            try await pullWindow(
                stream: stream, object: object, fields: SalesforceActivityMapper.fields(of: object),
                filter: SalesforceActivityMapper.filter(of: object), cursors: cursors, asOf: asOf, commit: commit
            ) { rows throws(ConnectorError) in
                let converted = try await convertedContacts(of: SalesforceActivityMapper.leadIDs(rows))
                var batch = SnapshotBatch(connector: name)
                var diagnostics: [Diagnostic] = []
                for row in rows {
                    let (activity, problem) = mapper.activity(row, object: object, convertedContacts: converted)
                    if let activity {
                        if row.flag("IsDeleted") {
                            batch.activityDeletions.append(activity)
                        } else {
                            batch.activities.append(activity)
                        }
                    }
                    if let problem { diagnostics.append(problem) }
                }
                return (batch, diagnostics)
            }
        }
    }

    /// Lead id to the contact it was converted to, for the converted ones among `leads`.
    private func convertedContacts(of leads: [String]) async throws(ConnectorError) -> [String: String] {
        var contacts: [String: String] = [:]
        for start in stride(from: 0, to: leads.count, by: Self.leadLookupWidth) {
            let ids = leads[start..<min(start + Self.leadLookupWidth, leads.count)]
            let soql =
                "SELECT Id, ConvertedContactId FROM Lead WHERE Id IN ("
                + ids.map { "'\($0)'" }.joined(separator: ", ") + ")"
            // queryAll: a converted lead that was later deleted still says whom it became.
            for row in try await client.all(soql, includeDeleted: true) {
                if let contact = row.text("ConvertedContactId") { contacts[row.id] = contact }
            }
        }
        return contacts
    }
}
