public import RevloopCore

/// The closed revenue outcome a lead went on to, the lead model's label: won when any of the person's deals
/// closed won (at the first such close), lost when every one of them closed lost (at the last close).
/// Anything else is not an outcome yet (censored) and never a label: meetings booked or an MQL stage say
/// nothing about revenue, and a lead with an open deal may still win.
public enum LeadOutcome: Hashable, Sendable {
    case won(at: Timestamp)
    case lost(at: Timestamp)
    case censored(Censoring)

    /// Why a lead carries no label.
    public enum Censoring: String, Hashable, Sendable {
        /// No deal at all (yet).
        case noDeal = "no_deal"
        /// Deals, none won and at least one still open.
        case openDeal = "open_deal"
    }

    /// `true` won, `false` lost, `nil` censored.
    public var label: Bool? {
        switch self {
        case .won: true
        case .lost: false
        case .censored: nil
        }
    }

    /// When the outcome was decided; `nil` when censored.
    public var decidedAt: Timestamp? {
        switch self {
        case .won(let at), .lost(let at): at
        case .censored: nil
        }
    }
}
