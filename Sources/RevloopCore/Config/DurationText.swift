/// Durations as people write them in config files: `90s`, `15m`, `1h`, `1d`.
public enum DurationText {
    /// The duration in seconds, or `nil` if the text is not a positive number with a unit.
    public static func seconds(_ text: String) -> Int? {
        guard let unit = text.last, let value = Int(text.dropLast()), value > 0 else { return nil }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        case "d": return value * 86_400
        default: return nil
        }
    }
}
