/// Durations as people write them in config files: `90s`, `15m`, `1h`, `1d`.
public enum DurationText {
    /// The duration in seconds, or `nil` if the text is not a positive number with a unit.
    public static func seconds(_ text: String) -> Int? {
        guard let unit = text.last, let value = Int(text.dropLast()), value > 0 else { return nil }
        let scale: Int
        switch unit {
        case "s": scale = 1
        case "m": scale = 60
        case "h": scale = 3600
        case "d": scale = 86_400
        default: return nil
        }
        let (seconds, overflow) = value.multipliedReportingOverflow(by: scale)
        return overflow ? nil : seconds
    }
}
