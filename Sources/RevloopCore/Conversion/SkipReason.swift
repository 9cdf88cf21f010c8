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
    /// Below the goal's `filter.min_amount`.
    case belowMinimumAmount
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

    /// A stable snake_case code, for JSON and the ledger.
    public var code: String {
        switch self {
        case .alreadySent: "already_sent"
        case .inFlight: "in_flight"
        case .rejectedBefore: "rejected_before"
        case .outsideWindow: "outside_window"
        case .inTheFuture: "in_the_future"
        case .heldOut: "held_out"
        case .dealDeleted: "deal_deleted"
        case .noLongerWon: "no_longer_won"
        case .noAmount: "no_amount"
        case .belowMinimumAmount: "below_min_amount"
        case .zeroValue: "zero_value"
        case .noExchangeRate: "no_exchange_rate"
        case .noContact: "no_contact"
        case .noMatchableIdentifier: "no_matchable_identifier"
        case .consentDenied: "consent_denied"
        case .consentUnknown: "consent_unknown"
        }
    }

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
        case .belowMinimumAmount: "below the goal's filter.min_amount"
        case .zeroValue: "value is zero"
        case .noExchangeRate(let from, let to): "no \(from)->\(to) exchange rate on or before the conversion day"
        case .noContact: "the deal has no contact"
        case .noMatchableIdentifier: "no identifier this platform matches on"
        case .consentDenied: "consent denied (ad_user_data)"
        case .consentUnknown: "consent unknown and the goal skips unknown consent"
        }
    }
}
