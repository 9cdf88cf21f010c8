import Foundation
import RevloopCore
import RevloopHTTP
import RevloopIdentity
import RevloopSandbox
import Testing

/// The emulator's documented shapes and errors, over loopback.
@Suite struct SalesforceEmulatorTests {
    private func get(
        _ harness: SalesforceHarness, _ path: String, query: String? = nil, token: String = "any-session",
        batchSize: Int? = nil
    ) async throws -> (HTTPResponse, Any?) {
        var components = URLComponents(
            url: harness.server.baseURL.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if let query {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            components?.percentEncodedQuery = "q=" + (query.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }
        var headers = ["Authorization": "Bearer \(token)"]
        if let batchSize { headers["Sforce-Query-Options"] = "batchSize=\(batchSize)" }
        let url = try #require(components?.url)
        let response = try await URLSessionHTTPTransport().send(HTTPRequest(method: "GET", url: url, headers: headers))
        return (response, try? JSONSerialization.jsonObject(with: response.body))
    }

    @Test func queryPagesCarryTotalsAttributesSalesforceDateTimesAndCursorsUntilDone() async throws {
        let harness = try SalesforceHarness(deals: 30, minimumBatchSize: 200)
        harness.emulator.deleteOpportunity(SalesforceHarness.opportunityID(3), at: SalesforceHarness.asOf)
        let soql = "SELECT Id, StageName, Amount, SystemModstamp FROM Opportunity ORDER BY Id"
        let (first, firstBody) = try await get(harness, "services/data/v61.0/query", query: soql, batchSize: 5)
        #expect(first.status == 200 && first.headers["sforce-limit-info"]?.hasPrefix("api-usage=") == true)
        let page = try #require(firstBody as? [String: Any])
        let live = try #require(page["totalSize"] as? Int)
        #expect(page["done"] as? Bool == true, "a batchSize under 200 is raised to 200")
        #expect(page["nextRecordsUrl"] == nil)
        let records = try #require(page["records"] as? [[String: Any]])
        #expect(records.count == live && live < 30, "query leaves the recycle bin out")
        let record = try #require(records.first)
        let attributes = try #require(record["attributes"] as? [String: String])
        #expect(attributes["type"] == "Opportunity")
        #expect(attributes["url"] == "/services/data/v61.0/sobjects/Opportunity/\(record["Id"] as? String ?? "")")
        let stamp = try #require(record["SystemModstamp"] as? String)
        // 2026-11-29T10:00:00.000+0000: milliseconds and an offset without a colon.
        #expect(stamp.count == 28 && stamp.hasSuffix("+0000") && stamp.dropLast(8).hasSuffix("."), "\(stamp)")
        #expect(RFC3339.parse(stamp) != nil)
        #expect(record["Amount"] is NSNumber)

        // Python's requests writes spaces in the query string as `+` (simple-salesforce sends q so).
        let plus = try #require(
            URL(string: "\(harness.server.baseURL)/services/data/v61.0/query?q=SELECT+Id+FROM+Contact"))
        let plusAnswer = try await URLSessionHTTPTransport().send(
            HTTPRequest(method: "GET", url: plus, headers: ["Authorization": "Bearer any-session"]))
        #expect(plusAnswer.status == 200)

        let (_, allBody) = try await get(harness, "services/data/v61.0/queryAll", query: soql)
        #expect((allBody as? [String: Any])?["totalSize"] as? Int == 30, "queryAll includes deleted rows")
    }

    @Test func nextRecordsUrlPagesThroughASnapshotOfTheAnswer() async throws {
        let harness = try SalesforceHarness(deals: 30)
        let soql = "SELECT Id FROM Opportunity WHERE IsDeleted = false OR IsDeleted = true ORDER BY Id"
        var (_, body) = try await get(harness, "services/data/v61.0/queryAll/", query: soql, batchSize: 12)
        var ids: [String] = []
        var pages = 0
        while let page = body as? [String: Any] {
            pages += 1
            ids += (page["records"] as? [[String: Any]] ?? []).compactMap { $0["Id"] as? String }
            #expect(page["totalSize"] as? Int == 30)
            guard let next = page["nextRecordsUrl"] as? String else {
                #expect(page["done"] as? Bool == true)
                break
            }
            #expect(next.hasPrefix("/services/data/v61.0/query/01g") && page["done"] as? Bool == false)
            (_, body) = try await get(harness, String(next.dropFirst()))
        }
        #expect(pages == 3 && ids == (1...30).map(SalesforceHarness.opportunityID))
    }

    @Test func errorsAreSalesforcesJSONArrays() async throws {
        let harness = try SalesforceHarness(deals: 5, isMultiCurrency: false)
        func entry(_ body: Any?) -> [String: Any]? { (body as? [[String: Any]])?.first }
        let (currency, currencyBody) = try await get(
            harness, "services/data/v61.0/query", query: "SELECT Id, CurrencyIsoCode FROM Opportunity")
        #expect(currency.status == 400 && entry(currencyBody)?["errorCode"] as? String == "INVALID_FIELD")
        let (malformed, malformedBody) = try await get(
            harness, "services/data/v61.0/query", query: "SELEKT Id FROM Lead")
        #expect(malformed.status == 400 && entry(malformedBody)?["errorCode"] as? String == "MALFORMED_QUERY")
        let (mistyped, mistypedBody) = try await get(
            harness, "services/data/v61.0/query",
            query: "SELECT Id FROM Opportunity WHERE CloseDate > 2026-01-01T00:00:00Z")
        #expect(
            mistyped.status == 400 && entry(mistypedBody)?["errorCode"] as? String == "INVALID_QUERY_FILTER_OPERATOR")

        let strict = try SalesforceHarness(deals: 5, options: .init(accessTokens: ["the-session"]))
        let (refused, refusedBody) = try await get(
            strict, "services/data/v61.0/query", query: "SELECT Id FROM Contact", token: "not-the-session")
        #expect(refused.status == 401 && entry(refusedBody)?["errorCode"] as? String == "INVALID_SESSION_ID")
        #expect(entry(refusedBody)?["message"] as? String == "Session expired or invalid")

        let throttled = try SalesforceHarness(deals: 5, faults: SandboxFaults(.init(throttled: 1), seed: 1))
        let (limit, limitBody) = try await get(throttled, "services/data/v61.0/query", query: "SELECT Id FROM Contact")
        #expect(limit.status == 403 && entry(limitBody)?["errorCode"] as? String == "REQUEST_LIMIT_EXCEEDED")
        #expect(limit.headers["retry-after"] == nil)
    }

    @Test func theTokenEndpointAnswersAnInstanceURLOrInvalidGrant() async throws {
        let harness = try SalesforceHarness(deals: 5)
        func token(_ form: String) async throws -> (Int, [String: Any]) {
            let response = try await URLSessionHTTPTransport().send(
                HTTPRequest(
                    method: "POST", url: harness.server.baseURL.appendingPathComponent("services/oauth2/token"),
                    headers: ["Content-Type": "application/x-www-form-urlencoded"], body: Data(form.utf8)))
            return (response.status, (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:])
        }
        let (status, grant) = try await token(
            "grant_type=refresh_token&client_id=revloop-app&client_secret=app-secret&refresh_token=refresh-1")
        #expect(status == 200 && grant["instance_url"] as? String == harness.server.baseURL.absoluteString)
        #expect(grant["token_type"] as? String == "Bearer" && grant["access_token"] is String)
        #expect(grant["issued_at"] is String && grant["signature"] is String && grant["id"] is String)
        let (refusedStatus, refused) = try await token(
            "grant_type=refresh_token&client_id=revloop-app&refresh_token=wrong")
        #expect(refusedStatus == 400 && refused["error"] as? String == "invalid_grant")
        #expect(refused["error_description"] is String)
    }

    @Test func changingAnOpportunityWritesAHistoryRow() async throws {
        let harness = try SalesforceHarness(deals: 5)
        let id = SalesforceHarness.opportunityID(2)
        let soql = "SELECT Id, StageName, Amount FROM OpportunityHistory WHERE OpportunityId IN ('\(id)')"
        let (_, before) = try await get(harness, "services/data/v61.0/queryAll", query: soql)
        let count = ((before as? [String: Any])?["records"] as? [Any])?.count ?? 0
        harness.emulator.updateOpportunity(id, stage: "closedlost", amount: "10.00", at: SalesforceHarness.asOf)
        let (_, after) = try await get(harness, "services/data/v61.0/queryAll", query: soql)
        let rows = try #require((after as? [String: Any])?["records"] as? [[String: Any]])
        #expect(rows.count == count + 1)
        #expect(rows.last?["StageName"] as? String == "closedlost")
    }

    @Test func bulkQueryJobsCompleteAfterPollsAndPageCSVByLocator() async throws {
        let harness = try SalesforceHarness(deals: 25, options: .init(bulkJobPolls: 2))
        let transport = URLSessionHTTPTransport()
        func call(_ method: String, _ path: String, _ body: String? = nil) async throws -> HTTPResponse {
            try await transport.send(
                HTTPRequest(
                    method: method, url: try #require(URL(string: "\(harness.server.baseURL)\(path)")),
                    headers: ["Authorization": "Bearer any-session", "Content-Type": "application/json"],
                    body: body.map { Data($0.utf8) }))
        }
        let created = try await call(
            "POST", "/services/data/v61.0/jobs/query",
            #"{"operation":"queryAll","query":"SELECT Id, Name, Amount, IsDeleted FROM Opportunity ORDER BY Id","contentType":"CSV","columnDelimiter":"COMMA","lineEnding":"LF"}"#
        )
        let job = try #require(try JSONSerialization.jsonObject(with: created.body) as? [String: Any])
        #expect(job["state"] as? String == "UploadComplete" && job["apiVersion"] is NSNumber)
        let id = try #require(job["id"] as? String)
        let early = try await call("GET", "/services/data/v61.0/jobs/query/\(id)/results")
        #expect(early.status == 412)
        var states: [String] = []
        for _ in 0..<3 {
            let info = try await call("GET", "/services/data/v61.0/jobs/query/\(id)")
            states.append(
                (try JSONSerialization.jsonObject(with: info.body) as? [String: Any])?["state"] as? String ?? "")
        }
        #expect(states == ["InProgress", "InProgress", "JobComplete"])
        #expect(try await call("GET", "/services/data/v60.0/jobs/query/\(id)/results").status == 409)
        var locator: String?
        var lines: [String] = []
        repeat {
            let query = "?maxRecords=10" + (locator.map { "&locator=\($0)" } ?? "")
            let chunk = try await call("GET", "/services/data/v61.0/jobs/query/\(id)/results\(query)")
            let text = String(decoding: chunk.body, as: UTF8.self)
            let rows = text.split(separator: "\n").map(String.init)
            #expect(rows.first == #""Id","Name","Amount","IsDeleted""#)
            #expect(Int(chunk.headers["sforce-numberofrecords"] ?? "") == rows.count - 1)
            lines += rows.dropFirst()
            locator = chunk.headers["sforce-locator"]
        } while locator != "null" && lines.count < 100
        #expect(lines.count == 25 && lines.first?.hasPrefix("\"\(SalesforceHarness.opportunityID(1))\"") == true)
        #expect(try await call("DELETE", "/services/data/v61.0/jobs/query/\(id)").status == 204)
    }

    @Test(arguments: [#""exp":"EXP""#, #""exp":EXP"#])
    func aJWTBearerAssertionIsVerifiedWithTheAppsKeyWhateverTheTypeOfExp(expClaim: String) async throws {
        let (privatePEM, publicPEM) = try RSASHA256.generateKeyPair()
        let app = SalesforceEmulator.JWTClient(
            consumerKey: "key-1", publicKeyPEM: publicPEM, usernames: ["u@example.com"])
        let harness = try SalesforceHarness(deals: 3, options: .init(jwtClients: [app]))
        // simple-salesforce sends exp as a string of seconds, this connector as a number: both are accepted.
        let exp = String(SalesforceHarness.asOf.secondsSinceEpoch + 180)
        let claims =
            #"{"aud":"https://login.salesforce.com","#
            + expClaim.replacingOccurrences(of: "EXP", with: exp) + #","iss":"key-1","sub":"u@example.com"}"#
        let input = Base64URL.encode(Array(#"{"alg":"RS256"}"#.utf8)) + "." + Base64URL.encode(Array(claims.utf8))
        let signature = try RSASHA256.sign(Array(input.utf8), privateKeyPEM: privatePEM)
        let assertion = input + "." + Base64URL.encode(signature)
        let response = try await URLSessionHTTPTransport().send(
            HTTPRequest(
                method: "POST", url: harness.server.baseURL.appendingPathComponent("services/oauth2/token"),
                headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Data(
                    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)".utf8)))
        #expect(response.status == 200)
        #expect(harness.emulator.tally.jwtGrants == 1)
    }
}
