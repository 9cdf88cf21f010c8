internal import Foundation
internal import RevloopCore
internal import RevloopHTTP

/// What an emulator needs besides the request: the sandbox's clock, its tally and faults, and the id it
/// gives this request.
struct EmulatorContext {
    let now: Timestamp
    let tally: SandboxTally
    let faults: SandboxFaults
    let requestID: String
    /// Whether a bearer token is accepted now (tokens the OAuth emulator issued expire).
    let acceptsToken: @Sendable (String) -> Bool

    /// The request's bearer token, when it has one the platform accepts.
    func authorizedToken(_ request: HTTPRequest) -> String? {
        EmulatorJSON.bearer(request).flatMap { acceptsToken($0) ? $0 : nil }
    }
}

/// One ad platform's API, as the sandbox emulates it: it validates as the platform does and answers in
/// the platform's documented shapes (ad-platforms.md).
protocol PlatformEmulator: Sendable {
    var platform: Platform { get }
    /// Whether the request's path belongs to this API.
    func handles(path: String) -> Bool
    func handle(_ request: HTTPRequest, path: String, context: EmulatorContext) -> HTTPResponse
    /// The answer to a fault the sandbox injects before the request is handled.
    func faultResponse(_ fault: SandboxFaults.RequestFault, context: EmulatorContext) -> HTTPResponse
}

/// JSON in and out for the emulators (speed matters less here than in the client: they are the test).
enum EmulatorJSON {
    static func object(_ body: Data?) -> [String: Any]? {
        guard let body, !body.isEmpty else { return nil }
        return (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
    }

    static func response(_ status: Int, _ object: Any, headers: [String: String] = [:]) -> HTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        var headers = headers
        headers["content-type"] = "application/json"
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// Lower-case 64-character hex: what a SHA-256 must look like on every platform.
    static func isSHA256Hex(_ value: Any?) -> Bool {
        guard let text = value as? String, text.utf8.count == 64 else { return false }
        return text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The bearer token, when the request carries a non-empty one.
    static func bearer(_ request: HTTPRequest) -> String? {
        guard let header = request.headers["authorization"], header.hasPrefix("Bearer ") else { return nil }
        let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// A JSON number as exact decimal text (values are compared as text, never as floating point sums).
    static func numberText(_ value: Any?) -> String? {
        guard let number = value as? NSNumber, !(value is Bool) else { return nil }
        return number.stringValue
    }

    static func integer(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber, !(value is Bool) else { return nil }
        let double = number.doubleValue
        guard double == double.rounded(), abs(double) < 9e15 else { return nil }
        return number.int64Value
    }

    static func query(_ url: URL) -> [String: String] {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
    }
}
