public import RevloopCore
public import RevloopIdentity

/// A mapping file resolved against its destination and the project: everything the planner needs to
/// decide one goal, with defaults filled in (window, holdout).
public struct ConversionGoal: Hashable, Sendable {
    public var name: String
    public var sourcePath: String
    public var platform: Platform
    public var account: String
    public var target: String
    public var trigger: MappingConfig.Trigger
    /// Pipelines the goal applies to; empty means all.
    public var pipelines: Set<PipelineID>
    public var valuePolicy: MappingConfig.ValuePolicy
    public var staticValue: Money?
    /// The ad account's currency: every value is converted into it.
    public var currency: CurrencyCode
    public var stageProbabilities: [StageID: Double]
    /// Days back from the as-of time a conversion may be sent.
    public var windowDays: Int
    public var consent: ConsentPolicy
    public var holdout: HoldoutCohort
    public var minimumAmount: Money?
    public var maximumAmount: Money?
    /// Only people in these countries are sent (empty: everyone).
    public var countries: Set<String>
    public var sendsLinkedInUserInfo: Bool

    public init(
        mapping: MappingConfig, platform: Platform, projectHoldoutShare: Double, holdoutSalt: String
    ) {
        name = mapping.name
        sourcePath = mapping.sourcePath
        self.platform = platform
        account = mapping.account
        target = mapping.target
        trigger = mapping.trigger
        pipelines = Set(mapping.pipelines)
        valuePolicy = mapping.valuePolicy
        staticValue = mapping.staticValue
        currency = mapping.currency
        stageProbabilities = mapping.stageProbabilities
        windowDays = mapping.windowDays ?? MappingConfig.maximumWindowDays(for: platform)
        consent = ConsentPolicy(unknown: mapping.unknownConsent == .send ? .send : .skip)
        holdout = HoldoutCohort(
            share: mapping.holdoutShare ?? projectHoldoutShare, salt: holdoutSalt,
            scope: mapping.holdoutShare == nil ? nil : mapping.name)
        minimumAmount = mapping.minimumAmount
        maximumAmount = mapping.maximumAmount
        countries = mapping.countries
        sendsLinkedInUserInfo = mapping.sendsLinkedInUserInfo
    }

    /// Whether Google (the only platform that can) adjusts sent conversions for this goal.
    public var canAdjust: Bool { platform == .googleDataManager || platform == .googleAds }

    /// The platform family in dedup keys: both Google paths share keys, so switching from the Google Ads
    /// API to Data Manager restates instead of duplicating.
    var keyFamily: String {
        switch platform {
        case .googleDataManager, .googleAds: "google"
        case .meta: "meta"
        case .linkedIn: "linkedin"
        }
    }
}
