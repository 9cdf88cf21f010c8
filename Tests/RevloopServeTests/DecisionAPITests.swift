import Foundation
import RevloopPersonalization
import RevloopServe
import Testing

@Suite struct DecisionAPITests {
    static let decisionBody =
        #"{"visitor_id":"v-42","surface":"homepage_hero","context":{"industry":"saas","device":"mobile"},"limit":2}"#

    @Test func aDecisionAnswersTheEnginesRankingAndLogsIt() async throws {
        let fixture = ServeFixture()
        let (response, _) = await fixture.send("/v1/decisions", body: Self.decisionBody)
        #expect(response.status == 200)
        #expect(response.contentType == "application/json")
        let logged = try #require(fixture.engine.log.decisions.first)
        #expect(fixture.engine.log.decisions.count == 1)
        #expect(logged.blocks.count == 2)
        let object = ServeFixture.object(response)
        #expect(object["decision_id"] as? String == logged.decisionID)
        #expect(object["visitor_id"] as? String == "v-42")
        #expect(object["policy_version"] as? String == "memory-1")
        #expect(object["holdout"] as? Bool == logged.isHoldout)
        #expect(object["propensity"] as? Double == logged.propensity)
        let blocks = try #require(object["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["block_id"] as? String } == logged.blocks.map(\.blockID))
        #expect(blocks.map { $0["expected_reward"] as? Double } == logged.blocks.map(\.expectedReward))
    }

    @Test func theLimitDefaultsToThreeAndContextIsOptional() async throws {
        let fixture = ServeFixture()
        let (response, _) = await fixture.send(
            "/v1/decisions", body: #"{"visitor_id":"v-1","surface":"homepage_hero"}"#)
        #expect(response.status == 200)
        #expect(fixture.engine.log.decisions.first?.blocks.count == 3)
    }

    @Test func anOutcomeIsRecordedAndAnsweredNoContent() async throws {
        let fixture = ServeFixture()
        _ = await fixture.send("/v1/decisions", body: Self.decisionBody)
        let decision = try #require(fixture.engine.log.decisions.first)
        let block = decision.blocks[1].blockID
        let (response, _) = await fixture.send(
            "/v1/outcomes",
            body: #"{"decision_id":"\#(decision.decisionID)","block_id":"\#(block)","reward":0.5,"kind":"downstream"}"#)
        #expect(response.status == 202)
        #expect(response.body == #"{"status":"recorded","decision_id":"\#(decision.decisionID)"}"#)
        #expect(
            fixture.engine.log.outcomes == [
                DecisionOutcome(decisionID: decision.decisionID, blockID: block, reward: 0.5, kind: .downstream)
            ])
    }

    // MARK: Authentication

    @Test(
        arguments: [
            (authorization: nil, apiKey: nil),
            (authorization: "Bearer wrong-key-0123456789abcdef", apiKey: nil),
            (authorization: "Bearer \(ServeFixture.key)x", apiKey: nil),
            (authorization: "Bearer test-key-0123456789abcde", apiKey: nil),
            (authorization: "Basic \(ServeFixture.key)", apiKey: nil),
            (authorization: "Bearer", apiKey: nil),
            (authorization: nil, apiKey: "wrong-key-0123456789abcdef"),
            (authorization: nil, apiKey: ""),
        ] as [(authorization: String?, apiKey: String?)])
    func aRequestWithoutAValidKeyIsRefusedBeforeItsBodyIsRead(authorization: String?, apiKey: String?) async {
        let fixture = ServeFixture()
        for path in ["/v1/decisions", "/v1/outcomes"] {
            let (response, bodyRead) = await fixture.send(
                path, body: Self.decisionBody, authorization: authorization, apiKey: apiKey)
            #expect(response.status == 401)
            #expect(response.headers["WWW-Authenticate"] == #"Bearer realm="revloop""#)
            #expect(ServeFixture.error(response)["code"] == "unauthorized")
            #expect(response.headers["Connection"] == "close")
            #expect(!bodyRead)
        }
        let (metrics, _) = await fixture.send("/metrics", method: "GET", authorization: authorization, apiKey: apiKey)
        #expect(metrics.status == 401)
        #expect(metrics.headers["Connection"] == nil)
        #expect(fixture.counter.count == 0)
        #expect(fixture.engine.log == InMemoryDecisionEngine.Log())
    }

    @Test func eitherKeyIsAcceptedByEitherHeaderAndTheBearerSchemeIgnoresCase() async {
        let fixture = ServeFixture()
        for (authorization, apiKey) in [
            ("Bearer \(ServeFixture.key)", nil), ("bearer \(ServeFixture.otherKey)", nil),
            (nil, ServeFixture.key), (nil, ServeFixture.otherKey),
        ] as [(String?, String?)] {
            let (response, _) = await fixture.send(
                "/v1/decisions", body: Self.decisionBody, authorization: authorization, apiKey: apiKey)
            #expect(response.status == 200)
        }
        #expect(fixture.engine.log.decisions.count == 4)
    }

    @Test func theKeyNeverAppearsInAnAnswer() async {
        let fixture = ServeFixture()
        let (response, _) = await fixture.send(
            "/v1/decisions", body: "{", authorization: "Bearer \(ServeFixture.key)")
        #expect(response.status == 400)
        #expect(!response.body.contains(ServeFixture.key))
        #expect("\(fixture.api.keys)" == "<redacted> (2 keys)")
    }

    @Test func theHealthCheckNeedsNoKey() async {
        let fixture = ServeFixture()
        let (response, _) = await fixture.send("/healthz", method: "GET", authorization: nil, contentType: nil)
        #expect(response.status == 200)
        #expect(response.body == #"{"status":"ok"}"#)
    }

    // MARK: Validation

    /// Each refused decision body, the status, code and field it gets.
    static let refusedDecisions: [(body: String, status: Int, code: String, field: String?)] = [
        ("{", 400, "malformed_json", nil),
        ("", 400, "malformed_json", nil),
        (#"[{"visitor_id":"v"}]"#, 400, "invalid_body", nil),
        (#""visitor""#, 400, "invalid_body", nil),
        (#"{"surface":"homepage_hero"}"#, 400, "missing_field", "visitor_id"),
        (#"{"visitor_id":"v-1"}"#, 400, "missing_field", "surface"),
        (#"{"visitor_id":42,"surface":"homepage_hero"}"#, 400, "invalid_field", "visitor_id"),
        (#"{"visitor_id":"","surface":"homepage_hero"}"#, 400, "invalid_field", "visitor_id"),
        (
            #"{"visitor_id":"\#(String(repeating: "v", count: 257))","surface":"homepage_hero"}"#, 400, "invalid_field",
            "visitor_id"
        ),
        (#"{"visitor_id":null,"surface":"homepage_hero"}"#, 400, "invalid_field", "visitor_id"),
        (#"{"visitorId":"v-1","surface":"homepage_hero"}"#, 400, "unknown_field", "visitorId"),
        (#"{"visitor_id":"v-1","surface":"homepage_hero","limit":0}"#, 400, "invalid_field", "limit"),
        (#"{"visitor_id":"v-1","surface":"homepage_hero","limit":21}"#, 400, "invalid_field", "limit"),
        (#"{"visitor_id":"v-1","surface":"homepage_hero","limit":"3"}"#, 400, "invalid_field", "limit"),
        (#"{"visitor_id":"v-1","surface":"homepage_hero","limit":2.5}"#, 400, "invalid_field", "limit"),
        (#"{"visitor_id":"v-1","surface":"homepage_hero","limit":true}"#, 400, "invalid_field", "limit"),
        (#"{"visitor_id":"v-1","surface":"homepage_hero","context":"saas"}"#, 400, "invalid_field", "context"),
        (
            #"{"visitor_id":"v-1","surface":"homepage_hero","context":{"size":250}}"#, 400, "invalid_field",
            "context.size"
        ),
        (#"{"visitor_id":"v-1","surface":"homepage_hero","context":{"a":null}}"#, 400, "invalid_field", "context.a"),
        (
            #"{"visitor_id":"v-1","surface":"homepage_hero","context":{\#((0..<33).map { "\"k\($0)\":\"v\"" }.joined(separator: ","))}}"#,
            400, "invalid_field", "context"
        ),
        (#"{"visitor_id":"v-1","surface":""}"#, 400, "invalid_field", "surface"),
        (#"{"visitor_id":"v-1","surface":"no_such_surface"}"#, 422, "unknown_surface", "surface"),
    ]

    @Test(arguments: refusedDecisions)
    func aRefusedDecisionNamesItsFieldAndStoresNothing(
        refused: (body: String, status: Int, code: String, field: String?)
    ) async {
        let fixture = ServeFixture()
        let (response, _) = await fixture.send("/v1/decisions", body: refused.body)
        #expect(response.status == refused.status)
        #expect(response.contentType == "application/json")
        let error = ServeFixture.error(response)
        #expect(error["code"] == refused.code)
        #expect(error["field"] == refused.field)
        #expect(!(error["message"] ?? "").isEmpty)
        #expect(fixture.engine.log == InMemoryDecisionEngine.Log())
        // The body was read in full: the connection can serve the next request.
        #expect(response.headers["Connection"] == nil)
        // Only the engine's own refusals (an unknown surface) reached it.
        #expect(fixture.counter.count == (refused.status == 422 ? 1 : 0))
    }

    @Test func anInvalidFieldMessageSaysWhatTheFieldAccepts() async {
        let fixture = ServeFixture()
        let (response, _) = await fixture.send(
            "/v1/decisions", body: #"{"visitor_id":"v-1","surface":"homepage_hero","limit":50}"#)
        #expect(
            response.body
                == #"{"error":{"code":"invalid_field","field":"limit","message":"limit must be an integer from 1 to 20"}}"#
        )
    }

    /// Each refused outcome body (for the fixture's first decision, `D`), the status, code and field.
    static let refusedOutcomes: [(body: String, status: Int, code: String, field: String?)] = [
        (#"{"decision_id":"D","reward":1.5}"#, 400, "invalid_field", "reward"),
        (#"{"decision_id":"D","reward":-0.01}"#, 400, "invalid_field", "reward"),
        (#"{"decision_id":"D","reward":"1"}"#, 400, "invalid_field", "reward"),
        (#"{"decision_id":"D"}"#, 400, "missing_field", "reward"),
        (#"{"reward":1}"#, 400, "missing_field", "decision_id"),
        (#"{"decision_id":"D","reward":1,"kind":"click"}"#, 400, "invalid_field", "kind"),
        (#"{"decision_id":"D","reward":1,"visitor_id":"v-42"}"#, 400, "unknown_field", "visitor_id"),
        (#"{"decision_id":"D","reward":1,"block_id":7}"#, 400, "invalid_field", "block_id"),
        (#"{"decision_id":"D","reward":1,"block_id":"never-shown"}"#, 400, "invalid_field", "block_id"),
        (#"{"decision_id":"mem-ffff","reward":1}"#, 404, "unknown_decision", "decision_id"),
    ]

    @Test(arguments: refusedOutcomes)
    func aRefusedOutcomeNamesItsFieldAndStoresNothing(
        refused: (body: String, status: Int, code: String, field: String?)
    ) async throws {
        let fixture = ServeFixture()
        _ = await fixture.send("/v1/decisions", body: Self.decisionBody)
        let before = fixture.engine.log
        let decision = try #require(before.decisions.first)
        let body = refused.body.replacingOccurrences(of: #""D""#, with: "\"\(decision.decisionID)\"")
        let (response, _) = await fixture.send("/v1/outcomes", body: body)
        #expect(response.status == refused.status)
        let error = ServeFixture.error(response)
        #expect(error["code"] == refused.code)
        #expect(error["field"] == refused.field)
        #expect(fixture.engine.log == before)
    }

    @Test func aSecondOutcomeOfTheSameKindIsAConflict() async throws {
        let fixture = ServeFixture()
        _ = await fixture.send("/v1/decisions", body: Self.decisionBody)
        let decision = try #require(fixture.engine.log.decisions.first)
        let body = #"{"decision_id":"\#(decision.decisionID)","reward":1}"#
        #expect(await fixture.send("/v1/outcomes", body: body).response.status == 202)
        let before = fixture.engine.log
        let (again, _) = await fixture.send("/v1/outcomes", body: body)
        #expect(again.status == 409)
        #expect(ServeFixture.error(again)["code"] == "duplicate_outcome")
        #expect(fixture.engine.log == before)
    }

    @Test(arguments: [nil, "text/plain", "application/x-www-form-urlencoded", "application/jsonx"] as [String?])
    func aBodyThatIsNotDeclaredJSONIsUnsupported(contentType: String?) async {
        let fixture = ServeFixture()
        let (response, bodyRead) = await fixture.send(
            "/v1/decisions", body: Self.decisionBody, contentType: contentType)
        #expect(response.status == 415)
        #expect(ServeFixture.error(response)["code"] == "unsupported_media_type")
        #expect(!bodyRead)
        #expect(fixture.engine.log == InMemoryDecisionEngine.Log())
    }

    @Test func aJSONContentTypeWithParametersIsAccepted() async {
        let fixture = ServeFixture()
        let (response, _) = await fixture.send(
            "/v1/decisions", body: Self.decisionBody, contentType: "Application/JSON; charset=utf-8")
        #expect(response.status == 200)
    }

    @Test func aBodyOverTheCapIsRefusedWhetherDeclaredOrStreamed() async {
        let fixture = ServeFixture(maxBodyBytes: 256)
        let padded =
            #"{"visitor_id":"v-1","surface":"homepage_hero","context":{"note":"\#(String(repeating: "x", count: 250))"}}"#
        // Declared by Content-Length: refused before the body is read.
        let (declared, declaredRead) = await fixture.send("/v1/decisions", body: padded)
        #expect(declared.status == 413)
        #expect(!declaredRead)
        // Chunked (no Content-Length): refused when the read passes the cap.
        let (streamed, streamedRead) = await fixture.send("/v1/decisions", body: padded, contentLength: -1)
        #expect(streamed.status == 413)
        #expect(streamedRead)
        #expect(ServeFixture.error(streamed)["code"] == "body_too_large")
        #expect(declared.headers["Connection"] == "close" && streamed.headers["Connection"] == "close")
        #expect(fixture.engine.log == InMemoryDecisionEngine.Log())
    }

    @Test func anUnknownRouteIsNotFoundAndAWrongMethodIsNotAllowed() async {
        let fixture = ServeFixture()
        let (missing, _) = await fixture.send("/v1/decide", body: Self.decisionBody)
        #expect(missing.status == 404)
        #expect(ServeFixture.error(missing)["code"] == "not_found")
        let (wrongMethod, _) = await fixture.send("/v1/decisions", method: "GET")
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers["Allow"] == "POST")
        #expect(fixture.engine.log == InMemoryDecisionEngine.Log())
    }

    @Test func aStorageFailureIsUnavailableWithoutItsDetailAndStoresNothing() async throws {
        let fixture = ServeFixture()
        _ = await fixture.send("/v1/decisions", body: Self.decisionBody)
        let before = fixture.engine.log
        let decision = try #require(before.decisions.first)
        fixture.engine.failWrites("disk full at /var/lib/revloop/decisions.sqlite")
        let (decide, _) = await fixture.send("/v1/decisions", body: Self.decisionBody)
        let (record, _) = await fixture.send(
            "/v1/outcomes", body: #"{"decision_id":"\#(decision.decisionID)","reward":1}"#)
        for response in [decide, record] {
            #expect(response.status == 503)
            #expect(ServeFixture.error(response)["code"] == "unavailable")
            #expect(!response.body.contains("/var/lib"))
        }
        #expect(fixture.engine.log == before)
    }

    // MARK: Metrics

    @Test func metricsCountRequestsByRouteAndStatusAndTimeDecisions() async {
        let fixture = ServeFixture()
        for _ in 0..<3 { _ = await fixture.send("/v1/decisions", body: Self.decisionBody) }
        _ = await fixture.send("/v1/decisions", body: "{")
        _ = await fixture.send("/v1/decisions", body: Self.decisionBody, authorization: nil)
        _ = await fixture.send("/healthz", method: "GET", authorization: nil)
        let (metrics, _) = await fixture.send("/metrics", method: "GET")
        #expect(metrics.status == 200)
        #expect(metrics.contentType == "text/plain; version=0.0.4")
        let lines = Set(metrics.body.split(separator: "\n").map(String.init))
        for expected in [
            #"revloop_serve_requests_total{route="decisions",status="200"} 3"#,
            #"revloop_serve_requests_total{route="decisions",status="400"} 1"#,
            #"revloop_serve_requests_total{route="decisions",status="401"} 1"#,
            #"revloop_serve_requests_total{route="healthz",status="200"} 1"#,
            #"revloop_serve_requests_total{route="metrics",status="200"} 1"#,
            #"revloop_serve_decision_duration_seconds_bucket{le="+Inf"} 3"#,
            "revloop_serve_decision_duration_seconds_count 3",
            "# TYPE revloop_serve_decision_duration_seconds histogram",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)")
        }
    }
}
