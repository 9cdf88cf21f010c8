/// How often each alarm fires on random batches of one population: on an in-distribution population this
/// is the false-alarm rate, which the monitor's `alpha` should hold at or under alpha.
public struct FalseAlarmStudy: Sendable, Hashable, Codable {
    public let batches: Int
    public let batchSize: Int
    /// Share of batches on which at least one alarm of each kind fired, by kind.
    public let alarmRates: [String: Double]
    /// Share of batches with any score-PSI, score-KS or ECE alarm (the model's family).
    public let outputAlarmRate: Double
    /// Share of batches with any feature alarm (the PSI and KS families).
    public let inputAlarmRate: Double
    /// Share of batches with any alarm at all: what `alpha` bounds.
    public let anyAlarmRate: Double
    /// Share of batches whose verdict was to stop serving.
    public let stopServingRate: Double

    /// Draws `batches` batches of `batchSize` rows (without replacement within a batch) from `population`
    /// and checks each with `monitor`.
    public init(
        monitor: DriftMonitor, population: DriftBatch, batches: Int, batchSize: Int,
        random: inout some RandomNumberGenerator
    ) {
        precondition(batches > 0)
        var counts: [DriftAlarm.Kind: Int] = [:]
        var output = 0
        var input = 0
        var any = 0
        var stops = 0
        let outputKinds: Set<DriftAlarm.Kind> = [.scorePSI, .scoreKS, .calibrationECE]
        for _ in 0..<batches {
            let batch = population.randomBatch(size: batchSize, random: &random)
            let report = monitor.check(batch, random: &random)
            let kinds = Set(report.alarms.map(\.kind))
            for kind in kinds { counts[kind, default: 0] += 1 }
            if !kinds.isDisjoint(with: outputKinds) { output += 1 }
            if !kinds.subtracting(outputKinds).isEmpty { input += 1 }
            if !kinds.isEmpty { any += 1 }
            if report.verdict.shouldStopServing { stops += 1 }
        }
        let total = Double(batches)
        self.batches = batches
        self.batchSize = batchSize
        var rates: [String: Double] = [:]
        for kind in DriftAlarm.Kind.allCases { rates[kind.rawValue] = Double(counts[kind] ?? 0) / total }
        alarmRates = rates
        outputAlarmRate = Double(output) / total
        inputAlarmRate = Double(input) / total
        anyAlarmRate = Double(any) / total
        stopServingRate = Double(stops) / total
    }
}
