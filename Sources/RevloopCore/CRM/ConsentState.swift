/// One consent signal: granted, denied, or not recorded (a mapping's policy decides what unknown means).
public enum ConsentState: String, Hashable, Sendable, Codable, CaseIterable {
    case granted, denied, unknown

    /// Reads the export's spelling: `granted`/`denied`/`true`/`false`/`yes`/`no`/`1`/`0`, or empty for unknown.
    public init?(exportValue: some StringProtocol) {
        switch exportValue.lowercased() {
        case "granted", "true", "yes", "1", "y": self = .granted
        case "denied", "false", "no", "0", "n": self = .denied
        case "", "unknown", "unspecified": self = .unknown
        default: return nil
        }
    }
}
