public import RevloopCore

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

    /// Requests for every platform: full batches as they fill, then the rest in first-seen order.
    public static func requests(for operations: [PlannedOperation], options: WireOptions) -> [WireRequest] {
        var batcher = WireBatcher(options: options)
        var requests: [WireRequest] = []
        for operation in operations { requests += batcher.add(operation) }
        return requests + batcher.finish()
    }
}
