public import RevloopCore

/// The Google Ads API's date-time format, `yyyy-MM-dd HH:mm:ss+hh:mm`, in UTC: never `Z`, which Google
/// rejects (and which `ISO8601DateFormatter` and the `ZZZZZ` pattern print on Linux).
public enum GoogleAdsDateTime {
    public static func format(_ timestamp: Timestamp) -> String {
        var text = RFC3339.format(timestamp, fractionalSeconds: false, useZ: false)
        if let separator = text.firstIndex(of: "T") { text.replaceSubrange(separator...separator, with: " ") }
        return text
    }
}
