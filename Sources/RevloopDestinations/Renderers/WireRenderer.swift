public import RevloopCore

/// Turns planned operations into one platform's HTTP requests, in batches the platform accepts.
///
/// A renderer says which operations share a request (`group`), opens and closes a request body around
/// its events, and writes one event; `WireBatcher` does the batching, so requests can be produced while
/// operations stream in, never holding more than one open batch per group.
public protocol WireRenderer: Sendable {
    var platform: Platform { get }
    /// The most events one request may carry.
    var batchLimit: Int { get }
    /// Operations with the same group go in the same requests (account, target, endpoint).
    func group(of event: ConversionEvent, action: PlannedOperation.Action) -> String
    /// Starts the body of a request whose first event is `first` (sent as `action`), leaving the events
    /// array open; returns the request's URL and headers.
    func open(
        _ first: ConversionEvent, action: PlannedOperation.Action, options: WireOptions, into json: inout JSONWriter
    ) -> (url: String, headers: [WireRequest.Header])
    /// Writes one operation's event into the open events array.
    func write(_ operation: PlannedOperation, options: WireOptions, into json: inout JSONWriter)
    /// Closes the events array and the body.
    func close(options: WireOptions, into json: inout JSONWriter)
}

extension WireRenderer {
    public func close(options: WireOptions, into json: inout JSONWriter) {
        json.endArray()
        json.endObject()
    }

    /// Requests for the operations that send and belong to this platform.
    public func requests(for operations: [PlannedOperation], options: WireOptions) -> [WireRequest] {
        var batcher = WireBatcher(options: options, renderers: [self])
        var requests: [WireRequest] = []
        for operation in operations { requests += batcher.add(operation) }
        return requests + batcher.finish()
    }
}
