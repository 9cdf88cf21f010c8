/// What the identity graph or the CRM says about a visitor that limits what may be shown.
public struct GuardrailFlags: OptionSet, Hashable, Sendable, Codable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Works for a competitor: no case studies, nothing gated.
    public static let competitor = GuardrailFlags(rawValue: 1 << 0)
    /// Already a customer: no prospect-only (acquisition) content.
    public static let existingCustomer = GuardrailFlags(rawValue: 1 << 1)
    /// Asked not to be personalized: a fixed default ranking, no profile used, nothing learned.
    public static let doNotPersonalize = GuardrailFlags(rawValue: 1 << 2)

    /// The flags by their stored names (`competitor`, `existing_customer`, `do_not_personalize`).
    public static let names: [(String, GuardrailFlags)] = [
        ("competitor", .competitor), ("existing_customer", .existingCustomer),
        ("do_not_personalize", .doNotPersonalize),
    ]

    /// The flag stored under `name`; `nil` for an unknown name.
    public init?(name: String) {
        guard let flag = Self.names.first(where: { $0.0 == name })?.1 else { return nil }
        self = flag
    }

    /// The stored names of the flags set.
    public var flagNames: [String] { Self.names.filter { contains($0.1) }.map(\.0) }
}
