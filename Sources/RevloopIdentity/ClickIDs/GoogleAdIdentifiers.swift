public import RevloopCore

/// The click identifiers one Google conversion carries: a gclid, or else one of gbraid and wbraid,
/// never both (Google rejects an event with gbraid and wbraid together).
public struct GoogleAdIdentifiers: Hashable, Sendable {
    public var gclid: String?
    public var gbraid: String?
    public var wbraid: String?

    public init(gclid: String? = nil, gbraid: String? = nil, wbraid: String? = nil) {
        self.gclid = gclid
        self.gbraid = gbraid
        self.wbraid = wbraid
    }

    /// Whether the event carries any click identifier.
    public var isEmpty: Bool { gclid == nil && gbraid == nil && wbraid == nil }

    /// Picks the identifiers for a conversion at `conversionTime` from a contact's clicks: the latest
    /// gclid clicked before the conversion; without one, the latest gbraid or wbraid (only that one).
    /// Clicks after the conversion never count (Google rejects a conversion that precedes its click).
    public static func select(from clicks: [ClickID], conversionTime: Timestamp) -> GoogleAdIdentifiers {
        let before = clicks.filter { $0.clickedAt <= conversionTime }
        func latest(_ kinds: Set<ClickIDKind>) -> ClickID? {
            before.filter { kinds.contains($0.kind) }.max { ($0.clickedAt, $0.value) < ($1.clickedAt, $1.value) }
        }
        if let gclid = latest([.gclid]) { return GoogleAdIdentifiers(gclid: gclid.value) }
        guard let braid = latest([.gbraid, .wbraid]) else { return GoogleAdIdentifiers() }
        return braid.kind == .gbraid
            ? GoogleAdIdentifiers(gbraid: braid.value) : GoogleAdIdentifiers(wbraid: braid.value)
    }
}
