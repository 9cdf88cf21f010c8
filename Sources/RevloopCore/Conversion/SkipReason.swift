/// Why the plan sends nothing for a (deal, goal, stage): every skip is counted under one of these.
public enum SkipReason: Hashable, Sendable {
    /// Already sent with this value (the ledger says so): nothing to do.
    case alreadySent
    /// An earlier send of this operation is still in flight (sending or waiting to retry).
    case inFlight
    /// The platform rejected this operation before; it waits in the dead-letter queue for a human.
    case rejectedBefore
    /// Older than the goal's window (or the platform's).
    case outsideWindow(days: Int)
    /// Later than the plan's as-of time (a clock or time-zone problem in the CRM data).
    case inTheFuture
    /// In the holdout cohort: never sent, so lift can be measured.
    case heldOut
    /// The deal was deleted in the CRM before this conversion was sent.
    case dealDeleted
    /// A won conversion whose deal was lost or refunded before it was sent.
    case noLongerWon
    /// The deal has no amount and the value policy needs one.
    case noAmount
    /// Outside the goal's `filter.min_amount` / `filter.max_amount`.
    case outsideAmountFilter
    /// The person's country is not in the goal's `filter.countries`.
    case outsideCountryFilter
    /// The value is zero (for example a stage with win probability 0).
    case zeroValue
    /// No exchange rate for the deal's currency on or before the conversion day.
    case noExchangeRate(from: CurrencyCode, to: CurrencyCode)
    /// The deal has no associated contact in the store.
    case noContact
    /// The contact has no identifier this platform can match on.
    case noMatchableIdentifier
    /// The contact refused ad use of their data.
    case consentDenied
    /// Consent is not recorded and the goal skips unknown consent.
    case consentUnknown

    /// Every reason's code, in `ordinal` order.
    public static let codes = [
        "already_sent", "in_flight", "rejected_before", "outside_window", "in_the_future", "held_out", "deal_deleted",
        "no_longer_won", "no_amount", "outside_amount_filter", "zero_value", "no_exchange_rate", "no_contact",
        "no_matchable_identifier", "consent_denied", "consent_unknown", "outside_country_filter",
    ]

    /// The reason's position in `codes` (counters index by it instead of hashing the code).
    public var ordinal: Int {
        switch self {
        case .alreadySent: 0
        case .inFlight: 1
        case .rejectedBefore: 2
        case .outsideWindow: 3
        case .inTheFuture: 4
        case .heldOut: 5
        case .dealDeleted: 6
        case .noLongerWon: 7
        case .noAmount: 8
        case .outsideAmountFilter: 9
        case .zeroValue: 10
        case .noExchangeRate: 11
        case .noContact: 12
        case .noMatchableIdentifier: 13
        case .consentDenied: 14
        case .consentUnknown: 15
        case .outsideCountryFilter: 16
        }
    }

    /// A stable snake_case code, for JSON and the ledger.
    public var code: String { Self.codes[ordinal] }

    /// What the reason means, for people reading a plan.
    public var explanation: String {
        switch self {
        case .alreadySent: "already sent with this value (ledger)"
        case .inFlight: "an earlier send is still in flight"
        case .rejectedBefore: "rejected by the platform before; see `revloop ledger` and retry after fixing"
        case .outsideWindow(let days): "older than the \(days)-day window"
        case .inTheFuture: "stage entered after the plan's as-of time"
        case .heldOut: "in the holdout cohort (never sent, so lift can be measured)"
        case .dealDeleted: "the deal was deleted in the CRM"
        case .noLongerWon: "won, then lost or refunded before it was sent"
        case .noAmount: "the deal has no amount"
        case .outsideAmountFilter: "outside the goal's filter.min_amount / filter.max_amount"
        case .outsideCountryFilter: "the person's country is not in the goal's filter.countries"
        case .zeroValue: "value is zero"
        case .noExchangeRate(let from, let to): "no \(from)->\(to) exchange rate on or before the conversion day"
        case .noContact: "the deal has no contact"
        case .noMatchableIdentifier: "no identifier this platform matches on"
        case .consentDenied: "consent denied (ad_user_data)"
        case .consentUnknown: "consent unknown and the goal skips unknown consent"
        }
    }
}
