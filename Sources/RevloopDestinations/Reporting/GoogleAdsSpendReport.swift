internal import Foundation
public import RevloopCore
internal import RevloopHTTP

/// Google Ads API reporting: `POST /{version}/customers/{id}/googleAds:searchStream` with a GAQL query of
/// `campaign` by `segments.date`. The answer is a JSON array of batches, each with `results`; cost comes as
/// `metrics.costMicros` (an int64, so a string) in the account's `customer.currencyCode`.
public struct GoogleAdsSpendReport: SpendReport {
    public let channel = "google"
    public var client: ReportingClient
    public var baseURL: String
    public var version: String

    public init(client: ReportingClient, baseURL: String? = nil, version: String = "v26") {
        self.client = client
        self.baseURL = baseURL ?? "https://googleads.googleapis.com"
        self.version = version
    }

    public func spend(account: String, from: CalendarDay, through: CalendarDay) async throws(SpendReportError)
        -> [SpendRow]
    {
        let customer = account.filter(\.isNumber)
        guard !customer.isEmpty,
            let url = URL(string: "\(baseURL)/\(version)/customers/\(customer)/googleAds:searchStream")
        else { throw SpendReportError("google: '\(account)' is not a Google Ads customer id (123-456-7890)") }
        let query =
            "SELECT customer.currency_code, campaign.id, campaign.name, segments.date, metrics.cost_micros, "
            + "metrics.impressions, metrics.clicks FROM campaign "
            + "WHERE segments.date BETWEEN '\(from)' AND '\(through)' ORDER BY segments.date"
        let body = (try? JSONSerialization.data(withJSONObject: ["query": query])) ?? Data()
        let request = HTTPRequest(
            method: "POST", url: url, headers: ["Content-Type": "application/json"], body: body)
        guard let batches = try await client.json(request, what: "google spend") as? [[String: Any]] else {
            throw SpendReportError("google spend: the answer is not an array of result batches")
        }
        var rows: [SpendRow] = []
        for result in batches.flatMap({ $0["results"] as? [[String: Any]] ?? [] }) {
            let campaign = result["campaign"] as? [String: Any]
            let metrics = result["metrics"] as? [String: Any] ?? [:]
            guard let dayText = (result["segments"] as? [String: Any])?["date"] as? String,
                let day = CalendarDay(iso: dayText),
                let code = (result["customer"] as? [String: Any])?["currencyCode"] as? String,
                let currency = CurrencyCode(code),
                let micros = Self.integer(metrics["costMicros"])
            else { throw SpendReportError("google spend: a result without date, currency or cost") }
            rows.append(
                SpendRow(
                    day: day, channel: channel,
                    campaign: campaign?["name"] as? String ?? (campaign?["id"] as? String ?? "?"),
                    spend: Money(minorUnits: Self.minorUnits(micros: micros, currency: currency), currency: currency),
                    impressions: Self.integer(metrics["impressions"]) ?? 0,
                    clicks: Self.integer(metrics["clicks"]) ?? 0,
                    campaignID: Self.integer(campaign?["id"]).map(String.init)))
        }
        return rows
    }

    /// Micros (millionths of the unit) to minor units, rounded half up.
    public static func minorUnits(micros: Int64, currency: CurrencyCode) -> Int64 {
        var divisor: Int64 = 1_000_000
        for _ in 0..<currency.minorUnitDigits { divisor /= 10 }
        return (micros + divisor / 2) / divisor
    }

    /// proto3 JSON writes int64 as a string; a number is accepted too.
    static func integer(_ value: Any?) -> Int64? {
        if let text = value as? String { return Int64(text) }
        return (value as? NSNumber).map(\.int64Value)
    }
}
