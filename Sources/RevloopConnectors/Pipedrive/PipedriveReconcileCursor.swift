internal import Foundation

/// Where the persons reconcile got to, committed with each page of it: the last stored contact id it
/// checked (stored ids are walked in text order, so a crashed reconcile resumes after the last committed
/// one), and whether the walk reached the end (the next pull then starts a new one from the first id).
struct PipedriveReconcileCursor: Codable, Equatable {
    var after: String?
    var isComplete: Bool

    enum CodingKeys: String, CodingKey {
        case after
        case isComplete = "complete"
    }

    static func decode(_ text: String?) -> PipedriveReconcileCursor? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(PipedriveReconcileCursor.self, from: Data(text.utf8))
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
