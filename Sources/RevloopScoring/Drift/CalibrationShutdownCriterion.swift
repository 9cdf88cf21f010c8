/// When a model's calibration has drifted too far for its probabilities to be sent as conversion values.
///
/// Both conditions must hold: the ECE alarm fired (the error is more than chance on a batch this size)
/// and the ECE exceeds `maximumExpectedCalibrationError` (the error matters in money: an ECE of 0.02
/// on a 5% base rate misprices a typical open deal by a third or more). Significance alone would stop a
/// model over a negligible error on a huge batch; size alone would stop it on any small noisy batch.
public struct CalibrationShutdownCriterion: Sendable, Hashable, Codable {
    public var maximumExpectedCalibrationError: Double

    public init(maximumExpectedCalibrationError: Double = 0.02) {
        self.maximumExpectedCalibrationError = maximumExpectedCalibrationError
    }
}
