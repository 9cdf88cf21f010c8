internal import Foundation
internal import RevloopCore

extension PipedriveSource {
    /// Deals whose details are read at once: Pipedrive answers one deal per request, so a page's deals are
    /// read a few at a time rather than one after another (bounded, so a page never floods the API).
    static let detailReadWidth = 4

    /// The details of each of a page's deals, by deal id: its persons (`read_deal_persons`; one request per
    /// deal, more only for a deal with over 500 persons) and, for a deal that ever moved stage or closed, the
    /// stage and status changes of its flow (`read_deal_flow`; one request per deal per 500 changes). Every deal read is read whole each time, because the store replaces a deal with what the
    /// latest pull read: a deal read once with its flow and later without would lose its history.
    func details(of deals: [PipedriveWire.Deal]) async throws(ConnectorError) -> [Int64: PipedriveDealDetails] {
        let readsPersons = config.readsDealPersons
        let readsFlow = config.readsDealFlow
        guard readsPersons || readsFlow, !deals.isEmpty else { return [:] }
        let client = self.client
        @Sendable func read(_ deal: PipedriveWire.Deal) async throws(ConnectorError) -> PipedriveDealDetails {
            var details = PipedriveDealDetails()
            if readsPersons { details.personIDs = try await client.personIDs(ofDeal: deal.id) }
            if readsFlow, PipedriveSource.hasFlow(deal) {
                details.stageChanges = try await client.changes(ofDeal: deal.id, fields: ["stage_id", "status"])
            }
            return details
        }
        do {
            return try await withThrowingTaskGroup(of: (Int64, PipedriveDealDetails).self) { group in
                var results: [Int64: PipedriveDealDetails] = [:]
                var next = deals.startIndex
                func start() {
                    guard next < deals.endIndex else { return }
                    let deal = deals[next]
                    next += 1
                    group.addTask { (deal.id, try await read(deal)) }
                }
                for _ in 0..<Self.detailReadWidth { start() }
                while let (id, details) = try await group.next() {
                    results[id] = details
                    start()
                }
                return results
            }
        } catch let error as ConnectorError {
            throw error
        } catch {
            throw ConnectorError(.unreadable, "\(config.sourcePath): the pull was cancelled")
        }
    }

    /// Whether a deal's flow says more than its own times: it moved stage (`stage_change_time`) or closed (a
    /// status other than open, or a won or lost time left from a close it was reopened from).
    static func hasFlow(_ deal: PipedriveWire.Deal) -> Bool {
        deal.stageChangeTime != nil || (deal.status ?? "open") != "open" || deal.wonTime != nil
            || deal.lostTime != nil
    }
}
