/// Which HubSpot API a path names, in either path style: semantic versions (`/crm/v3/objects/deals/search`,
/// `/crm/v4/associations/deals/contacts/batch/read`) or date versions (`/crm/objects/2026-03/deals/search`,
/// `/crm/associations/2026-03/deals/contacts/batch/read`); crms.md 0.1.
enum HubSpotRoute: Hashable {
    case list(objectType: String)
    case search(objectType: String)
    case batchRead(objectType: String)
    case pipelines(objectType: String)
    case associationsBatchRead(from: String, to: String)
    case token

    /// The date version the emulator serves besides `v3`/`v4`.
    static let dateVersion = "2026-03"

    init?(path: String) {
        let parts = path.split(separator: "/").map(String.init)
        if parts.count == 3, parts[0] == "oauth", parts[1] == "v1" || parts[1] == Self.dateVersion, parts[2] == "token"
        {
            self = .token
            return
        }
        guard parts.count >= 4, parts[0] == "crm" else { return nil }
        let area: String
        let rest: ArraySlice<String>
        if parts[1] == "v3" || parts[1] == "v4" {
            area = parts[2]
            rest = parts[3...]
            // Objects and pipelines are v3; the associations with labels are v4.
            guard (area == "associations") == (parts[1] == "v4") else { return nil }
        } else if parts[2] == Self.dateVersion {
            area = parts[1]
            rest = parts[3...]
        } else {
            return nil
        }
        let tail = Array(rest)
        switch (area, tail.count) {
        case ("objects", 1): self = .list(objectType: tail[0])
        case ("objects", 2) where tail[1] == "search": self = .search(objectType: tail[0])
        case ("objects", 3) where tail[1] == "batch" && tail[2] == "read": self = .batchRead(objectType: tail[0])
        case ("pipelines", 1): self = .pipelines(objectType: tail[0])
        case ("associations", 4) where tail[2] == "batch" && tail[3] == "read":
            self = .associationsBatchRead(from: tail[0], to: tail[1])
        default: return nil
        }
    }

    /// Whether the search rate limit (5 a second) applies.
    var isSearch: Bool {
        if case .search = self { return true }
        return false
    }
}
