internal import Foundation

/// Where a pull got to in one export file: which version of the file (size and modification time)
/// and the byte offset and line after the last committed record.
///
/// An unchanged, completely read file is skipped (incremental by modification time); a file that
/// changed is read again from the top, and rows not newer than the stored records change nothing.
struct FileStreamCursor: Codable, Equatable {
    /// `size:mtime-ns` of the file version being read.
    var fingerprint: String
    var offset: Int64
    var line: Int
    var isComplete: Bool

    enum CodingKeys: String, CodingKey {
        case fingerprint, offset, line
        case isComplete = "complete"
    }

    static func decode(_ text: String?) -> FileStreamCursor? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(FileStreamCursor.self, from: Data(text.utf8))
    }

    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The fingerprint and size of the file at `path`, or `nil` when it cannot be read.
    static func fingerprint(of path: String) -> (fingerprint: String, size: Int64)? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (attributes[.size] as? NSNumber)?.int64Value,
            let modified = attributes[.modificationDate] as? Date
        else { return nil }
        let nanoseconds = Int64((modified.timeIntervalSince1970 * 1_000_000_000).rounded())
        return ("\(size):\(nanoseconds)", size)
    }
}
