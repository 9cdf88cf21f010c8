internal import Foundation
public import RevloopCore
public import RevloopHTTP

/// Google Ads API answers (ad-platforms.md 1.4-1.7): per-row errors come inside one `GoogleAdsFailure` in
/// `partialFailureError.details[0].errors[]`, each mapped to its row by
/// `location.fieldPathElements[0].index` (never by counting `details`). Order ids already in use are
/// benign duplicates; `TOO_RECENT_*` rows are retried; a token not allowlisted stops the platform with
/// the advice to switch to Data Manager.
public struct GoogleAdsAnswers: PlatformAnswers {
    public var platform: Platform { .googleAds }
    public var deduplicatesResends: Bool { true }

    static let duplicates: Set<String> = [
        "ORDER_ID_ALREADY_IN_USE", "CLICK_CONVERSION_ALREADY_EXISTS", "DUPLICATE_ORDER_ID",
    ]
    static let retryable: Set<String> = ["TOO_RECENT_EVENT", "TOO_RECENT_CONVERSION_ACTION", "TOO_RECENT_CONVERSION"]

    public init() {}

    public func outcome(of response: HTTPResponse, eventCount: Int) -> RequestOutcome {
        let body = Self.json(response.body)
        if (200..<300).contains(response.status) {
            var exceptions: [Int: EventVerdict] = [:]
            let failure = body?["partialFailureError"] as? [String: Any]
            var requestID: String?
            for detail in failure?["details"] as? [[String: Any]] ?? [] {
                requestID = requestID ?? detail["requestId"] as? String
                for error in detail["errors"] as? [[String: Any]] ?? [] {
                    guard let index = Self.row(of: error), index < eventCount else { continue }
                    let code = Self.code(of: error) ?? "UNKNOWN"
                    let verdict: EventVerdict =
                        Self.duplicates.contains(code)
                        ? .accepted(duplicate: true)
                        : Self.retryable.contains(code) ? .retry(code: code) : .rejected(code: code)
                    // A row with several errors keeps the most serious one.
                    if case .rejected = exceptions[index] { continue }
                    exceptions[index] = verdict
                }
            }
            return .delivered(requestID: requestID ?? response.headers["request-id"], exceptions: exceptions)
        }
        let error = body?["error"] as? [String: Any]
        let firstError = ((error?["details"] as? [[String: Any]])?.first?["errors"] as? [[String: Any]])?.first
        let code = firstError.flatMap(Self.code(of:)) ?? error?["status"] as? String ?? "HTTP_\(response.status)"
        if code == "CUSTOMER_NOT_ALLOWLISTED_FOR_THIS_FEATURE" {
            return .stopped(
                code: code,
                advice:
                    "this developer token may not import offline conversions (closed to new adopters since 2026-06-15): switch the destination to `platform: google_data_manager`"
            )
        }
        if response.status == 429 || code.hasPrefix("RESOURCE") {
            let delay = ((firstError?["details"] as? [String: Any])?["quotaErrorDetails"] as? [String: Any])?[
                "retryDelay"]
            return .retryable(
                code: code,
                after: (delay as? String).flatMap(Self.seconds) ?? response.retryAfterSeconds.map { .seconds($0) })
        }
        return generic(response, code: code)
    }

    /// The request row an error belongs to. proto3 JSON drops default values, so the first row's
    /// `index: 0` is absent: a `conversions` element without an index is row 0, not "no row".
    static func row(of error: [String: Any]) -> Int? {
        let location = error["location"] as? [String: Any]
        guard let first = (location?["fieldPathElements"] as? [[String: Any]])?.first else { return nil }
        if let index = first["index"] as? NSNumber { return index.intValue }
        let field = first["fieldName"] as? String
        return field == "conversions" || field == "conversion_adjustments" ? 0 : nil
    }

    static func code(of error: [String: Any]) -> String? {
        (error["errorCode"] as? [String: Any])?.values.first as? String
    }

    /// A protobuf JSON duration (`"30s"`, `"1.5s"`).
    static func seconds(_ text: String) -> Duration? {
        guard text.hasSuffix("s"), let value = Double(text.dropLast()), value >= 0 else { return nil }
        return .milliseconds(Int64(value * 1000))
    }
}
