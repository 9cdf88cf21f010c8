public import RevloopCore

/// A destination's match-key rate in one run: of the conversions that happened in the last week and got
/// as far as the identifier check, the share that carried an identifier the platform matches on (a
/// click id or a hashed email or phone).
///
/// The platforms do not report their match rate in the answers Revloop reads, so this is the part of it
/// the bridge controls: when a CRM form stops filling emails or click ids, this rate falls within days,
/// long before the bidding does. Recent conversions only, so the rate follows the data as it changes
/// instead of averaging over a 90-day window.
public struct MatchKeyTally: Hashable, Sendable {
    public var keyed = 0
    public var unkeyed = 0
    /// Conversions older than this are not counted.
    public let since: Timestamp

    /// Fewer conversions than this in a run make no rate: a handful of events is noise.
    public static let minimumConversions = 20

    public init(asOf: Timestamp, days: Int64 = 7) { since = asOf.adding(milliseconds: -days * 86_400_000) }

    public mutating func count(_ operation: PlannedOperation) {
        guard operation.occurredAt >= since else { return }
        switch operation.action {
        case .upload, .restate, .retract, .cannotAdjust,
            .skip(.alreadySent), .skip(.inFlight), .skip(.rejectedBefore):
            keyed += 1
        case .skip(.noMatchableIdentifier), .skip(.noContact):
            unkeyed += 1
        case .skip:
            // Decided before the identifiers were looked at (a holdout, a filter, consent): not counted.
            break
        }
    }

    /// The share with a match key, or `nil` below `minimumConversions`.
    public var rate: Double? {
        let all = keyed + unkeyed
        return all >= Self.minimumConversions ? Double(keyed) / Double(all) : nil
    }
}
