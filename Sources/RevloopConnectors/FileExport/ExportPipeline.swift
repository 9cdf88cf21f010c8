/// One pipeline in `pipelines.json`, as written on disk.
struct ExportPipeline: Codable, Sendable {
    struct Stage: Codable, Sendable {
        var id: String
        var label: String
        /// Win probability, 0 to 1.
        var probability: Double
        var isClosed: Bool
        var isWon: Bool

        enum CodingKeys: String, CodingKey {
            case id, label, probability
            case isClosed = "is_closed"
            case isWon = "is_won"
        }
    }

    var id: String
    var label: String
    var stages: [Stage]
}
