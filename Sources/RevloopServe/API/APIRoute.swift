/// The routes `revloop serve` answers; anything else is 404.
public enum APIRoute: String, Hashable, Sendable, CaseIterable {
    case decisions
    case outcomes
    case healthz
    case metrics

    /// The route at `path` (a query string is ignored), or nil.
    public init?(path: Substring) {
        let bare = path.firstIndex(of: "?").map { path[..<$0] } ?? path
        switch bare {
        case "/v1/decisions": self = .decisions
        case "/v1/outcomes": self = .outcomes
        case "/healthz": self = .healthz
        case "/metrics": self = .metrics
        default: return nil
        }
    }

    /// The one method the route takes.
    public var method: String {
        switch self {
        case .decisions, .outcomes: "POST"
        case .healthz, .metrics: "GET"
        }
    }

    /// Whether a request needs an API key: everything but the health check, which load balancers probe.
    public var needsKey: Bool { self != .healthz }

    /// Whether the route reads a JSON body.
    public var takesBody: Bool { method == "POST" }
}
