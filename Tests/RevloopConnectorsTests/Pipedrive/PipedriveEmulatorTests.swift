import Foundation
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import RevloopTesting
import Testing

/// The Pipedrive emulator's documented shapes and limits, over loopback.
@Suite struct PipedriveEmulatorTests {
    private static let token = "sandbox-api-token"

    private func get(_ server: LoopbackServer, _ pathAndQuery: String, token: String? = PipedriveEmulatorTests.token)
        async throws -> (status: Int, body: [String: Any])
    {
        let url = try #require(URL(string: server.baseURL.absoluteString + pathAndQuery))
        let response = try await URLSessionHTTPTransport().send(
            HTTPRequest(method: "GET", url: url, headers: token.map { ["x-api-token": $0] } ?? [:], body: nil))
        let body = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        return (response.status, body)
    }

    private func serve(deals: Int = 30) throws -> (PipedriveEmulator, LoopbackServer) {
        let emulator = PipedriveEmulator(
            dataset: PipedriveSampleDataset.make(seed: 3, dealCount: deals, anchor: SnapshotFixtures.epoch.utcDay),
            options: .init(apiTokens: [Self.token]))
        return (emulator, try emulator.serve())
    }

    @Test func listsPageByCursorUntilANullNextCursorAndSayFalseOnlyOnErrors() async throws {
        let (emulator, server) = try serve()
        var cursor: String?
        var ids: [Int] = []
        var updates: [String] = []
        repeat {
            let page = try await get(
                server,
                "/api/v2/deals?sort_by=update_time&sort_direction=asc&limit=7"
                    + (cursor.map { "&cursor=\($0)" } ?? ""))
            #expect(page.status == 200 && page.body["success"] as? Bool == true)
            let data = try #require(page.body["data"] as? [[String: Any]])
            ids += data.compactMap { $0["id"] as? Int }
            updates += data.compactMap { $0["update_time"] as? String }
            let additional = try #require(page.body["additional_data"] as? [String: Any])
            cursor = additional["next_cursor"] as? String
        } while cursor != nil
        #expect(Set(ids).count == ids.count, "no deal twice")
        #expect(emulator.tally.requests == (ids.count + 6) / 7, "pages of 7 to the end")
        #expect(updates == updates.sorted(), "in update_time order (RFC 3339 in UTC sorts as text)")
        #expect(updates.allSatisfy { $0.hasSuffix("Z") && RFC3339.parse($0) != nil })

        let deleted = try await get(server, "/api/v2/deals?status=deleted&limit=500")
        let deletedDeals = try #require(deleted.body["data"] as? [[String: Any]])
        #expect(deletedDeals.allSatisfy { $0["status"] as? String == "deleted" })
        #expect(ids.count + deletedDeals.count == 30, "the default list leaves deleted deals out")
    }

    @Test func personsCarryEmailsPhonesAndClickIDsInCustomFields() async throws {
        let (_, server) = try serve()
        let page = try await get(server, "/api/v2/persons?limit=500")
        let persons = try #require(page.body["data"] as? [[String: Any]])
        #expect(!persons.isEmpty)
        let emails = persons.compactMap { $0["emails"] as? [[String: Any]] }.flatMap { $0 }
        #expect(!emails.isEmpty && emails.allSatisfy { $0["primary"] is Bool && $0["label"] is String })
        let keys = Set(persons.compactMap { $0["custom_fields"] as? [String: Any] }.flatMap(\.keys))
        #expect(keys == Set(PipedriveSampleDataset.clickIDFieldKeys.values))
        #expect(keys.allSatisfy { $0.utf8.count == 40 })
        let stages = try #require(try await get(server, "/api/v2/stages").body["data"] as? [[String: Any]])
        #expect(
            stages.count == 9
                && stages.allSatisfy { ($0["deal_probability"] as? Int).map { (0...100).contains($0) } ?? false })
        let pipelines = try #require(try await get(server, "/api/v2/pipelines").body["data"] as? [[String: Any]])
        #expect(pipelines.count == 2)
    }

    @Test func aMissingOrWrongTokenIs401AndABadLimitOrCursorIs400() async throws {
        let (emulator, server) = try serve()
        for token in [nil, "wrong"] {
            let refused = try await get(server, "/api/v2/deals", token: token)
            #expect(
                refused.status == 401 && refused.body["success"] as? Bool == false && refused.body["error"] is String)
        }
        #expect(try await get(server, "/api/v2/deals?limit=501").status == 400)
        #expect(try await get(server, "/api/v2/deals?limit=500").status == 200)
        #expect(try await get(server, "/api/v2/persons?cursor=not-a-cursor!").status == 400)
        #expect(try await get(server, "/api/v2/deals?updated_since=yesterday").status == 400)
        #expect(emulator.tally.refusedCredentials == 2 && emulator.tally.badRequests == 3)
    }
}
