internal import RevloopIdentity

/// The deterministic holdout: a visitor is in it when the SHA-256 of `salt:visitorID`, read as a number
/// in [0, 1), is below `share`. The same visitor is always in or always out (for a salt), on every
/// server, with nothing stored; a new salt draws a new holdout. SHA-256 rather than a fast hash because
/// visitor ids come from browsers: nobody can pick a cookie value that lands outside the holdout.
public struct HoldoutAssignment: Hashable, Sendable {
    public var share: Double
    public var salt: String

    public init(share: Double = 0.10, salt: String = "revloop-holdout-1") {
        self.share = share
        self.salt = salt
    }

    public func contains(_ visitorID: String) -> Bool {
        guard share > 0 else { return false }
        let draw = Double(SHA256.prefix64("\(salt):\(visitorID)") >> 11) * 0x1p-53
        return draw < share
    }
}
