internal import RevloopCore
internal import RevloopStore

/// A registry entry without its model document, for `score list --format json` and `status`.
struct ScoreModelSummary: Encodable {
    var version: String
    var purpose: String
    var kind: String
    var trainedAt: String
    var windowStart: String
    var windowEnd: String
    var fingerprint: String
    var rows: Int
    var metrics: [String: Double]
    var state: String
    var stoppedReason: String?

    enum CodingKeys: String, CodingKey {
        case version, purpose, kind, fingerprint, rows, metrics, state
        case trainedAt = "trained_at"
        case windowStart = "window_start"
        case windowEnd = "window_end"
        case stoppedReason = "stopped_reason"
    }

    init(_ model: StoredModel) {
        version = model.version
        purpose = model.purpose
        kind = model.kind
        trainedAt = model.trainedAt.description
        windowStart = model.windowStart.description
        windowEnd = model.windowEnd.description
        fingerprint = model.fingerprint
        rows = model.rows
        metrics = model.metrics
        state = Self.state(of: model)
        stoppedReason = model.stoppedReason
    }

    /// `active`, `stopped` (active but feeding no values) or `inactive`.
    static func state(of model: StoredModel) -> String {
        guard model.isActive else { return "inactive" }
        return model.stoppedReason == nil ? "active" : "stopped"
    }

    /// `value` with `digits` decimals, without `String(format:)`.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale)
        var fraction = String(scaled % Int64(scale))
        while fraction.count < digits { fraction = "0" + fraction }
        return (value < 0 && scaled > 0 ? "-" : "") + "\(whole)" + (digits > 0 ? ".\(fraction)" : "")
    }
}
