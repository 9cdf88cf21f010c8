public import RevloopCore
internal import RevloopIdentity

/// A deterministic share of deals that is never sent, so the lift of sending can be measured later.
///
/// A deal is in the cohort when the first 8 bytes of SHA-256(`salt:scope:deal`) (or `salt:deal` for the
/// project-wide cohort), read as a fraction of 2^64, fall below `share`. The same deal is in or out on
/// every run and every machine; changing the salt reshuffles the cohort.
public struct HoldoutCohort: Hashable, Sendable {
    public var share: Double
    public var salt: String
    /// The goal's name when the goal sets its own share; `nil` for the project's cohort.
    public var scope: String?

    public init(share: Double, salt: String, scope: String?) {
        self.share = share
        self.salt = salt
        self.scope = scope
    }

    public func contains(_ deal: DealID) -> Bool {
        guard share > 0 else { return false }
        let text = scope.map { "\(salt):\($0):\(deal.rawValue)" } ?? "\(salt):\(deal.rawValue)"
        let fraction = Double(SHA256.prefix64(text)) / 18_446_744_073_709_551_616.0
        return fraction < share
    }
}
