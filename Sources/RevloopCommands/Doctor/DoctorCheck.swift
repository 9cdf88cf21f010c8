/// One line of `revloop doctor`: what was checked, how it went, and what to do.
struct DoctorCheck: Encodable, Sendable {
    enum Status: String, Encodable, Sendable, CaseIterable {
        case ok, warning, error
    }

    var status: Status
    var check: String
    var detail: String
    var fix: String?

    var line: String {
        let mark =
            switch status {
            case .ok: "ok     "
            case .warning: "warning"
            case .error: "error  "
            }
        return "\(mark)  \(check): \(detail)" + (fix.map { "; fix: \($0)" } ?? "")
    }
}
