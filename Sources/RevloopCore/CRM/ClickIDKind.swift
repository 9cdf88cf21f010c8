/// The kinds of click identifier the platforms issue.
public enum ClickIDKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// Google click id (web).
    case gclid
    /// Google click id for iOS app-to-web measurement.
    case gbraid
    /// Google click id for iOS web-to-app measurement.
    case wbraid
    /// Meta click id; sent as `fbc` (`fb.1.<click ms>.<fbclid>`).
    case fbclid
    /// LinkedIn first-party tracking id (`li_fat_id`).
    case linkedInFirstPartyID = "li_fat_id"
}
