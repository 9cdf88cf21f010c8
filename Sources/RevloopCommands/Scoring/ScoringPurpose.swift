internal import ArgumentParser
internal import RevloopScoring

/// What a registry model predicts; one model per purpose is active. `deal` is the win probability of an open
/// deal (behind `predicted` goals and an opportunity's lead score); `lead` is the chance a person who just
/// became a lead goes on to closed-won revenue (the lead score of a known person with no open deal).
enum ScoringPurpose: String, CaseIterable, Sendable, ExpressibleByArgument {
    case deal, lead

    /// Also accepts the registry's names (`deal_win`, `lead_win`).
    init?(argument: String) {
        guard let purpose = Self(rawValue: argument) ?? Self(registryName: argument) else { return nil }
        self = purpose
    }

    init?(registryName: String) {
        guard let purpose = Self.allCases.first(where: { $0.registryName == registryName }) else { return nil }
        self = purpose
    }

    /// The purpose as the registry stores it.
    var registryName: String {
        switch self {
        case .deal: "deal_win"
        case .lead: "lead_win"
        }
    }

    /// The start of its versions: `deal-win-20261129-1`.
    var versionPrefix: String {
        switch self {
        case .deal: "deal-win"
        case .lead: "lead-win"
        }
    }

    /// What one row is, in reports ("deals", "leads").
    var rowNoun: String { "\(rawValue)s" }

    /// Its feature columns, for the schema and the drift monitor.
    var featureNames: [String] {
        switch self {
        case .deal: DealFeatures.names
        case .lead: LeadFeatures.names
        }
    }

    var categoricalFeatures: Set<String> {
        switch self {
        case .deal: DealFeatures.categorical
        case .lead: LeadFeatures.categorical
        }
    }

    /// The scheduled runs of its maintenance (`status` reads the deal model's).
    var trainCommand: String { self == .deal ? "score-train" : "score-train-lead" }
    var monitorCommand: String { self == .deal ? "score-monitor" : "score-monitor-lead" }

    /// The drift monitor's columns of rows of this purpose.
    func columns(of rows: [[String: FeatureValue]]) -> [FeatureColumn] {
        featureNames.map { name in FeatureColumn(name: name, values: rows.map { $0[name] ?? .missing }) }
    }
}
