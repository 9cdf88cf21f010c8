import Foundation
import RevloopConnectors
import RevloopCore
import RevloopScoring
import RevloopStore
import RevloopTesting
import Testing

/// What the API connectors' activities are checked against: the sample's sales-led activities, and the
/// scoring features of the same deal pulled from the file export.
enum ActivityTestSupport {
    /// The sample's sales-led activities (`sales_touch`, `meeting_booked`), counted as the store keys them
    /// (contact, kind, time).
    static func salesLedCount(seed: UInt64, deals: Int, anchor: CalendarDay) -> Int {
        var keys: Set<String> = []
        SampleGenerator(seed: seed, dealCount: deals, anchor: anchor).forEachDeal { rows in
            for activity in rows.salesLedActivities {
                keys.insert("\(activity.contactID)|\(activity.kind.rawValue)|\(activity.occurredAt)")
            }
        }
        return keys.count
    }

    /// The file export of the same sample, pulled into a store (connector `test`).
    static func exportStore(seed: UInt64, deals: Int, anchor: CalendarDay) async throws -> InMemorySnapshotStore {
        let folder = ExportTestSupport.temporaryFolder("activities-export")
        try SampleGenerator(seed: seed, dealCount: deals, anchor: anchor).write(to: folder)
        let store = InMemorySnapshotStore()
        try await ExportTestSupport.pull(ExportTestSupport.connector(path: folder), into: store)
        return store
    }

    /// A deal's scoring features as of `asOf`, from its contacts' activities in `store`.
    static func features(
        _ store: any SnapshotStore, connector: ConnectorName, deal id: DealID, asOf: Timestamp
    ) async throws -> [String: FeatureValue]? {
        guard let deal = try await store.deal(connector: connector, id: id) else { return nil }
        let activities = try await store.activities(connector: connector, contacts: deal.contactIDs)
        let snapshot = DealSnapshot(
            deal: deal, pipeline: nil, company: nil, activities: activities.values.flatMap { $0 })
        return DealFeatures.row(of: snapshot, asOf: asOf)
    }

    /// The sales-led features the CRM's activity objects feed.
    static let salesLedFeatures = ["sales_touches", "meetings_booked"]

    /// Compares the sales-led features of deals `1...deals` pulled from a CRM (`id(number)` its deal id) with
    /// the file export's (`d-<number>`), for the deals `include` admits; returns how many had a touch.
    static func expectSameSalesLedFeatures(
        _ store: any SnapshotStore, connector: ConnectorName, export: any SnapshotStore, deals: Int,
        asOf: Timestamp, id: (Int) -> String, include: (Deal) -> Bool = { _ in true }
    ) async throws -> (compared: Int, touched: Int) {
        var compared = 0
        var touched = 0
        for number in 1...deals {
            guard let original = try await export.deal(connector: "test", id: DealID("d-\(number)")),
                include(original)
            else { continue }
            let pulled = try #require(
                try await features(store, connector: connector, deal: DealID(id(number)), asOf: asOf))
            let expected = try #require(
                try await features(export, connector: "test", deal: DealID("d-\(number)"), asOf: asOf))
            for name in salesLedFeatures {
                #expect(pulled[name] == expected[name], "deal \(number): \(name)")
            }
            compared += 1
            if expected["sales_touches"] != .number(0) { touched += 1 }
        }
        return (compared, touched)
    }
}
