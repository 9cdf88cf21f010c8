/// The ad platforms (and API paths) Revloop delivers to.
public enum Platform: String, Hashable, Sendable, Codable, CaseIterable {
    /// Google through the Data Manager API (`events:ingest`), the primary Google path.
    case googleDataManager = "google_data_manager"
    /// Google Ads API click-conversion uploads, for allowlisted developer tokens only.
    case googleAds = "google_ads"
    /// Meta Conversions API.
    case meta
    /// LinkedIn Conversions API.
    case linkedIn = "linkedin"
}
