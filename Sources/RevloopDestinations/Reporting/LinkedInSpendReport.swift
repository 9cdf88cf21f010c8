internal import Foundation
public import RevloopCore
internal import RevloopHTTP

/// LinkedIn Marketing API ad analytics: `GET /rest/adAnalytics?q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY`
/// for one sponsored account, `costInLocalCurrency` a decimal string in the account's currency (read from
/// `GET /rest/adAccounts/{id}`), the campaign as the URN in `pivotValues`. Rest.li 2.0 query syntax.
public struct LinkedInSpendReport: SpendReport {
    public let channel = "linkedin"
    public var client: ReportingClient
    public var baseURL: String
    public var version: String

    public init(client: ReportingClient, baseURL: String? = nil, version: String = "202611") {
        self.client = client
        self.baseURL = baseURL ?? "https://api.linkedin.com"
        self.version = version
    }

    var headers: [String: String] { ["LinkedIn-Version": version, "X-Restli-Protocol-Version": "2.0.0"] }

    public func spend(account: String, from: CalendarDay, through: CalendarDay) async throws(SpendReportError)
        -> [SpendRow]
    {
        let id = account.split(separator: ":").last.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber), let accountURL = URL(string: "\(baseURL)/rest/adAccounts/\(id)")
        else {
            throw SpendReportError("linkedin: '\(account)' is not a sponsored account (urn:li:sponsoredAccount:123)")
        }
        guard
            let details = try await client.json(
                HTTPRequest(method: "GET", url: accountURL, headers: headers), what: "linkedin account")
                as? [String: Any],
            let code = details["currency"] as? String, let currency = CurrencyCode(code)
        else { throw SpendReportError("linkedin: the ad account \(id) names no currency") }
        func date(_ day: CalendarDay) -> String {
            let (year, month, dayOfMonth) = day.components
            return "(year:\(year),month:\(month),day:\(dayOfMonth))"
        }
        let query =
            "q=analytics&pivot=CAMPAIGN&timeGranularity=DAILY&dateRange=(start:\(date(from)),end:\(date(through)))"
            + "&accounts=List(urn%3Ali%3AsponsoredAccount%3A\(id))"
            + "&fields=costInLocalCurrency,impressions,clicks,dateRange,pivotValues"
        guard let url = URL(string: "\(baseURL)/rest/adAnalytics?\(query)"),
            let page = try await client.json(
                HTTPRequest(method: "GET", url: url, headers: headers), what: "linkedin spend") as? [String: Any]
        else { throw SpendReportError("linkedin spend: the answer is not an object") }
        return try (page["elements"] as? [[String: Any]] ?? []).map { element throws(SpendReportError) in
            guard let start = (element["dateRange"] as? [String: Any])?["start"] as? [String: Any],
                let year = start["year"] as? Int, let month = start["month"] as? Int,
                let dayOfMonth = start["day"] as? Int,
                let day = CalendarDay(year: year, month: month, day: dayOfMonth),
                let costText = element["costInLocalCurrency"] as? String,
                let cost = Money(decimal: costText, currency: currency)
            else { throw SpendReportError("linkedin spend: an element without dateRange or costInLocalCurrency") }
            // The pivot value is the campaign's URN (`urn:li:sponsoredCampaign:3001`); its last part is the id.
            let urn = (element["pivotValues"] as? [String])?.first
            return SpendRow(
                day: day, channel: channel, campaign: urn ?? "?", spend: cost,
                impressions: (element["impressions"] as? NSNumber)?.int64Value ?? 0,
                clicks: (element["clicks"] as? NSNumber)?.int64Value ?? 0,
                campaignID: urn.flatMap { $0.split(separator: ":").last.map(String.init) })
        }
    }
}
