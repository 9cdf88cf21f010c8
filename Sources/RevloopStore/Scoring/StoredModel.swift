public import RevloopCore

/// A trained model as the registry keeps it: what it was trained on (window, data fingerprint, rows),
/// how it measured, the model itself as its JSON document, and whether it is the one in use.
public struct StoredModel: Hashable, Sendable, Codable {
    /// `deal-win-20261129-1`: purpose, training day and a counter; unique.
    public var version: String
    /// What the model predicts (`deal_win`); one model per purpose is active.
    public var purpose: String
    /// `logistic` or `gbdt`.
    public var kind: String
    public var trainedAt: Timestamp
    /// The deals it learned from closed in [windowStart, windowEnd).
    public var windowStart: Timestamp
    public var windowEnd: Timestamp
    /// SHA-256 of the training rows and labels: the same fingerprint means the same data.
    public var fingerprint: String
    public var rows: Int
    /// Validation figures by name (`auc`, `ece`, `brier`, `log_loss`, `positives`).
    public var metrics: [String: Double]
    /// The model (encoder, parameters, calibration, drift reference) as `RevloopScoring` encodes it.
    public var document: String
    /// The training population's feature and score distributions (JSON), which drift is measured against.
    public var driftReference: String?
    public var isActive: Bool
    public var activatedAt: Timestamp?
    /// Why the model was stopped from feeding values (calibration drift past its shutdown criterion);
    /// `nil` while it may. A stopped model stays active until another is activated, so `status` shows it.
    public var stoppedReason: String?

    public init(
        version: String, purpose: String, kind: String, trainedAt: Timestamp, windowStart: Timestamp,
        windowEnd: Timestamp, fingerprint: String, rows: Int, metrics: [String: Double], document: String,
        driftReference: String? = nil, isActive: Bool = false, activatedAt: Timestamp? = nil,
        stoppedReason: String? = nil
    ) {
        self.version = version
        self.purpose = purpose
        self.kind = kind
        self.trainedAt = trainedAt
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.fingerprint = fingerprint
        self.rows = rows
        self.metrics = metrics
        self.document = document
        self.driftReference = driftReference
        self.isActive = isActive
        self.activatedAt = activatedAt
        self.stoppedReason = stoppedReason
    }
}
