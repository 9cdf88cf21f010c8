import Foundation
import RevloopCore
import RevloopDestinations
import RevloopHTTP
import Testing

/// Each platform's answers read as its documentation shows them (ad-platforms.md).
@Suite struct PlatformAnswersTests {
    static func response(_ status: Int, _ json: String, headers: [String: String] = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Data(json.utf8))
    }

    @Test func googleAdsPartialFailureMapsEachErrorToItsRowByIndexNotByCountingDetails() {
        // The shape of ad-platforms.md 1.4: one GoogleAdsFailure, errors located by fieldPathElements[0].index,
        // and row 0's index dropped, as proto3 JSON drops default values.
        let body = """
            {"partialFailureError": {"code": 3, "message": "...",
               "details": [{"@type": "type.googleapis.com/google.ads.googleads.v26.errors.GoogleAdsFailure",
                 "errors": [
                   {"errorCode": {"conversionUploadError": "EXPIRED_EVENT"}, "message": "...",
                    "location": {"fieldPathElements": [{"fieldName": "conversions", "index": 1},
                                                       {"fieldName": "user_identifiers", "index": 0}]}},
                   {"errorCode": {"conversionUploadError": "ORDER_ID_ALREADY_IN_USE"},
                    "location": {"fieldPathElements": [{"fieldName": "conversions", "index": 3}]}},
                   {"errorCode": {"conversionUploadError": "TOO_RECENT_EVENT"},
                    "location": {"fieldPathElements": [{"fieldName": "conversions"}]}}],
                 "requestId": "abc"}]},
             "results": [{}, {}, {"gclid": "g2"}, {}], "jobId": "42"}
            """
        let outcome = GoogleAdsAnswers().outcome(of: Self.response(200, body), eventCount: 4)
        #expect(
            outcome
                == .delivered(
                    requestID: "abc",
                    exceptions: [
                        1: .rejected(code: "EXPIRED_EVENT"), 3: .accepted(duplicate: true),
                        0: .retry(code: "TOO_RECENT_EVENT"),
                    ]))
    }

    @Test func googleAdsNotAllowlistedAdvisesDataManagerAndQuotaHonoursRetryDelay() {
        let refused = """
            {"error": {"code": 403, "status": "PERMISSION_DENIED", "details": [{"errors": [
              {"errorCode": {"notAllowlistedError": "CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE"}}]}]}}
            """
        guard
            case .stopped(let code, let advice) = GoogleAdsAnswers().outcome(
                of: Self.response(403, refused), eventCount: 1)
        else {
            Issue.record("expected a stop")
            return
        }
        #expect(code == "CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE" && advice.contains("google_data_manager"))
        let quota = """
            {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED", "details": [{"errors": [
              {"errorCode": {"quotaError": "RESOURCE_TEMPORARILY_EXHAUSTED"},
               "details": {"quotaErrorDetails": {"rateScope": "ACCOUNT", "retryDelay": "30s"}}}]}]}}
            """
        #expect(
            GoogleAdsAnswers().outcome(of: Self.response(429, quota), eventCount: 1)
                == .retryable(code: "RESOURCE_TEMPORARILY_EXHAUSTED", after: .seconds(30)))
    }

    @Test func dataManagerFastFailNamesTheBadEventsByTheirFieldPaths() {
        let body = """
            {"error": {"code": 400, "status": "INVALID_ARGUMENT", "details": [
              {"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [
                {"field": "events[7].userData.userIdentifiers[0].emailAddress", "reason": "INVALID_SHA256_FORMAT"},
                {"field": "events[12].eventTimestamp", "reason": "EVENT_TIME_INVALID"}]}]}}
            """
        #expect(
            DataManagerAnswers().outcome(of: Self.response(400, body), eventCount: 20)
                == .refused(code: "INVALID_ARGUMENT", located: [7: "INVALID_SHA256_FORMAT", 12: "EVENT_TIME_INVALID"]))
        #expect(
            DataManagerAnswers().outcome(of: Self.response(503, "{}", headers: ["Retry-After": "7"]), eventCount: 1)
                == .retryable(code: "HTTP_503", after: .seconds(7)))
    }

    @Test func metaTransientAndThrottlingCodesAreRetriedWhateverTheStatus() {
        let throttled = #"{"error": {"message": "User request limit reached", "code": 17, "is_transient": true}}"#
        #expect(
            MetaAnswers().outcome(of: Self.response(400, throttled), eventCount: 3)
                == .retryable(code: "GRAPH_17", after: nil))
        let invalid = #"{"error": {"message": "Invalid parameter", "code": 100, "error_subcode": 2804003}}"#
        #expect(
            MetaAnswers().outcome(of: Self.response(400, invalid), eventCount: 3)
                == .refused(code: "GRAPH_100_2804003", located: [:]))
        #expect(
            MetaAnswers().outcome(of: Self.response(400, #"{"error": {"code": 190}}"#), eventCount: 1)
                == .unauthorized(code: "GRAPH_190"))
    }

    @Test func linkedIn422LinesLocateTheBadEventsAnd426StopsWithWhatToChange() {
        let body = #"""
            {"status": 422, "message": "Index: 0, ERROR :: /conversionValue/amount :: field is required\nIndex: 4, ERROR :: /user/userIds :: field is required"}
            """#
        #expect(
            LinkedInAnswers().outcome(of: Self.response(422, body), eventCount: 5)
                == .refused(
                    code: "HTTP_422", located: [0: "INVALID /conversionValue/amount", 4: "INVALID /user/userIds"]))
        let retired =
            #"{"status": 426, "code": "NONEXISTENT_VERSION", "message": "Requested version 202401 is not active"}"#
        guard
            case .stopped(let code, let advice) = LinkedInAnswers().outcome(
                of: Self.response(426, retired), eventCount: 1)
        else {
            Issue.record("a retired version stops the platform")
            return
        }
        #expect(code == "NONEXISTENT_VERSION" && advice.contains("api_version"))
    }

    @Test func resumingTellsAnInterruptedRestatementFromAFirstUploadAndHoldsLinkedInInDoubt() {
        func entry(_ key: String, _ platform: Platform, _ state: LedgerEntry.State, held: Int64?) -> LedgerEntry {
            LedgerEntry(
                key: DedupKey(rawValue: key), platform: platform, goal: "g", connector: "crm", dealID: "d",
                stageID: "s",
                state: state, value: Money(minorUnits: 500, currency: .usd),
                updatedAt: Timestamp(millisecondsSinceEpoch: 0),
                heldBefore: held.map { Money(minorUnits: $0, currency: .usd) })
        }
        let entries = [
            entry("first", .meta, .sending, held: nil), entry("restate", .googleDataManager, .sending, held: 300),
            entry("linkedin", .linkedIn, .sending, held: nil), entry("retry", .linkedIn, .retrying, held: nil),
            entry("done", .meta, .accepted, held: nil),
        ]
        let view = DeliveryResume.view(
            of: Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0) }), resendInDoubt: false,
            now: Timestamp(millisecondsSinceEpoch: 1))
        func key(_ name: String) -> DedupKey { DedupKey(rawValue: name) }
        #expect(view.ledger[key("first")] == nil && view.ledger[key("retry")] == nil)
        #expect(view.ledger[key("restate")]?.state == .accepted && view.ledger[key("restate")]?.value.minorUnits == 300)
        #expect(view.ledger[key("linkedin")]?.state == .deadLetter && view.inDoubt.map(\.key) == [key("linkedin")])
        #expect(view.inDoubt.first?.lastCode == "IN_DOUBT" && view.ledger[key("done")]?.state == .accepted)
    }
}
