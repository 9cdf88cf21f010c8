public import RevloopCore

/// Turns planned operations into one platform's HTTP requests, in batches the platform accepts.
public protocol WireRenderer: Sendable {
    var platform: Platform { get }
    /// The most events one request may carry.
    var batchLimit: Int { get }
    /// Requests for the operations that send (`event != nil`) and belong to this platform, in order.
    func requests(for operations: [PlannedOperation], options: WireOptions) -> [WireRequest]
}

extension WireRenderer {
    /// The sending operations of this platform, grouped by `group` (first-seen order) and cut into batches.
    func batches(
        _ operations: [PlannedOperation], limit: Int? = nil, group: (ConversionEvent) -> String
    ) -> [[ConversionEvent]] {
        var order: [String] = []
        var groups: [String: [ConversionEvent]] = [:]
        for operation in operations {
            guard let event = operation.event, event.platform == platform else { continue }
            let name = group(event)
            if groups[name] == nil { order.append(name) }
            groups[name, default: []].append(event)
        }
        let size = limit ?? batchLimit
        return order.flatMap { name -> [[ConversionEvent]] in
            let events = groups[name] ?? []
            return stride(from: 0, to: events.count, by: size).map { Array(events[$0..<min($0 + size, events.count)]) }
        }
    }
}

/// The renderer for each platform.
public enum WireRenderers {
    public static func renderer(for platform: Platform) -> any WireRenderer {
        switch platform {
        case .googleDataManager: DataManagerRenderer()
        case .googleAds: GoogleAdsRenderer()
        case .meta: MetaRenderer()
        case .linkedIn: LinkedInRenderer()
        }
    }

    /// Requests for every platform, platforms in `Platform.allCases` order.
    public static func requests(for operations: [PlannedOperation], options: WireOptions) -> [WireRequest] {
        Platform.allCases.flatMap { renderer(for: $0).requests(for: operations, options: options) }
    }
}
