internal import Foundation
internal import RevloopCore
internal import RevloopHTTP

/// LinkedIn Conversions API `POST /rest/conversionEvents` as `BATCH_CREATE` (ad-platforms.md 3.1-3.6):
/// a live `LinkedIn-Version` (426 `NONEXISTENT_VERSION` otherwise), the Rest.li headers, up to 5,000
/// events no older than 90 days, and a 422 naming each bad event as `Index: N, ERROR :: /path :: ...`.
/// LinkedIn does not deduplicate API uploads: an event sent twice is counted twice.
struct LinkedInEmulator: PlatformEmulator {
    let platform = Platform.linkedIn
    static let maxEvents = 5_000
    static let idTypes: Set<String> = [
        "SHA256_EMAIL", "LINKEDIN_FIRST_PARTY_ADS_TRACKING_UUID", "ACXIOM_ID", "ORACLE_MOAT_ID",
    ]

    func handles(path: String) -> Bool { path.hasPrefix("/rest/conversionEvents") }

    func handle(_ request: HTTPRequest, path: String, context: EmulatorContext) -> HTTPResponse {
        guard context.authorizedToken(request) != nil else {
            return EmulatorJSON.response(
                401,
                [
                    "status": 401, "serviceErrorCode": 65_600, "code": "INVALID_ACCESS_TOKEN",
                    "message": "Invalid access token",
                ])
        }
        guard let version = request.headers["linkedin-version"] else {
            return EmulatorJSON.response(
                400,
                [
                    "status": 400, "code": "VERSION_MISSING",
                    "message":
                        "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
                ])
        }
        guard Self.isLive(version: version, now: context.now) else {
            context.tally.count(platform) { $0.refusedRequests += 1 }
            return EmulatorJSON.response(
                426,
                ["status": 426, "code": "NONEXISTENT_VERSION", "message": "Requested version \(version) is not active"])
        }
        guard request.headers["x-restli-protocol-version"] == "2.0.0",
            request.headers["x-restli-method"]?.uppercased() == "BATCH_CREATE"
        else {
            return EmulatorJSON.response(
                400,
                [
                    "status": 400,
                    "message": "BATCH_CREATE needs X-RestLi-Method: BATCH_CREATE and X-Restli-Protocol-Version: 2.0.0",
                ])
        }
        guard let body = EmulatorJSON.object(request.body), let events = body["elements"] as? [[String: Any]],
            !events.isEmpty
        else {
            return EmulatorJSON.response(400, ["status": 400, "message": "elements is required"])
        }
        guard events.count <= Self.maxEvents else {
            return EmulatorJSON.response(
                422, ["status": 422, "message": "Batch size \(events.count) exceeds the maximum of \(Self.maxEvents)"])
        }
        var lines: [String] = []
        for (index, event) in events.enumerated() {
            if let (path, message) = problem(in: event, context: context) {
                lines.append("Index: \(index), ERROR :: \(path) :: \(message)")
            }
        }
        if !lines.isEmpty {
            context.tally.count(platform) {
                $0.refusedRequests += 1
                $0.refusedEvents += lines.count
            }
            return EmulatorJSON.response(422, ["status": 422, "message": lines.joined(separator: "\n")])
        }
        for event in events {
            let amount = (event["conversionValue"] as? [String: Any])?["amount"] as? String ?? ""
            context.tally.ingest(platform, id: event["eventId"] as? String ?? "", value: amount)
        }
        return EmulatorJSON.response(
            200, ["elements": Array(repeating: ["status": 201], count: events.count)],
            headers: ["x-li-uuid": context.requestID])
    }

    func faultResponse(_ fault: SandboxFaults.RequestFault, context: EmulatorContext) -> HTTPResponse {
        switch fault {
        case .throttled:
            EmulatorJSON.response(
                429, ["status": 429, "message": "Resource level throttle limit reached"],
                headers: ["retry-after": String(context.faults.shares.retryAfterSeconds)])
        default: EmulatorJSON.response(503, ["status": 503, "message": "Service unavailable"])
        }
    }

    /// Versions are `YYYYMM` and live for a year: the twelve months up to the current one.
    static func isLive(version: String, now: Timestamp) -> Bool {
        guard version.count == 6, let number = Int(version) else { return false }
        let (year, month, _) = now.utcDay.components
        let current = year * 12 + (month - 1)
        let requested = (number / 100) * 12 + (number % 100 - 1)
        return number % 100 >= 1 && number % 100 <= 12 && requested <= current && requested > current - 12
    }

    private func problem(in event: [String: Any], context: EmulatorContext) -> (String, String)? {
        guard let rule = event["conversion"] as? String, rule.hasPrefix("urn:lla:llaPartnerConversion:") else {
            return ("/conversion", "field is required but not found and has no default value")
        }
        guard let time = EmulatorJSON.integer(event["conversionHappenedAt"]) else {
            return ("/conversionHappenedAt", "field is required but not found and has no default value")
        }
        let now = context.now.millisecondsSinceEpoch
        if time > now + 60_000 { return ("/conversionHappenedAt", "conversion time is in the future") }
        if time < now - 90 * 86_400_000 { return ("/conversionHappenedAt", "conversion is older than 90 days") }
        if let value = event["conversionValue"] as? [String: Any] {
            guard value["amount"] is String else {
                return ("/conversionValue/amount", "field is required but not found and has no default value")
            }
            guard let currency = value["currencyCode"] as? String, currency.count == 3 else {
                return ("/conversionValue/currencyCode", "invalid currency code")
            }
        }
        guard let ids = (event["user"] as? [String: Any])?["userIds"] as? [[String: Any]], !ids.isEmpty else {
            return ("/user/userIds", "field is required but not found and has no default value")
        }
        for (index, id) in ids.enumerated() {
            guard let type = id["idType"] as? String, Self.idTypes.contains(type), id["idValue"] is String else {
                return ("/user/userIds/\(index)/idType", "invalid idType")
            }
            if type == "SHA256_EMAIL", !EmulatorJSON.isSHA256Hex(id["idValue"]) {
                return ("/user/userIds/\(index)/idValue", "SHA256_EMAIL must be a SHA-256 hex digest")
            }
        }
        if context.faults.isPoisoned(event["eventId"] as? String ?? "") {
            return ("/eventId", "conversion event rejected")
        }
        return nil
    }
}
