internal import Foundation
internal import RevloopHTTP

/// Salesforce's REST error answers (crms.md 2.7): a JSON array of `{"message", "errorCode"}` (with
/// `fields` for field errors); throttling is 403 `REQUEST_LIMIT_EXCEEDED`, without `Retry-After`.
struct SalesforceAPIError: Error {
    var status: Int
    var errorCode: String
    var message: String
    var fields: [String]?

    static func malformedQuery(_ detail: String) -> SalesforceAPIError {
        SalesforceAPIError(status: 400, errorCode: "MALFORMED_QUERY", message: "unexpected token: \(detail)")
    }

    static func invalidField(_ field: String, object: String) -> SalesforceAPIError {
        SalesforceAPIError(
            status: 400, errorCode: "INVALID_FIELD",
            message:
                "No such column '\(field)' on entity '\(object)'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
            fields: [field])
    }

    static func invalidType(_ object: String) -> SalesforceAPIError {
        SalesforceAPIError(
            status: 400, errorCode: "INVALID_TYPE",
            message: "sObject type '\(object)' is not supported. Please reference your WSDL or the describe call.")
    }

    static func invalidFilter(_ field: String) -> SalesforceAPIError {
        SalesforceAPIError(
            status: 400, errorCode: "INVALID_QUERY_FILTER_OPERATOR",
            message:
                "value of filter criterion for field '\(field)' must be of the field's type and should not be enclosed in quotes"
        )
    }

    static func notFound(_ message: String) -> SalesforceAPIError {
        SalesforceAPIError(status: 404, errorCode: "NOT_FOUND", message: message)
    }

    static let invalidSession = SalesforceAPIError(
        status: 401, errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid")

    static let requestLimitExceeded = SalesforceAPIError(
        status: 403, errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded.")

    static let concurrentLimitExceeded = SalesforceAPIError(
        status: 403, errorCode: "REQUEST_LIMIT_EXCEEDED", message: "ConcurrentPerOrgLongTxn Limit exceeded.")

    /// Status 400 is **unverified** (crms.md 2.9).
    static let queryTimeout = SalesforceAPIError(
        status: 400, errorCode: "QUERY_TIMEOUT", message: "Your query request was running for too long.")

    static let serverUnavailable = SalesforceAPIError(
        status: 503, errorCode: "SERVER_UNAVAILABLE", message: "Server temporarily unavailable; try again")

    func response(headers: [String: String] = [:]) -> HTTPResponse {
        var entry: [String: Any] = ["message": message, "errorCode": errorCode]
        if let fields { entry["fields"] = fields }
        return EmulatorJSON.response(status, [entry], headers: headers)
    }
}
