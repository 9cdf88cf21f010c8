internal import Foundation
internal import RevloopCore
internal import RevloopHTTP
internal import Synchronization

/// Google Data Manager API: `POST /v1/events:ingest` and `GET /v1/requestStatus:retrieve`
/// (ad-platforms.md 1.13). Fast-fail: one invalid event fails the request with a 400 whose
/// `google.rpc.BadRequest` names each bad event as `events[N]`; nothing of that request is ingested.
/// Processing outcomes (duplicate transaction ids) come later, from `requestStatus:retrieve`.
final class DataManagerEmulator: PlatformEmulator {
    let platform = Platform.googleDataManager
    static let maxEvents = 2_000
    /// Per request id: events ingested and duplicates seen, for `requestStatus:retrieve`.
    private let statuses = Mutex([String: (records: Int, duplicates: Int)]())

    func handles(path: String) -> Bool { path.hasPrefix("/v1/events:ingest") || path.hasPrefix("/v1/requestStatus") }

    func handle(_ request: HTTPRequest, path: String, context: EmulatorContext) -> HTTPResponse {
        guard context.authorizedToken(request) != nil else {
            return Self.error(401, "UNAUTHENTICATED", "Request is missing required authentication credential.")
        }
        if path.hasPrefix("/v1/requestStatus") { return status(request) }
        guard request.method == "POST" else { return Self.error(404, "NOT_FOUND", "Unknown method.") }
        guard let body = EmulatorJSON.object(request.body) else {
            return Self.error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.")
        }
        guard let destinations = body["destinations"] as? [[String: Any]], let destination = destinations.first,
            let account = destination["operatingAccount"] as? [String: Any], account["accountId"] is String,
            destination["productDestinationId"] is String
        else {
            return Self.error(
                400, "INVALID_ARGUMENT", "destinations[0] needs operatingAccount.accountId and productDestinationId.")
        }
        guard let events = body["events"] as? [[String: Any]], !events.isEmpty else {
            return Self.error(400, "INVALID_ARGUMENT", "events must not be empty.")
        }
        guard events.count <= Self.maxEvents else {
            return Self.error(
                400, "INVALID_ARGUMENT", "Too many events: \(events.count) > \(Self.maxEvents).",
                reason: "TOO_MANY_EVENTS")
        }
        var violations: [[String: String]] = []
        for (index, event) in events.enumerated() {
            if let (field, reason) = Self.violation(in: event, context: context) {
                violations.append(["field": "events[\(index)].\(field)", "reason": reason, "description": reason])
            }
        }
        if !violations.isEmpty {
            context.tally.count(platform) { $0.refusedRequests += 1 }
            context.tally.count(platform) { $0.refusedEvents += violations.count }
            return EmulatorJSON.response(
                400,
                [
                    "error": [
                        "code": 400, "status": "INVALID_ARGUMENT",
                        "message": "Request contains an invalid argument: \(violations[0]["reason"] ?? "").",
                        "details": [
                            [
                                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                "reason": violations[0]["reason"] ?? "", "domain": "datamanager.googleapis.com",
                            ],
                            ["@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": violations],
                        ],
                    ] as [String: Any]
                ])
        }
        if body["validateOnly"] as? Bool == true {
            context.tally.count(platform) { $0.test += events.count }
            return EmulatorJSON.response(200, ["requestId": context.requestID])
        }
        var duplicates = 0
        for event in events {
            let id = event["transactionId"] as? String ?? ""
            let value = EmulatorJSON.numberText(event["conversionValue"]) ?? ""
            if context.tally.ingest(platform, id: id, value: value) == .duplicate { duplicates += 1 }
        }
        statuses.withLock { $0[context.requestID] = (events.count, duplicates) }
        return EmulatorJSON.response(200, ["requestId": context.requestID])
    }

    func faultResponse(_ fault: SandboxFaults.RequestFault, context: EmulatorContext) -> HTTPResponse {
        switch fault {
        case .throttled:
            Self.error(
                429, "RESOURCE_EXHAUSTED", "Quota exceeded.",
                headers: ["retry-after": String(context.faults.shares.retryAfterSeconds)])
        default: Self.error(503, "UNAVAILABLE", "The service is currently unavailable.")
        }
    }

    private func status(_ request: HTTPRequest) -> HTTPResponse {
        let id = EmulatorJSON.query(request.url)["requestId"] ?? ""
        guard let status = statuses.withLock({ $0[id] }) else {
            return Self.error(404, "NOT_FOUND", "No request with id '\(id)'.")
        }
        var destination: [String: Any] = [
            "requestStatus": status.duplicates == 0 ? "SUCCESS" : "PARTIAL_SUCCESS",
            "eventsIngestionStatus": ["recordCount": String(status.records)],
        ]
        if status.duplicates > 0 {
            destination["errorInfo"] = [
                "errorCounts": [
                    [
                        "recordCount": String(status.duplicates),
                        "reason": "PROCESSING_ERROR_REASON_DUPLICATE_TRANSACTION_ID",
                    ]
                ]
            ]
        }
        return EmulatorJSON.response(200, ["requestStatusPerDestination": [destination]])
    }

    /// The first problem with one event, as (field path, Data Manager error reason).
    static func violation(in event: [String: Any], context: EmulatorContext) -> (String, String)? {
        guard let id = event["transactionId"] as? String, !id.isEmpty else {
            return ("transactionId", "INVALID_ARGUMENT")
        }
        guard let time = (event["eventTimestamp"] as? String).flatMap({ RFC3339.parse($0) }) else {
            return ("eventTimestamp", "EVENT_TIME_INVALID")
        }
        if time > context.now.adding(milliseconds: 300_000) { return ("eventTimestamp", "EVENT_TIME_INVALID") }
        if let currency = event["currency"] as? String {
            guard currency.count == 3, currency.allSatisfy(\.isUppercase) else {
                return ("currency", "INVALID_CURRENCY_CODE")
            }
        }
        if event["conversionValue"] != nil, EmulatorJSON.numberText(event["conversionValue"]) == nil {
            return ("conversionValue", "INVALID_ARGUMENT")
        }
        let identifiers = (event["userData"] as? [String: Any])?["userIdentifiers"] as? [[String: Any]] ?? []
        for (index, identifier) in identifiers.enumerated() {
            for name in ["emailAddress", "phoneNumber"] where identifier[name] != nil {
                if !EmulatorJSON.isSHA256Hex(identifier[name]) {
                    return ("userData.userIdentifiers[\(index)].\(name)", "INVALID_SHA256_FORMAT")
                }
            }
            if let address = identifier["address"] as? [String: Any] {
                for name in ["givenName", "familyName"] where !EmulatorJSON.isSHA256Hex(address[name]) {
                    return ("userData.userIdentifiers[\(index)].address.\(name)", "INVALID_SHA256_FORMAT")
                }
            }
        }
        let clicks = event["adIdentifiers"] as? [String: Any] ?? [:]
        if identifiers.isEmpty && clicks.isEmpty { return ("userData", "INVALID_ARGUMENT") }
        if let consent = event["consent"] as? [String: Any] {
            for (name, value) in consent where !["CONSENT_GRANTED", "CONSENT_DENIED"].contains(value as? String ?? "") {
                return ("consent.\(name)", "INVALID_ARGUMENT")
            }
        }
        if context.faults.isPoisoned(id) { return ("transactionId", "INVALID_EVENT") }
        return nil
    }

    static func error(
        _ code: Int, _ status: String, _ message: String, reason: String? = nil, headers: [String: String] = [:]
    ) -> HTTPResponse {
        var error: [String: Any] = ["code": code, "status": status, "message": message]
        if let reason {
            error["details"] = [
                [
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason,
                    "domain": "datamanager.googleapis.com",
                ]
            ]
        }
        return EmulatorJSON.response(code, ["error": error], headers: headers)
    }
}
