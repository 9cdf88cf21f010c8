internal import Foundation
internal import RevloopHTTP

/// HubSpot's error answers (crms.md 1.9): `status`, `message`, `correlationId`, `category`, and for 429s
/// `errorType: RATE_LIMIT` with the `policyName`, which the SDK's `Error` model drops.
struct HubSpotAPIError: Error {
    var status: Int
    var message: String
    var category: String
    var policyName: String?
    var retryAfterSeconds: Int?

    static func validation(_ message: String) -> HubSpotAPIError {
        HubSpotAPIError(status: 400, message: message, category: "VALIDATION_ERROR")
    }

    static func notFound(_ message: String) -> HubSpotAPIError {
        HubSpotAPIError(status: 404, message: message, category: "OBJECT_NOT_FOUND")
    }

    static let unauthorized = HubSpotAPIError(
        status: 401,
        message:
            "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
        category: "INVALID_AUTHENTICATION")

    static func rateLimited(policy: String, retryAfterSeconds: Int?) -> HubSpotAPIError {
        let limit =
            switch policy {
            case "DAILY": "daily"
            case "SECONDLY": "secondly"
            default: "ten_secondly_rolling"
            }
        return HubSpotAPIError(
            status: 429, message: "You have reached your \(limit) limit.", category: "RATE_LIMITS",
            policyName: policy, retryAfterSeconds: retryAfterSeconds)
    }

    static let serverError = HubSpotAPIError(
        status: 502, message: "The server encountered an internal error; try again", category: "INTERNAL_ERROR")

    func response(correlationID: String) -> HTTPResponse {
        var body: [String: Any] = [
            "status": "error", "message": message, "correlationId": correlationID, "category": category,
        ]
        var headers: [String: String] = [:]
        if let policyName {
            body["errorType"] = "RATE_LIMIT"
            body["policyName"] = policyName
        }
        if let retryAfterSeconds { headers["Retry-After"] = String(retryAfterSeconds) }
        return EmulatorJSON.response(status, body, headers: headers)
    }

    /// What Cloudflare answers in front of HubSpot for a token in the wrong format: 530, not JSON.
    static func malformedToken() -> HTTPResponse {
        HTTPResponse(
            status: 530, headers: ["content-type": "text/plain; charset=UTF-8"], body: Data("error code: 1016".utf8))
    }
}
