internal import Foundation
public import RevloopCore
internal import RevloopHTTP
internal import Synchronization

extension PipedriveEmulator {
    static let v1PathPrefix = "/api/v1/"

    /// What a request asks for.
    enum Route: Equatable {
        /// `GET /api/v2/{deals|persons|activities|pipelines|stages}`.
        case list(String)
        /// `GET /api/v1/deals/{id}/flow`.
        case flow(Int64)
        /// `PUT /api/v1/persons/{id}/merge`.
        case merge(Int64)

        init?(path: String) {
            if path.hasPrefix(PipedriveEmulator.pathPrefix) {
                let resource = String(path.dropFirst(PipedriveEmulator.pathPrefix.count))
                guard ["deals", "persons", "activities", "pipelines", "stages"].contains(resource) else { return nil }
                self = .list(resource)
                return
            }
            let parts = path.dropFirst(PipedriveEmulator.v1PathPrefix.count).split(separator: "/")
            guard path.hasPrefix(PipedriveEmulator.v1PathPrefix), parts.count == 3, let id = Int64(parts[1]) else {
                return nil
            }
            switch (parts[0], parts[2]) {
            case ("deals", "flow"): self = .flow(id)
            case ("persons", "merge"): self = .merge(id)
            default: return nil
            }
        }

        var method: String {
            if case .merge = self { return "PUT" }
            return "GET"
        }
    }

    /// What the emulator holds now.
    public var dataset: PipedriveDataset { state.withLock { $0.dataset } }

    // MARK: Changes, as users make them in Pipedrive

    /// Deletes a person at `time`: it is gone from every list, and the deals that linked it no longer do
    /// (their `update_time` moves).
    public func deletePerson(_ id: Int64, at time: Timestamp) {
        state.withLock { state in
            state.dataset.persons.removeAll { $0.id == id }
            for index in state.dataset.deals.indices where state.dataset.deals[index].personIDs.contains(id) {
                if state.dataset.deals[index].personID == id { state.dataset.deals[index].personID = nil }
                state.dataset.deals[index].participantIDs.removeAll { $0 == id }
                state.dataset.deals[index].updateTime = max(
                    state.dataset.deals[index].updateTime, time.millisecondsSinceEpoch)
            }
        }
    }

    /// Moves an open deal to `stage` at `time`; the flow logs the move.
    public func moveDeal(_ id: Int64, toStage stage: Int64, at time: Timestamp) {
        state.withLock { state in
            guard let index = state.dataset.deals.firstIndex(where: { $0.id == id }) else { return }
            let milliseconds = time.millisecondsSinceEpoch
            var deal = state.dataset.deals[index]
            deal.changes.append(
                PipedriveDealChange(
                    fieldKey: "stage_id", oldValue: "\(deal.stageID)", newValue: "\(stage)", at: milliseconds))
            deal.stageID = stage
            deal.stageChangeTime = milliseconds
            deal.updateTime = milliseconds
            state.dataset.deals[index] = deal
        }
    }

    /// Merges person `loser` into `survivor` at `time`, as `PUT /v1/persons/{loser}/merge` with
    /// `merge_with_id: survivor` does: the survivor keeps its fields and takes the loser's where its own are
    /// empty (emails and phones joined), the loser's deals move to the survivor (their `update_time` moves, their
    /// flow logs the person change), and the loser is gone from every list. Returns whether both persons existed.
    @discardableResult
    public func mergePerson(_ loser: Int64, into survivor: Int64, at time: Timestamp) -> Bool {
        state.withLock { state in Self.merge(loser, into: survivor, at: time.millisecondsSinceEpoch, in: &state) }
    }

    private static func merge(_ loser: Int64, into survivor: Int64, at time: Int64, in state: inout State) -> Bool {
        guard loser != survivor, let loserIndex = state.dataset.persons.firstIndex(where: { $0.id == loser }),
            state.dataset.persons.contains(where: { $0.id == survivor })
        else { return false }
        let merged = state.dataset.persons.remove(at: loserIndex)
        if let index = state.dataset.persons.firstIndex(where: { $0.id == survivor }) {
            var person = state.dataset.persons[index]
            for email in merged.emails where !person.emails.contains(where: { $0.value == email.value }) {
                person.emails.append(.init(value: email.value, isPrimary: person.emails.isEmpty, label: email.label))
            }
            for phone in merged.phones where !person.phones.contains(where: { $0.value == phone.value }) {
                person.phones.append(.init(value: phone.value, isPrimary: person.phones.isEmpty, label: phone.label))
            }
            for (key, value) in merged.customFields where (person.customFields[key] ?? "").isEmpty {
                person.customFields[key] = value
            }
            person.updateTime = max(person.updateTime, time)
            state.dataset.persons[index] = person
        }
        for index in state.dataset.deals.indices where state.dataset.deals[index].personIDs.contains(loser) {
            var deal = state.dataset.deals[index]
            if deal.personID == loser {
                deal.personID = survivor
                deal.changes.append(
                    PipedriveDealChange(fieldKey: "person_id", oldValue: "\(loser)", newValue: "\(survivor)", at: time))
            }
            var seen: Set<Int64> = deal.personID.map { [$0] } ?? []
            deal.participantIDs = deal.participantIDs.map { $0 == loser ? survivor : $0 }.filter {
                seen.insert($0).inserted
            }
            deal.updateTime = max(deal.updateTime, time)
            state.dataset.deals[index] = deal
        }
        state.tally.merges += 1
        return true
    }

    /// Merges `count` pairs of persons at `time`, each the person of a live deal merged into the person of an
    /// earlier one (deals in id order, persons not merged yet), for `POST /_sandbox/pipedrive/merge?count=N`:
    /// a rehearsal merges some and pulls again without knowing any id. Returns the (loser, survivor) pairs.
    @discardableResult
    public func mergeSomePersons(_ count: Int, at time: Timestamp) -> [(loser: Int64, survivor: Int64)] {
        state.withLock { state in
            var pairs: [(loser: Int64, survivor: Int64)] = []
            var survivor: Int64?
            var used: Set<Int64> = []
            for deal in state.dataset.deals where deal.status != .deleted && pairs.count < count {
                guard let person = deal.personID, !used.contains(person) else { continue }
                guard let kept = survivor else {
                    survivor = person
                    continue
                }
                if Self.merge(person, into: kept, at: time.millisecondsSinceEpoch, in: &state) {
                    pairs.append((person, kept))
                    used.formUnion([person, kept])
                }
                survivor = nil
            }
            return pairs
        }
    }

    /// `POST /_sandbox/pipedrive/merge?count=N` (default 1): merges that many pairs now and lists their ids.
    func sandboxMerge(_ request: HTTPRequest) -> HTTPResponse {
        guard request.method == "POST" else { return Self.failure(405, "Method not allowed") }
        guard let count = Int(EmulatorJSON.query(request.url)["count"] ?? "1"), (1...1_000).contains(count) else {
            return badRequest("count must be an integer from 1 to 1000")
        }
        let pairs = mergeSomePersons(count, at: clock.now())
        return EmulatorJSON.response(
            200,
            ["success": true, "data": pairs.map { ["merge_what_id": $0.loser, "merge_with_id": $0.survivor] }])
    }

    // MARK: Answers

    /// `PUT /api/v1/persons/{id}/merge` with `merge_with_id` (JSON or form body): the person of the path is merged
    /// into `merge_with_id`, which survives; the answer is the survivor with `merge_what_id`.
    func merge(_ loser: Int64, _ request: HTTPRequest) -> HTTPResponse {
        let body = request.body ?? Data()
        var target = EmulatorJSON.object(body).flatMap { EmulatorJSON.integer($0["merge_with_id"]) }
        if target == nil {
            let form = URLComponents(string: "?" + String(decoding: body, as: UTF8.self))?.queryItems ?? []
            target = form.first { $0.name == "merge_with_id" }?.value.flatMap { Int64($0) }
        }
        guard let survivor = target else { return badRequest("merge_with_id is required") }
        guard survivor != loser else { return badRequest("A person cannot be merged with itself") }
        let now = clock.now().millisecondsSinceEpoch
        let person: PipedrivePerson? = state.withLock { state in
            guard Self.merge(loser, into: survivor, at: now, in: &state) else { return nil }
            return state.dataset.persons.first { $0.id == survivor }
        }
        guard let person else { return Self.failure(404, "Person not found", code: "not_found") }
        var data = person.json()
        data["merge_what_id"] = loser
        return EmulatorJSON.response(200, ["success": true, "data": data])
    }

    /// `GET /api/v1/deals/{id}/flow`: the deal's changes, newest first as Pipedrive lists them, paged by
    /// `start` and `limit` (at most 500) with `additional_data.pagination`.
    func flow(of dealID: Int64, _ request: HTTPRequest) -> HTTPResponse {
        let query = EmulatorJSON.query(request.url)
        guard let start = Int(query["start"] ?? "0"), start >= 0 else { return badRequest("start must be 0 or more") }
        guard let limit = Int(query["limit"] ?? "100"), (1...Self.maximumLimit).contains(limit) else {
            return badRequest("limit must be an integer from 1 to \(Self.maximumLimit)")
        }
        let deal: PipedriveDeal? = state.withLock { state in
            state.tally.flowRequests += 1
            return state.dataset.deals.first { $0.id == dealID }
        }
        guard let deal else { return Self.failure(404, "Deal not found", code: "not_found") }
        let changes = Array(deal.changes.enumerated().reversed())
        let page = changes.dropFirst(start).prefix(limit)
        let hasMore = start + page.count < changes.count
        var pagination: [String: Any] = ["start": start, "limit": limit, "more_items_in_collection": hasMore]
        if hasMore { pagination["next_start"] = start + page.count }
        return EmulatorJSON.response(
            200,
            [
                "success": true,
                "data": page.map { $0.element.json(id: deal.id * 1_000 + Int64($0.offset), dealID: deal.id) },
                "additional_data": ["pagination": pagination],
            ])
    }
}
