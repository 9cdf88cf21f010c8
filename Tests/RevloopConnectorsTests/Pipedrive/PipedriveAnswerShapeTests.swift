import Foundation
import RevloopConnectors
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import RevloopStore
import RevloopTesting
import Testing

/// Answers the emulator does not give: a 200 with `success: false`, and v1's person fields.
@Suite struct PipedriveAnswerShapeTests {
    private static let gclidKey = "0123456789abcdef0123456789abcdef01234567"

    /// A server answering each `/api/v2/{resource}` with `bodies[resource]` (an empty page otherwise;
    /// `deals?status=deleted` is a resource of its own).
    private func serve(_ bodies: [String: String]) throws -> LoopbackServer {
        try LoopbackServer(port: 0) { request in
            var resource = String(request.url.path.split(separator: "/").last ?? "")
            if request.url.query?.contains("status=deleted") == true { resource += "?status=deleted" }
            let body = bodies[resource] ?? #"{"success":true,"data":[],"additional_data":{"next_cursor":null}}"#
            return HTTPResponse(status: 200, headers: ["content-type": "application/json"], body: Data(body.utf8))
        }
    }

    private func source(_ server: LoopbackServer) throws -> PipedriveSource {
        var config = ConnectorConfig(name: "pipedrive", kind: .pipedrive, sourcePath: "connectors/pipedrive.yaml")
        config.baseURL = server.baseURL.absoluteString
        config.apiToken = .environment("PIPEDRIVE_API_TOKEN")
        config.clickIDProperties = [.gclid: Self.gclidKey]
        return try PipedriveSource(
            config: config, transport: URLSessionHTTPTransport(), clock: ManualDelayClock(),
            secrets: PipedriveHarness.secrets())
    }

    @Test func aSuccessFalseBodyIsAnErrorEvenOnA200() async throws {
        let server = try serve(["stages": #"{"success":false,"error":"Scope missing"}"#])
        await #expect {
            try await CRMSourceConformance.pull(
                try source(server), into: InMemorySnapshotStore(), asOf: PipedriveHarness.asOf)
        } throws: { error in
            guard let error = error as? ConnectorError else { return false }
            return error.kind == .unreadable && error.message.contains("connectors/pipedrive.yaml")
                && error.message.contains("success: false to GET /api/v2/stages (Scope missing)")
        }
    }

    @Test func v1PersonFieldsEmailPhoneAndTopLevelCustomFieldsAreReadToo() async throws {
        let person = """
            {"id":9,"first_name":"Ada","last_name":"Byron","add_time":"2026-01-02T03:04:05Z",
            "update_time":"2026-01-03T03:04:05.250Z","email":[{"value":"other@example.org","primary":false},
            {"value":"ada@example.org","primary":true,"label":"work"}],"phone":[{"value":"+14155550100","primary":true}],
            "\(Self.gclidKey)":"Cj0KCQ-test"},
            {"id":10,"add_time":"2026-01-02T03:04:05Z","update_time":"2026-01-03T03:04:05Z",
            "emails":[{"value":"ada@example.org","primary":true,"label":"work"}],"phones":[],"custom_fields":{}}
            """
        let server = try serve([
            "persons": #"{"success":true,"data":["# + person + #"],"additional_data":{"next_cursor":null}}"#
        ])
        let store = InMemorySnapshotStore()
        let tally = try await CRMSourceConformance.pull(try source(server), into: store, asOf: PipedriveHarness.asOf)
        #expect(tally.diagnostics.isEmpty)
        #expect(try await store.counts().contacts == 2)
        let contact = try #require(try await store.contact(connector: "pipedrive", id: "9"))
        let kinds = Set(contact.identifiers.map(\.kind))
        #expect(kinds.isSuperset(of: [.email, .phoneE164, .firstName, .lastName]))
        // The primary address is the one hashed: the same as v2's `emails` with only that address.
        let v2 = try #require(try await store.contact(connector: "pipedrive", id: "10"))
        #expect(contact.identifiers.filter { $0.kind == .email } == v2.identifiers.filter { $0.kind == .email })
        let clicks = try await store.clickIDs(connector: "pipedrive", contact: "9")
        #expect(clicks.map(\.value) == ["Cj0KCQ-test"] && clicks.first?.clickedAt == contact.createdAt)
    }

    @Test func aValueWithMoreDecimalsThanItsCurrencyIsAWarningAndTheDealIsKept() async throws {
        let deals = """
            {"success":true,"data":[{"id":5,"value":12.345,"currency":"USD","status":"open","stage_id":1,
            "pipeline_id":1,"person_id":null,"add_time":"2026-01-02T03:04:05Z","update_time":"2026-01-02T03:04:05Z"},
            {"id":6,"value":1234.56,"currency":"JPY","status":"won","stage_id":1,"pipeline_id":1,
            "add_time":"2026-01-02T03:04:05Z","update_time":"2026-01-05T03:04:05Z","won_time":"2026-01-04T00:00:00Z"},
            {"id":7,"value":1234.56,"currency":"EUR","status":"open","stage_id":2,"pipeline_id":1,
            "add_time":"2026-01-02T03:04:05Z","update_time":"2026-01-05T03:04:05Z"}],
            "additional_data":{"next_cursor":null}}
            """
        let store = InMemorySnapshotStore()
        let tally = try await CRMSourceConformance.pull(
            try source(try serve(["deals": deals])), into: store, asOf: PipedriveHarness.asOf)
        #expect(tally.diagnostics.count == 2)
        #expect(tally.diagnostics.allSatisfy { $0.severity == .warning && $0.description.contains("field 'value'") })
        #expect(try await store.deal(connector: "pipedrive", id: "5")?.amount == nil)
        let won = try #require(try await store.deal(connector: "pipedrive", id: "6"))
        #expect(won.amount == nil && won.stageID == "1:won")
        #expect(won.stageHistory.map(\.stageID) == ["1", "1:won"])
        let euros = try #require(try await store.deal(connector: "pipedrive", id: "7"))
        #expect(euros.amount?.minorUnits == 123_456 && euros.amount?.currency == CurrencyCode("EUR"))
    }

    @Test func aFlowWithNumbersOtherItemsACloseAndAReopenGivesEveryStageOnce() async throws {
        let deals = """
            {"success":true,"data":[{"id":8,"value":10,"currency":"USD","status":"open","stage_id":3,"pipeline_id":1,
            "person_id":4,"add_time":"2026-01-02T03:04:05Z","update_time":"2026-01-07T00:00:00Z",
            "stage_change_time":"2026-01-06T10:00:00.250Z"}],"additional_data":{"next_cursor":null}}
            """
        // Newest first, as Pipedrive lists a flow: a reopen logged in the same second as a move made while the
        // deal was lost, an activity (not a change), the close, and the first move with numeric values.
        let flow = """
            {"success":true,"data":[
            {"object":"dealChange","timestamp":"2026-01-06 10:00:00","data":{"id":5,"item_id":8,"field_key":"status",
            "old_value":"lost","new_value":"open","log_time":"2026-01-06 10:00:00"}},
            {"object":"dealChange","timestamp":"2026-01-06 10:00:00","data":{"id":4,"item_id":8,"field_key":"stage_id",
            "old_value":"2","new_value":"3","log_time":"2026-01-06 10:00:00"}},
            {"object":"activity","timestamp":"2026-01-05 12:00:00","data":{"id":77,"subject":"Call","done":true}},
            {"object":"dealChange","timestamp":"2026-01-05 09:00:00","data":{"id":3,"item_id":8,"field_key":"status",
            "old_value":"open","new_value":"lost","log_time":"2026-01-05 09:00:00"}},
            {"object":"dealChange","timestamp":"2026-01-04 07:00:00","data":{"id":2,"item_id":8,"field_key":"value",
            "old_value":5,"new_value":10,"log_time":"2026-01-04 07:00:00"}},
            {"object":"dealChange","timestamp":"2026-01-03 08:00:00","data":{"id":1,"item_id":8,"field_key":"stage_id",
            "old_value":1,"new_value":2,"log_time":"2026-01-03 08:00:00"}}],
            "additional_data":{"pagination":{"start":0,"limit":500,"more_items_in_collection":false}}}
            """
        let store = InMemorySnapshotStore()
        let tally = try await CRMSourceConformance.pull(
            try source(try serve(["deals": deals, "flow": flow])), into: store, asOf: PipedriveHarness.asOf)
        #expect(tally.diagnostics.isEmpty)
        let deal = try #require(try await store.deal(connector: "pipedrive", id: "8"))
        func at(_ text: String) throws -> Timestamp { try #require(RFC3339.parse(text)) }
        #expect(
            deal.stageHistory == [
                StageTransition(stageID: "1", enteredAt: try at("2026-01-02T03:04:05Z")),
                StageTransition(stageID: "2", enteredAt: try at("2026-01-03T08:00:00Z")),
                StageTransition(stageID: "1:lost", enteredAt: try at("2026-01-05T09:00:00Z")),
                StageTransition(stageID: "3", enteredAt: try at("2026-01-06T10:00:00Z")),
            ])
        #expect(deal.stageID == "3" && deal.contactIDs == ["4"])
    }
}
