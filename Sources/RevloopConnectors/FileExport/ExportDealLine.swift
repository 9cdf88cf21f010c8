internal import RevloopCore

/// One line of `deals.jsonl`, as written on disk (amounts are decimal strings, timestamps RFC 3339).
struct ExportDealLine: Codable, Sendable {
    struct Stage: Codable, Sendable {
        var stageID: String
        var enteredAt: String?
        /// `enteredAt` already parsed by the fast scanner (then `enteredAt` is nil); never encoded.
        var enteredAtParsed: Timestamp?

        enum CodingKeys: String, CodingKey {
            case stageID = "stage_id"
            case enteredAt = "entered_at"
        }
    }

    struct Amount: Codable, Sendable {
        var amount: String?
        var currency: String?
        var changedAt: String?
        /// `changedAt` already parsed by the fast scanner; never encoded.
        var changedAtParsed: Timestamp?

        init(amount: String? = nil, currency: String? = nil, changedAt: String? = nil) {
            self.amount = amount
            self.currency = currency
            self.changedAt = changedAt
        }

        enum CodingKeys: String, CodingKey {
            case amount, currency
            case changedAt = "changed_at"
        }
    }

    var dealID: String
    var pipelineID: String
    var stageID: String
    var amount: String?
    var currency: String?
    var createdAt: String?
    var updatedAt: String?
    var closeDate: String?
    var companyID: String?
    var contactIDs: [String]?
    var stageHistory: [Stage]?
    var amountHistory: [Amount]?
    var isDeleted: Bool?
    var lostReason: String?
    /// `createdAt` and `updatedAt` already parsed by the fast scanner; never encoded.
    var createdAtParsed: Timestamp?
    var updatedAtParsed: Timestamp?

    init(dealID: String, pipelineID: String, stageID: String) {
        self.dealID = dealID
        self.pipelineID = pipelineID
        self.stageID = stageID
    }

    enum CodingKeys: String, CodingKey {
        case amount, currency
        case dealID = "deal_id"
        case pipelineID = "pipeline_id"
        case stageID = "stage_id"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case closeDate = "close_date"
        case companyID = "company_id"
        case contactIDs = "contact_ids"
        case stageHistory = "stage_history"
        case amountHistory = "amount_history"
        case isDeleted = "is_deleted"
        case lostReason = "lost_reason"
    }
}
