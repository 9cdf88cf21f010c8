internal import Foundation

/// The emulator's `next_cursor`: the sort key of the last row a page held, so the next page starts after it
/// whatever changed meanwhile (opaque to clients, as Pipedrive's cursors are).
struct PipedriveListCursor: Comparable {
    /// Set when the list is sorted by `update_time` (epoch ms); ties are broken by id.
    var updateTime: Int64?
    var id: Int64

    init(updateTime: Int64?, id: Int64) {
        self.updateTime = updateTime
        self.id = id
    }

    init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let id = Int64(parts[1]) else { return nil }
        if parts[0].isEmpty {
            updateTime = nil
        } else {
            guard let time = Int64(parts[0]) else { return nil }
            updateTime = time
        }
        self.id = id
    }

    func encoded() -> String {
        // URL-safe base64 without padding: the cursor goes into a query string as it is.
        Data("\(updateTime.map(String.init) ?? ""):\(id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func < (left: PipedriveListCursor, right: PipedriveListCursor) -> Bool {
        ((left.updateTime ?? 0), left.id) < ((right.updateTime ?? 0), right.id)
    }
}
