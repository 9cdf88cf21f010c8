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
        var text: [UInt8] = []
        text.reserveCapacity(64)
        text.append(contentsOf: salt.utf8)
        text.append(UInt8(ascii: ":"))
        if let scope {
            text.append(contentsOf: scope.utf8)
            text.append(UInt8(ascii: ":"))
        }
        text.append(contentsOf: deal.rawValue.utf8)
        let digest = text.withUnsafeBytes { SHA256.digest(bytes: $0) }
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Double(prefix) / 18_446_744_073_709_551_616.0 < share
    }
}
