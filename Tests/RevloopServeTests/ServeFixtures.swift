import Foundation
import Logging
import RevloopPersonalization
import RevloopServe

/// An API over the in-memory twin, with one known key, and helpers to send it requests without a socket.
struct ServeFixture {
    static let key = "test-key-0123456789abcdef"
    static let otherKey = "second-key-abcdefghijklmnop"

    static let keys: APIKeys = {
        do {
            return try APIKeys.parse("\(key)\n\(otherKey)\n", source: "keys.txt")
        } catch {
            preconditionFailure("the fixture's keys parse: \(error)")
        }
    }()

    let engine = InMemoryDecisionEngine()
    let counter: CountingEngine
    let api: DecisionAPI

    init(maxBodyBytes: Int = DecisionAPI.defaultMaxBodyBytes) {
        counter = CountingEngine(inner: engine)
        api = DecisionAPI(
            engine: counter, keys: Self.keys, maxBodyBytes: maxBodyBytes,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    /// Sends `body` to `path` with the key and JSON content type unless told otherwise; `bodyRead` tells
    /// whether the API asked for the body at all.
    func send(
        _ path: String, method: String = "POST", body: String = "", authorization: String? = "Bearer \(key)",
        apiKey: String? = nil, contentType: String? = "application/json", contentLength: Int? = nil
    ) async -> (response: APIResponse, bodyRead: Bool) {
        let head = APIRequestHead(
            method: method, path: path, authorization: authorization, apiKey: apiKey, contentType: contentType,
            contentLength: contentLength ?? body.utf8.count)
        var read = false
        let response = await api.handle(head) { limit in
            read = true
            let data = Data(body.utf8)
            return data.count > limit ? nil : data
        }
        return (response, read)
    }

    /// The `error` object of a refusal's body.
    static func error(_ response: APIResponse) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
            let error = object["error"] as? [String: String]
        else { return [:] }
        return error
    }

    static func object(_ response: APIResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]) ?? [:]
    }
}

/// Counts the calls that reach the engine, so a test can say that a refused request never did.
final class CountingEngine: DecisionEngine, @unchecked Sendable {
    let inner: any DecisionEngine
    private let lock = NSLock()
    private var calls = 0

    init(inner: any DecisionEngine) { self.inner = inner }

    var count: Int { lock.withLock { calls } }

    func decide(_ request: DecisionRequest) async throws(DecisionEngineError) -> Decision {
        lock.withLock { calls += 1 }
        return try await inner.decide(request)
    }

    func record(_ outcome: DecisionOutcome) async throws(DecisionEngineError) {
        lock.withLock { calls += 1 }
        try await inner.record(outcome)
    }
}
