import Foundation
import Logging
import RevloopHTTP
import RevloopPersonalization
import RevloopServe
import Testing

/// The Hummingbird adapter over a real loopback socket: headers in, one answer out.
@Suite struct DecisionServerTests {
    @Test func theServerAnswersOverLoopbackAndRefusesWithoutTouchingTheEngine() async throws {
        let fixture = ServeFixture()
        let server = DecisionServer(
            api: fixture.api, host: "127.0.0.1", port: 0,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let running = Task { try await server.run { continuation.yield($0) } }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let base = try #require(URL(string: "http://127.0.0.1:\(port)"))
        let transport = URLSessionHTTPTransport()
        func send(_ method: String, _ path: String, headers: [String: String], body: String? = nil) async throws
            -> RevloopHTTP.HTTPResponse
        {
            do {
                return try await transport.send(
                    HTTPRequest(
                        method: method, url: base.appendingPathComponent(path), headers: headers,
                        body: body.map { Data($0.utf8) }, timeout: .seconds(10)))
            } catch {
                Issue.record("\(method) \(path) \(headers.keys.sorted()) \(body?.count ?? 0) bytes: \(error)")
                throw error
            }
        }
        let json = ["Content-Type": "application/json"]
        let authorized = json.merging(["Authorization": "Bearer \(ServeFixture.key)"]) { $1 }

        let health = try await send("GET", "/healthz", headers: [:])
        #expect(health.status == 200)
        let unauthenticated = try await send(
            "POST", "/v1/decisions", headers: json, body: DecisionAPITests.decisionBody)
        #expect(unauthenticated.status == 401)
        let malformed = try await send("POST", "/v1/decisions", headers: authorized, body: #"{"visitor_id":"#)
        #expect(malformed.status == 400)
        let wrongType = try await send(
            "POST", "/v1/decisions",
            headers: ["Authorization": "Bearer \(ServeFixture.key)", "Content-Type": "text/plain"],
            body: DecisionAPITests.decisionBody)
        #expect(wrongType.status == 415)
        // Refused before its body is read: the client is asked to close the connection.
        let tooLarge = try await send(
            "POST", "/v1/decisions", headers: authorized, body: String(repeating: " ", count: 20_000))
        #expect(tooLarge.status == 413)
        #expect(tooLarge.headers.first { $0.key.lowercased() == "connection" }?.value == "close")
        #expect(fixture.counter.count == 0)
        #expect(fixture.engine.log == InMemoryDecisionEngine.Log())

        let decided = try await send(
            "POST", "/v1/decisions", headers: json.merging(["X-API-Key": ServeFixture.key]) { $1 },
            body: DecisionAPITests.decisionBody)
        #expect(decided.status == 200)
        let decision = try #require(fixture.engine.log.decisions.first)
        let answer = try #require(try JSONSerialization.jsonObject(with: decided.body) as? [String: Any])
        #expect(answer["decision_id"] as? String == decision.decisionID)
        let recorded = try await send(
            "POST", "/v1/outcomes", headers: authorized, body: #"{"decision_id":"\#(decision.decisionID)","reward":1}"#)
        #expect(recorded.status == 202)
        #expect(fixture.engine.log.outcomes.count == 1)
    }
}
