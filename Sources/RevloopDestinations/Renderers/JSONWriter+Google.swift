internal import RevloopIdentity

extension JSONWriter {
    /// `{"name": value}`: one Google user identifier (each identifier is its own object, a proto oneof).
    mutating func identifierObject(_ name: StaticString, _ value: String) {
        beginObject()
        field(name, value)
        endObject()
    }

    /// The click id fields an event carries (gclid, or else one of gbraid and wbraid).
    mutating func clickFields(_ clicks: GoogleAdIdentifiers) {
        if let gclid = clicks.gclid { field("gclid", gclid) }
        if let gbraid = clicks.gbraid { field("gbraid", gbraid) }
        if let wbraid = clicks.wbraid { field("wbraid", wbraid) }
    }
}
