/// The share of leads in one score band, in the reference and in the current batch.
public struct BandShare: Sendable, Hashable, Codable {
    public let band: String
    /// The band's score range, for example `70-100`.
    public let range: String
    public let referenceShare: Double
    public let currentShare: Double
}
