internal import Foundation
internal import RevloopCore

extension PipedriveSource {
    /// Finds the persons Pipedrive deleted or merged away, which its lists never name again, and hands them
    /// to the store: every live person id is listed (ids only, 500 a request), then the store's contacts are
    /// walked in pages of `page_size`; a stored person no longer listed is gone. When the deals the store links it to now
    /// link a person they did not (a merge moves the merged person's deals to the survivor), it is recorded
    /// as merged into that person, so its click ids and identity links fold into the survivor's; otherwise
    /// it is a deletion.
    ///
    /// It runs on every pull (`reconcile_persons`), before the deals stream, because a merge leaves only one
    /// trace the store can see: the deals still listing the merged person as the last pull stored them. The
    /// deals stream then reads those deals again (the merge moved their `update_time`) and overwrites that
    /// trace; run later or less often, a merge would be taken for a deletion and the click ids lost. The cost
    /// is one request per 500 persons per pull, and one per deal of each person found gone. Each page of the
    /// walk is committed with the last id it checked, so a crash resumes after it.
    func reconcilePersons(
        cursors: [String: PullCursor], commit: (CRMPage) async throws -> Void
    ) async throws(ConnectorError) {
        let stream = "persons_reconcile"
        guard config.reconcilesPersons, let roster else { return }
        let previous = PipedriveReconcileCursor.decode(cursors[stream]?.value)
        var after = previous.flatMap { $0.isComplete ? nil : $0.after }.map(ContactID.init)
        var live: Set<Int64>?
        var checked = 0
        while true {
            if Task.isCancelled { throw ConnectorError(.unreadable, "\(config.sourcePath): the pull was cancelled") }
            let stored = try await storeRead {
                try await roster.contactIDs(connector: name, after: after, limit: config.pageSize)
            }
            // Listing every person costs requests: only when the store holds some to check.
            if live == nil, !stored.isEmpty { live = try await livePersonIDs() }
            var batch = SnapshotBatch(connector: name)
            for contact in stored {
                guard let id = Int64(contact.rawValue), live?.contains(id) == false else { continue }
                if let survivor = try await survivor(of: contact, roster: roster, live: live ?? []) {
                    batch.contactMerges.append(ContactMerge(loser: contact, survivor: survivor))
                } else {
                    batch.contactDeletions.append(contact)
                }
            }
            checked += stored.count
            after = stored.last ?? after
            let isComplete = stored.count < config.pageSize
            let cursor = PipedriveReconcileCursor(after: after?.rawValue, isComplete: isComplete)
            try await deliver(
                CRMPage(
                    batch: batch, cursors: [PullCursor(connector: name, stream: stream, value: cursor.encoded())],
                    diagnostics: [],
                    progress: PullProgress(stream: stream, completed: Int64(checked), total: nil, recordsRead: checked)),
                commit)
            if isComplete { return }
        }
    }

    /// Every live person's id, from the persons list in id order.
    private func livePersonIDs() async throws(ConnectorError) -> Set<Int64> {
        var ids: Set<Int64> = []
        var cursor: String?
        repeat {
            var query = [URLQueryItem(name: "sort_by", value: "id"), URLQueryItem(name: "limit", value: "500")]
            if let cursor { query.append(URLQueryItem(name: "cursor", value: cursor)) }
            let page = try await client.list("persons", query: query, as: PipedriveWire.Identified.self)
            ids.formUnion(page.items.map(\.id))
            cursor = page.nextCursor
        } while cursor != nil
        return ids
    }

    /// The person a gone person was merged into: the one person that every one of its stored deals now links
    /// and did not before (deals that gained nobody say nothing); when none gained anyone (the survivor was on
    /// them already) and flows are read, the one live person their flows' `person_id` changes name in its
    /// place. `nil` when there is no such single person: the person was deleted, or its deals do not tell.
    private func survivor(of contact: ContactID, roster: any SnapshotRoster, live: Set<Int64>)
        async throws(ConnectorError) -> ContactID?
    {
        let deals = try await storeRead { try await roster.deals(connector: name, naming: contact) }
        var candidates: Set<ContactID>?
        for deal in deals {
            guard let id = Int64(deal.id.rawValue) else { continue }
            let now = try await client.personIDs(ofDeal: id).map { ContactID(String($0)) }
            let gained = Set(now).subtracting(deal.contactIDs)
            guard !gained.isEmpty else { continue }
            candidates = candidates.map { $0.intersection(gained) } ?? gained
        }
        if let candidates { return candidates.count == 1 ? candidates.first : nil }
        guard config.readsDealFlow else { return nil }
        var replacements: Set<Int64> = []
        for deal in deals {
            guard let id = Int64(deal.id.rawValue) else { continue }
            for change in try await client.changes(ofDeal: id, fields: ["person_id"])
            where change.oldValue == contact.rawValue {
                if let new = change.newValue.flatMap({ Int64($0) }), live.contains(new) { replacements.insert(new) }
            }
        }
        guard replacements.count == 1, let survivor = replacements.first else { return nil }
        return ContactID(String(survivor))
    }

    private func storeRead<Value>(_ read: () async throws -> Value) async throws(ConnectorError) -> Value {
        do {
            return try await read()
        } catch {
            throw ConnectorError(.commitFailed, "\(config.sourcePath): reading the store's persons failed: \(error)")
        }
    }
}
