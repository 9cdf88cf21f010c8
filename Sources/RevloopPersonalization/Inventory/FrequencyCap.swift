/// At most `impressions` showings of a block to one visitor within `windowSeconds`.
public struct FrequencyCap: Hashable, Sendable, Codable {
    public var impressions: Int
    public var windowSeconds: Int

    public init(impressions: Int, windowSeconds: Int) {
        self.impressions = impressions
        self.windowSeconds = windowSeconds
    }
}
