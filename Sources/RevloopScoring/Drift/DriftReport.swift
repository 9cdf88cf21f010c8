/// The result of one drift check: input drift per feature, output (score) drift, calibration drift when
/// labels are known, the alarms that fired, and whether the model may keep serving.
public struct DriftReport: Sendable, Hashable, Codable {
    public let settings: DriftSettings
    /// The families of tests that ran (1 to 3); each got `settings.alpha / familyCount`.
    public let familyCount: Int
    public let referenceSize: Int
    public let currentSize: Int
    public let inputDrift: [FeatureDrift]
    public let outputDrift: OutputDrift
    /// `nil` when the batch had no outcomes.
    public let calibration: CalibrationDrift?
    public let alarms: [DriftAlarm]
    public let verdict: ServingVerdict

    /// Whether an alarm of `kind` fired.
    public func hasAlarm(_ kind: DriftAlarm.Kind) -> Bool { alarms.contains { $0.kind == kind } }
}
