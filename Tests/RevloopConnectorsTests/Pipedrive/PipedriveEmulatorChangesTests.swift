import Foundation
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import RevloopTesting
import Testing

/// The Pipedrive emulator's person merge, deal flow and a deal's persons, over loopback.
@Suite struct PipedriveEmulatorChangesTests {
    private static let token = "sandbox-api-token"
    private static let now = SnapshotFixtures.epoch.adding(milliseconds: 3_600_000)

    private struct FixedClock: WallClock {
        var time: Timestamp
        func now() -> Timestamp { time }
    }

    private func send(
        _ server: LoopbackServer, _ method: String, _ pathAndQuery: String, body: [String: Any]? = nil
    ) async throws -> (status: Int, body: [String: Any]) {
        let url = try #require(URL(string: server.baseURL.absoluteString + pathAndQuery))
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) }
        let response = try await URLSessionHTTPTransport().send(
            HTTPRequest(
                method: method, url: url, headers: ["x-api-token": Self.token, "Content-Type": "application/json"],
                body: data))
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        return (response.status, object)
    }

    private func serve(deals: Int = 60) throws -> (PipedriveEmulator, LoopbackServer) {
        let emulator = PipedriveEmulator(
            dataset: PipedriveSampleDataset.make(seed: 3, dealCount: deals, anchor: SnapshotFixtures.epoch.utcDay),
            options: .init(apiTokens: [Self.token]), clock: FixedClock(time: Self.now))
        return (emulator, try emulator.serve())
    }

    @Test func aMergeMovesTheMergedPersonsDealsToTheSurvivorAndRemovesIt() async throws {
        let (emulator, server) = try serve()
        let dataset = emulator.dataset
        let loser = try #require(dataset.deals.first { $0.personID != nil && $0.status != .deleted }?.personID)
        let survivor = try #require(dataset.persons.last { $0.id != loser }?.id)
        let moved = dataset.deals.filter { $0.personIDs.contains(loser) }.map(\.id)

        // The person of the path is merged into `merge_with_id`, which survives (Pipedrive's "Merging two persons").
        let answer = try await send(server, "PUT", "/api/v1/persons/\(loser)/merge", body: ["merge_with_id": survivor])
        #expect(answer.status == 200 && answer.body["success"] as? Bool == true)
        let data = try #require(answer.body["data"] as? [String: Any])
        #expect(data["id"] as? Int == Int(survivor) && data["merge_what_id"] as? Int == Int(loser))

        let persons = try #require(
            try await send(server, "GET", "/api/v2/persons?limit=500").body["data"] as? [[String: Any]])
        #expect(!persons.contains { $0["id"] as? Int == Int(loser) }, "the merged person is gone from the list")
        let after = emulator.dataset
        for id in moved {
            let deal = try #require(after.deals.first { $0.id == id })
            #expect(deal.personIDs.contains(survivor) && !deal.personIDs.contains(loser))
            #expect(deal.updateTime == Self.now.millisecondsSinceEpoch, "the move is a change the next pull reads")
        }
        #expect(after.persons.first { $0.id == survivor }?.updateTime == Self.now.millisecondsSinceEpoch)
        #expect(emulator.tally.merges == 1)

        // Merged again, the person is not found; a person is not merged with itself; the body is required.
        #expect(
            try await send(server, "PUT", "/api/v1/persons/\(loser)/merge", body: ["merge_with_id": survivor]).status
                == 404)
        #expect(
            try await send(server, "PUT", "/api/v1/persons/\(survivor)/merge", body: ["merge_with_id": survivor]).status
                == 400)
        #expect(try await send(server, "PUT", "/api/v1/persons/\(survivor)/merge", body: [:]).status == 400)
        #expect(try await send(server, "GET", "/api/v1/persons/\(survivor)/merge").status == 405)
    }

    @Test func aDealsFlowListsItsStageChangesInV1TimesPagedByStart() async throws {
        let (emulator, server) = try serve()
        let deal = try #require(
            emulator.dataset.deals.first { $0.changes.filter { $0.fieldKey == "stage_id" }.count >= 2 })
        var items: [[String: Any]] = []
        var start = 0
        while true {
            let page = try await send(server, "GET", "/api/v1/deals/\(deal.id)/flow?start=\(start)&limit=1")
            #expect(page.status == 200 && page.body["success"] as? Bool == true)
            items += try #require(page.body["data"] as? [[String: Any]])
            let pagination = try #require(
                (page.body["additional_data"] as? [String: Any])?["pagination"] as? [String: Any])
            guard pagination["more_items_in_collection"] as? Bool == true else { break }
            start = try #require(pagination["next_start"] as? Int)
        }
        #expect(items.count == deal.changes.count)
        #expect(emulator.tally.flowRequests == deal.changes.count, "one change a page")
        let changes = items.compactMap { $0["data"] as? [String: Any] }
        #expect(items.allSatisfy { $0["object"] as? String == "dealChange" })
        #expect(changes.allSatisfy { $0["item_id"] as? Int == Int(deal.id) })
        // v1 times: "YYYY-MM-DD HH:MM:SS", UTC without a zone; newest first.
        let times = changes.compactMap { $0["log_time"] as? String }
        #expect(times.count == changes.count)
        #expect(times.allSatisfy { $0.utf8.count == 19 && $0.contains(" ") && !$0.contains("Z") })
        #expect(times == times.sorted(by: >))
        let stages = changes.filter { $0["field_key"] as? String == "stage_id" }.reversed()
        #expect(stages.last?["new_value"] as? String == String(deal.stageID))
        #expect(try await send(server, "GET", "/api/v1/deals/999999/flow").status == 404)
    }

    @Test func personsFilteredByDealAreTheDealsPersonsAndMovingADealLogsIt() async throws {
        let (emulator, server) = try serve(deals: 200)
        let dataset = emulator.dataset
        let shared = try #require(dataset.deals.first { !$0.participantIDs.isEmpty }, "some deals have several persons")
        let page = try await send(server, "GET", "/api/v2/persons?deal_id=\(shared.id)&limit=500")
        let ids = try #require(page.body["data"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
        #expect(Set(ids) == Set(shared.personIDs.map(Int.init)) && ids.count > 1)
        #expect(emulator.tally.dealPersonRequests == 1)
        #expect(try await send(server, "GET", "/api/v2/deals?deal_id=\(shared.id)").status == 400)

        let open = try #require(dataset.deals.first { $0.status == .open })
        let stage = try #require(dataset.stages.first { $0.pipelineID == open.pipelineID && $0.id != open.stageID })
        emulator.moveDeal(open.id, toStage: stage.id, at: Self.now)
        let moved = try #require(emulator.dataset.deals.first { $0.id == open.id })
        #expect(moved.stageID == stage.id && moved.stageChangeTime == Self.now.millisecondsSinceEpoch)
        #expect(
            moved.changes.last
                == PipedriveDealChange(
                    fieldKey: "stage_id", oldValue: String(open.stageID), newValue: String(stage.id),
                    at: Self.now.millisecondsSinceEpoch))
    }

    @Test func theSandboxSwitchMergesPairsOfPersonsWithoutNamingThem() async throws {
        let (emulator, server) = try serve()
        let answer = try await send(server, "POST", "/_sandbox/pipedrive/merge?count=3")
        #expect(answer.status == 200)
        let pairs = try #require(answer.body["data"] as? [[String: Int]])
        #expect(pairs.count == 3 && emulator.tally.merges == 3)
        let persons = Set(emulator.dataset.persons.map(\.id))
        for pair in pairs {
            let loser = try #require(pair["merge_what_id"])
            let survivor = try #require(pair["merge_with_id"])
            #expect(!persons.contains(Int64(loser)) && persons.contains(Int64(survivor)))
        }
        #expect(try await send(server, "POST", "/_sandbox/pipedrive/merge?count=0").status == 400)
    }
}
