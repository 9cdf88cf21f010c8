/// Who a block is written for: existing customers get no acquisition pitch, prospects no customer-only content.
public enum Audience: String, Hashable, Sendable, CaseIterable, Codable {
    case any
    case prospects
    case customers
}
