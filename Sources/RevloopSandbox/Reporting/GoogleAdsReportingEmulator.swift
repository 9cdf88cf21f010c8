internal import Foundation
internal import RevloopCore
internal import RevloopHTTP

/// Google Ads API `customers/{id}/googleAds:searchStream` for a GAQL query of `campaign` between two
/// dates: one batch of results with `customer.currencyCode`, `campaign.id`/`name`, `segments.date` and
/// `metrics.costMicros` (int64 as a string), `impressions`, `clicks`.
struct GoogleAdsReportingEmulator: PlatformEmulator {
    let platform = Platform.googleAds

    func handles(path: String) -> Bool { path.contains("/customers/") && path.hasSuffix("/googleAds:searchStream") }

    func handle(_ request: HTTPRequest, path: String, context: EmulatorContext) -> HTTPResponse {
        guard context.authorizedToken(request) != nil else {
            return EmulatorJSON.response(
                401,
                [
                    [
                        "error": [
                            "code": 401, "message": "Request is missing required authentication credential.",
                            "status": "UNAUTHENTICATED",
                        ]
                    ]
                ])
        }
        guard let query = EmulatorJSON.object(request.body)?["query"] as? String,
            query.contains("FROM campaign"), let (from, through) = Self.dates(in: query)
        else {
            return EmulatorJSON.response(
                400,
                [
                    [
                        "error": [
                            "code": 400, "message": "Query error: expected FROM campaign and segments.date BETWEEN",
                            "status": "INVALID_ARGUMENT",
                        ]
                    ]
                ])
        }
        var results: [[String: Any]] = []
        for day in SandboxSpend.days(from: from, through: through) {
            for campaign in SandboxSpend.campaigns["google"] ?? [] {
                let spend = SandboxSpend.spend(campaign, on: day)
                results.append([
                    "customer": ["resourceName": "customers/1234567890", "currencyCode": "USD"],
                    "campaign": [
                        "resourceName": "customers/1234567890/campaigns/\(campaign.id)", "id": campaign.id,
                        "name": campaign.name,
                    ],
                    "segments": ["date": day.description],
                    "metrics": [
                        "costMicros": String(spend * 10_000), "impressions": String(spend / 10),
                        "clicks": String(spend / 1_000),
                    ],
                ])
            }
        }
        return EmulatorJSON.response(
            200,
            [
                [
                    "results": results,
                    "fieldMask":
                        "customer.currencyCode,campaign.id,campaign.name,segments.date,metrics.costMicros,metrics.impressions,metrics.clicks",
                    "requestId": context.requestID,
                ]
            ])
    }

    func faultResponse(_ fault: SandboxFaults.RequestFault, context: EmulatorContext) -> HTTPResponse {
        switch fault {
        case .throttled:
            EmulatorJSON.response(
                429,
                [["error": ["code": 429, "message": "Resource has been exhausted", "status": "RESOURCE_EXHAUSTED"]]],
                headers: ["retry-after": String(context.faults.shares.retryAfterSeconds)])
        default:
            EmulatorJSON.response(
                503, [["error": ["code": 503, "message": "The service is unavailable.", "status": "UNAVAILABLE"]]])
        }
    }

    /// The two dates of `segments.date BETWEEN 'YYYY-MM-DD' AND 'YYYY-MM-DD'`.
    static func dates(in query: String) -> (CalendarDay, CalendarDay)? {
        guard let between = query.range(of: "BETWEEN '") else { return nil }
        let rest = query[between.upperBound...]
        let from = rest.prefix(10)
        guard let and = rest.range(of: "' AND '") else { return nil }
        let through = rest[and.upperBound...].prefix(10)
        guard let start = CalendarDay(iso: from), let end = CalendarDay(iso: through) else { return nil }
        return (start, end)
    }
}
