/// The one deterministic key of a conversion operation, derived from (platform, account, goal target,
/// connector, deal, stage). It is sent as Google's `transactionId` / `orderId`, Meta's `event_id` and
/// LinkedIn's `eventId`, so a resend is recognised, and it keys the operation's row in the ledger.
///
/// It is `rl1-` and 32 hex characters of a SHA-256 (the derivation lives in `RevloopMapping`): no
/// personal data, and short enough for every platform's id field.
public struct DedupKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func < (lhs: DedupKey, rhs: DedupKey) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
