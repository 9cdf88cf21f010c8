/// A company (account) in the CRM. Company names are business data, not personal data.
public struct Company: Hashable, Sendable, Codable {
    public var id: CompanyID
    public var name: String
    public var domain: String?
    public var countryCode: String?
    public var industry: String?
    public var employeeCount: Int?
    /// Annual revenue band as the CRM labels it (`<1M`, `1M-10M`, `10M-100M`, `100M+`); a firmographic feature.
    public var revenueBand: String?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp

    public init(
        id: CompanyID, name: String, domain: String?, countryCode: String?, industry: String?,
        employeeCount: Int?, createdAt: Timestamp, updatedAt: Timestamp, revenueBand: String? = nil
    ) {
        self.id = id
        self.name = name
        self.domain = domain
        self.countryCode = countryCode
        self.industry = industry
        self.employeeCount = employeeCount
        self.revenueBand = revenueBand
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
