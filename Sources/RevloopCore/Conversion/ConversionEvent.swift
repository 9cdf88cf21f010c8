/// One conversion as Revloop means it, before any platform's wire format: a deal entering a stage, for
/// one goal, with its value in the ad account's currency and the person it is about.
///
/// The destinations' renderers turn it into Data Manager, Google Ads, Meta or LinkedIn bodies.
public struct ConversionEvent: Hashable, Sendable {
    public var key: DedupKey
    /// The mapping (goal) name.
    public var goal: String
    public var platform: Platform
    public var account: String
    /// Google conversion action id, Meta dataset id or LinkedIn conversion rule id.
    public var target: String
    public var connector: ConnectorName
    /// The CRM's own name for the source, sent as Meta's `lead_event_source`.
    public var crmName: String
    public var dealID: DealID
    public var stageID: StageID
    /// The stage's label (Meta's `event_name` for CRM events).
    public var stageLabel: String
    /// When the deal entered the stage: the conversion time, never the processing time.
    public var occurredAt: Timestamp
    /// The value in the account's currency (zero for a retraction).
    public var value: Money
    /// How `value` was converted from the deal's currency, when it was.
    public var conversion: CurrencyConversion?
    public var person: ConversionPerson
    /// Meta Limited Data Use applies.
    public var limitedDataUse: Bool
    /// The scoring model whose win probability valued it (`predicted` goals); recorded in the ledger.
    public var modelVersion: String?

    public init(
        key: DedupKey, goal: String, platform: Platform, account: String, target: String, connector: ConnectorName,
        crmName: String, dealID: DealID, stageID: StageID, stageLabel: String, occurredAt: Timestamp, value: Money,
        conversion: CurrencyConversion?, person: ConversionPerson, limitedDataUse: Bool, modelVersion: String? = nil
    ) {
        self.key = key
        self.goal = goal
        self.platform = platform
        self.account = account
        self.target = target
        self.connector = connector
        self.crmName = crmName
        self.dealID = dealID
        self.stageID = stageID
        self.stageLabel = stageLabel
        self.occurredAt = occurredAt
        self.value = value
        self.conversion = conversion
        self.person = person
        self.limitedDataUse = limitedDataUse
        self.modelVersion = modelVersion
    }
}
