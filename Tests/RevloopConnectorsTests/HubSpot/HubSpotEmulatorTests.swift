import Foundation
import RevloopCore
import RevloopHTTP
import RevloopSandbox
import Testing

/// The emulator's documented limits, over loopback.
@Suite struct HubSpotEmulatorTests {
    private func post(_ harness: HubSpotHarness, _ path: String, _ body: String) async throws -> HTTPResponse {
        try await URLSessionHTTPTransport().send(
            HTTPRequest(
                method: "POST", url: harness.server.baseURL.appendingPathComponent(path),
                headers: ["Authorization": "Bearer \(HubSpotHarness.token)"], body: Data(body.utf8)))
    }

    @Test(arguments: ["crm/v3/objects/deals/search", "crm/objects/2026-03/deals/search"])
    func aSearchPastTenThousandResultsIsRefusedWith400(path: String) async throws {
        let harness = try HubSpotHarness(deals: 20)
        let refused = try await post(harness, path, #"{"limit":200,"after":"9900"}"#)
        #expect(refused.status == 400)
        let body = try #require(try JSONSerialization.jsonObject(with: refused.body) as? [String: Any])
        #expect(body["category"] as? String == "VALIDATION_ERROR" && body["status"] as? String == "error")
        #expect(try await post(harness, path, #"{"limit":200,"after":"9800"}"#).status == 200)
        #expect(try await post(harness, path, #"{"limit":201}"#).status == 400)
        let sixGroups =
            "{\"filterGroups\":[" + Array(repeating: #"{"filters":[]}"#, count: 6).joined(separator: ",") + "]}"
        #expect(try await post(harness, path, sixGroups).status == 400)
    }

    @Test func searchPagesCarryTotalsStringPropertiesAndNoPagingAtTheEnd() async throws {
        let harness = try HubSpotHarness(deals: 20)
        let response = try await post(
            harness, "crm/v3/objects/deals/search",
            #"{"limit":15,"after":"10","properties":["amount","hs_is_closed_won"],"sorts":["hs_object_id"]}"#)
        let body = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(body["paging"] == nil)
        #expect(body["total"] as? Int == results.count + 10)
        let properties = try #require(results.first?["properties"] as? [String: Any])
        #expect(properties.values.allSatisfy { $0 is String || $0 is NSNull })
        #expect(properties["hs_is_closed_won"] is String)
    }

    @Test func batchAssociationsAnswerNumbersAndPagePerInput() async throws {
        let harness = try HubSpotHarness(deals: 60, options: .init(associationPageSize: 1))
        let response = try await post(
            harness, "crm/v4/associations/deals/contacts/batch/read",
            "{\"inputs\":[" + (1...60).map { "{\"id\":\"\($0)\"}" }.joined(separator: ",") + "]}")
        let body = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let results = try #require(body["results"] as? [[String: Any]])
        #expect(results.contains { $0["paging"] != nil }, "deals with two or more contacts page")
        let first = try #require((results.first?["to"] as? [[String: Any]])?.first)
        #expect(first["toObjectId"] is NSNumber)
        let tooMany = "{\"inputs\":[" + (1...1_001).map { "{\"id\":\"\($0)\"}" }.joined(separator: ",") + "]}"
        #expect(try await post(harness, "crm/v4/associations/deals/contacts/batch/read", tooMany).status == 400)
    }
}
