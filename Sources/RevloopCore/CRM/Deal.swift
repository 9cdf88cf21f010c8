/// A deal (opportunity) with its whole history: every stage it entered and every amount it had.
public struct Deal: Hashable, Sendable, Codable {
    public var id: DealID
    public var pipelineID: PipelineID
    /// The stage the deal is in now.
    public var stageID: StageID
    /// The amount now; `nil` when the CRM has none (empty is "no value", never zero).
    public var amount: Money?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// The user-editable close date (a day; the time a won stage was entered is the conversion time).
    public var closeDate: CalendarDay?
    public var companyID: CompanyID?
    /// Associated contacts, the primary one first.
    public var contactIDs: [ContactID]
    /// Every stage entered, oldest first, regressions and reopenings included.
    public var stageHistory: [StageTransition]
    /// Every amount the deal had, oldest first.
    public var amountHistory: [AmountChange]
    /// Deleted (archived) in the CRM.
    public var isDeleted: Bool
    /// Why a closed deal was lost (`refunded` for a won deal later refunded), when the CRM says.
    public var lostReason: String?

    public init(
        id: DealID, pipelineID: PipelineID, stageID: StageID, amount: Money?, createdAt: Timestamp,
        updatedAt: Timestamp, closeDate: CalendarDay?, companyID: CompanyID?, contactIDs: [ContactID],
        stageHistory: [StageTransition], amountHistory: [AmountChange], isDeleted: Bool, lostReason: String?
    ) {
        self.id = id
        self.pipelineID = pipelineID
        self.stageID = stageID
        self.amount = amount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closeDate = closeDate
        self.companyID = companyID
        self.contactIDs = contactIDs
        self.stageHistory = stageHistory
        self.amountHistory = amountHistory
        self.isDeleted = isDeleted
        self.lostReason = lostReason
    }
}
