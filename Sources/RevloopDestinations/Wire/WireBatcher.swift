public import RevloopCore

/// Cuts a stream of planned operations into requests: one open batch per platform and group, written
/// as events arrive, handed back the moment it is full. Memory is one batch per group, not the plan.
public struct WireBatcher {
    private struct OpenBatch {
        var json: JSONWriter
        var url: String
        var headers: [WireRequest.Header]
        var keys: [DedupKey]
    }

    private let options: WireOptions
    private let renderers: [Platform: any WireRenderer]
    private var open: [String: OpenBatch] = [:]
    private var order: [String] = []

    /// A batcher for `renderers` (every platform's by default).
    public init(options: WireOptions, renderers: [any WireRenderer]? = nil) {
        self.options = options
        let list = renderers ?? Platform.allCases.map(WireRenderers.renderer(for:))
        self.renderers = Dictionary(list.map { ($0.platform, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Adds an operation; returns the request it completed, if any. Operations that send nothing, or for
    /// a platform without a renderer here, are ignored.
    public mutating func add(_ operation: PlannedOperation) -> [WireRequest] {
        guard let event = operation.event, let renderer = renderers[event.platform] else { return [] }
        let name = Self.groupName(event, operation.action, renderer)
        // Moved out and back in: the batch's bytes are never copied.
        var batch: OpenBatch
        if let existing = open.removeValue(forKey: name) {
            batch = existing
        } else {
            var json = JSONWriter(capacity: 256 * 1024)
            let (url, headers) = renderer.open(event, action: operation.action, options: options, into: &json)
            batch = OpenBatch(json: json, url: url, headers: headers, keys: [])
            order.append(name)
        }
        renderer.write(operation, options: options, into: &batch.json)
        batch.keys.append(operation.key)
        guard batch.keys.count >= Self.limit(renderer, options) else {
            open[name] = batch
            return []
        }
        order.removeAll { $0 == name }
        return [close(batch, renderer: renderer)]
    }

    /// The requests of every batch still open, in the order their groups first appeared.
    public mutating func finish() -> [WireRequest] {
        let names = order
        order = []
        return names.compactMap { name in
            guard let batch = open.removeValue(forKey: name),
                let platform = Platform(rawValue: String(name.prefix { $0 != "|" })), let renderer = renderers[platform]
            else { return nil }
            return close(batch, renderer: renderer)
        }
    }

    static func groupName(_ event: ConversionEvent, _ action: PlannedOperation.Action, _ renderer: any WireRenderer)
        -> String
    {
        "\(event.platform.rawValue)|\(renderer.group(of: event, action: action))"
    }

    static func limit(_ renderer: any WireRenderer, _ options: WireOptions) -> Int {
        min(renderer.batchLimit, options.batchSize ?? .max)
    }

    /// The batches `add` and `finish` would make of `operations`, without rendering them: delivery cuts
    /// its batches first and renders each when it sends it (and again for the halves of a split).
    public static func batches(
        of operations: [PlannedOperation], renderer: any WireRenderer, options: WireOptions
    ) -> [[PlannedOperation]] {
        var open: [String: [PlannedOperation]] = [:]
        var order: [String] = []
        var batches: [[PlannedOperation]] = []
        let limit = limit(renderer, options)
        for operation in operations {
            guard let event = operation.event, event.platform == renderer.platform else { continue }
            let name = groupName(event, operation.action, renderer)
            if open[name] == nil { order.append(name) }
            open[name, default: []].append(operation)
            if open[name]?.count ?? 0 >= limit, let full = open.removeValue(forKey: name) {
                batches.append(full)
                order.removeAll { $0 == name }
            }
        }
        return batches + order.compactMap { open[$0] }
    }

    private func close(_ batch: OpenBatch, renderer: any WireRenderer) -> WireRequest {
        var json = batch.json
        renderer.close(options: options, into: &json)
        return WireRequest(
            platform: renderer.platform, method: "POST", url: batch.url, headers: batch.headers, body: json.bytes,
            keys: batch.keys)
    }
}
