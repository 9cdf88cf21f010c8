import Foundation
import RevloopCore
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

@testable import RevloopConnectors

/// Pipedrive's calls, emails and meetings (`/api/v2/activities`) reach the store as the sales-led activities
/// the file export carries.
@Suite struct PipedriveActivitiesTests {
    static let deals = 200
    static let seed: UInt64 = 11

    @Test func activitiesArriveAsTheSampleExportsSalesLedActivities() async throws {
        let harness = try PipedriveHarness(deals: Self.deals, seed: Self.seed)
        let store = InMemorySnapshotStore()
        let tally = try await CRMSourceConformance.pull(
            try harness.source(harness.config()), into: store, asOf: PipedriveHarness.asOf)
        #expect(tally.diagnostics.filter { $0.severity == .error }.isEmpty)

        let expected = ActivityTestSupport.salesLedCount(
            seed: Self.seed, deals: Self.deals, anchor: PipedriveHarness.anchor)
        #expect(expected > 100)
        let dataset = PipedriveSampleDataset.make(
            seed: Self.seed, dealCount: Self.deals, anchor: PipedriveHarness.anchor)
        // Deleted calls and tasks are in the account too, and are no touches.
        #expect(dataset.activities.contains(where: \.isDeleted) && dataset.activities.contains { $0.type == "task" })
        #expect(try await store.counts().activities == expected)

        // Only the deals whose sample has one contact are compared with the export.
        let export = try await ActivityTestSupport.exportStore(
            seed: Self.seed, deals: Self.deals, anchor: PipedriveHarness.anchor)
        let (compared, touched) = try await ActivityTestSupport.expectSameSalesLedFeatures(
            store, connector: "pipedrive", export: export, deals: Self.deals, asOf: PipedriveHarness.asOf,
            id: { String($0) }, include: { $0.contactIDs.count == 1 })
        #expect(compared > 20)
        #expect(touched > compared / 4)
        print(
            "pipedrive: \(expected) sales-led activities stored of \(dataset.activities.count) objects; sales-led features equal the export's "
                + "for \(compared) deals, \(touched) of them with a sales touch")

        let second = try await CRMSourceConformance.pull(
            try harness.source(harness.config()), into: store, asOf: PipedriveHarness.asOf.adding(days: 1))
        #expect(second.outcome.activities.inserted == 0)
        #expect(try await store.counts().activities == expected)

        // A call deleted in Pipedrive after it was pulled (`is_deleted`) leaves the store.
        let call = try #require(dataset.activities.first { $0.type == "call" && !$0.isDeleted })
        harness.emulator.deleteActivity(
            call.id, at: PipedriveHarness.asOf.adding(days: 1).adding(milliseconds: 7_200_000))
        _ = try await CRMSourceConformance.pull(
            try harness.source(harness.config()), into: store, asOf: PipedriveHarness.asOf.adding(days: 2))
        #expect(try await store.counts().activities == expected - 1)
    }

    @Test func aPullCrashedInTheActivitiesStreamResumesWithoutLossOrDuplicates() async throws {
        let harness = try PipedriveHarness(deals: 120, seed: 5)
        let config = harness.config(pageSize: 20)
        let whole = try await CRMSourceConformance.pull(
            try harness.source(config), into: InMemorySnapshotStore(), asOf: PipedriveHarness.asOf)
        #expect(whole.outcome.activities.inserted > 0)
        let subject = CRMSourceConformanceSubject(
            connector: config.name, asOf: PipedriveHarness.asOf,
            crashAfterPages: [whole.pages - 1, whole.pages - 3, whole.pages - 6]
        ) { try harness.source(config) }
        try await CRMSourceConformance.aCrashedPullResumesWithoutLossOrDuplicates.run(on: subject)
    }

    @Test(arguments: [
        (
            #"{"id":1,"type":"meeting","done":true,"marked_as_done_time":"2026-03-02T10:15:00.000Z","#
                + #""due_date":"2026-03-01","due_time":"09:00"}"#, "2026-03-02T10:15:00Z"
        ),
        (#"{"id":2,"type":"call","done":false,"due_date":"2026-03-01","due_time":"09:00"}"#, "2026-03-01T09:00:00Z"),
        (#"{"id":3,"type":"email","done":false,"due_date":"2026-03-01","due_time":""}"#, "2026-03-01T00:00:00Z"),
        (#"{"id":4,"type":"call","add_time":"2026-02-27T08:00:00Z"}"#, "2026-02-27T08:00:00Z"),
    ])
    func anActivitysTimeIsWhenItWasDoneElseWhenItIsDueElseWhenAdded(json: String, expected: String) throws {
        let wire = try JSONDecoder().decode(PipedriveWire.Activity.self, from: Data(json.utf8))
        #expect(PipedriveActivityMapper.time(wire) == RFC3339.parse(expected))
    }

    @Test func typesThatAreNoTouchAreLeftOutAndParticipantsAreCredited() throws {
        let mapper = PipedriveActivityMapper(
            config: ConnectorConfig(name: "pipedrive", kind: .pipedrive, sourcePath: "connectors/pipedrive.yaml"))
        func activities(_ json: String) throws -> [Activity] {
            mapper.activities(
                try JSONDecoder().decode(PipedriveWire.Activity.self, from: Data(json.utf8)), stream: "activities"
            ).0
        }
        let due = #""due_date":"2026-03-01","due_time":"09:00""#
        // A deleted call is still the call it was (the source deletes it by its key).
        let deleted = try activities(#"{"id":1,"type":"call","is_deleted":true,"person_id":5,"# + due + "}")
        #expect(deleted.map(\.kind) == [.salesTouch])
        #expect(try activities(#"{"id":2,"type":"task","person_id":5,"# + due + "}").isEmpty)
        let meeting = try activities(
            #"{"id":3,"type":"meeting","person_id":5,"participants":[{"person_id":5},{"person_id":8}],"# + due + "}")
        #expect(meeting.map(\.contactID) == ["5", "8"] && meeting.allSatisfy { $0.kind == .meetingBooked })
    }
}
