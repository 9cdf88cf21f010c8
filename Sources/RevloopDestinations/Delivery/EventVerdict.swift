/// What became of one event in one request, as the platform's answer says.
public enum EventVerdict: Hashable, Sendable {
    /// The platform holds it. `duplicate`: it already did (an order or transaction id in use), which
    /// counts as accepted.
    case accepted(duplicate: Bool)
    /// Refused for good, with the platform's code: resending would be refused again.
    case rejected(code: String)
    /// Refused for now (too recent, throttled, unavailable): worth sending again later.
    case retry(code: String)
}
